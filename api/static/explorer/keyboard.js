/* The graph canvas from the keyboard: Tab reaches it, an arrow key selects the nearest
 * visible node in that direction (from the selected node, or from the one nearest the
 * middle of the view), Escape clears the selection. The selection opens the panel, which
 * screen readers hear (it is a live region); focus stays on the canvas for the next key.
 */
import { cy, entityOf } from "./graph.js";

const DIRECTIONS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** The visible node nearest the middle of the view. */
function middleNode(nodes) {
  const { x1, x2, y1, y2 } = cy.extent();
  const middle = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
  return nodes.min((n) => Math.hypot(n.position("x") - middle.x, n.position("y") - middle.y)).ele;
}

/** The visible node after `from` going `[dx, dy]`: ahead of it, and nearest the straight line. */
function nextNode(from, [dx, dy], nodes) {
  const origin = from.position();
  const ahead = nodes.filter((n) => {
    if (n.same(from)) return false;
    const p = n.position();
    return (p.x - origin.x) * dx + (p.y - origin.y) * dy > 0;
  });
  if (ahead.empty()) return null;
  return ahead.min((n) => {
    const along = (n.position("x") - origin.x) * dx + (n.position("y") - origin.y) * dy;
    const across = Math.abs((n.position("x") - origin.x) * dy - (n.position("y") - origin.y) * dx);
    return along + 2 * across;
  }).ele;
}

/** Let the canvas take focus and move the selection with the arrow keys.
 *
 * `open(id)` selects an entity (and shows it in the panel); `clear()` selects nothing.
 */
export function bindCanvasKeys(open, clear) {
  const canvas = document.getElementById("cy");
  canvas.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { clear(); return; }
    const direction = DIRECTIONS[event.key];
    if (!direction) return;
    event.preventDefault();  // arrows would scroll the page
    const nodes = cy.nodes(":visible").filter((n) => !n.isParent());
    if (nodes.empty()) return;
    const current = cy.nodes(":selected").filter((n) => n.visible() && !n.isParent()).first();
    const target = current.nonempty() ? nextNode(current, direction, nodes) : middleNode(nodes);
    if (!target) return;
    open(entityOf(target).id());
    const at = target.renderedPosition();
    if (at.x < 0 || at.y < 0 || at.x > cy.width() || at.y > cy.height()) cy.center(target);
  });
}
