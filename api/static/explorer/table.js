/* The table view: the entities and links of the current view as two tables.
 *
 * Rows of the entity table are focusable: Enter (or a click) opens the entity in the panel,
 * the arrow keys move between rows. The graph canvas itself cannot take keyboard focus.
 */
import { STAND_IN } from "./body-view.js";
import { $, el } from "./dom.js";
import { TYPES, cy, entityOf } from "./graph.js";

export function renderTable(visible) {
  // Stand-ins repeat an entity, so rows are keyed by the entity's id.
  const unique = (elements) => cy.collection([...new Map(elements.map((e) => [e.id(), e])).values()]);
  const nodes = unique(visible.nodes().map(entityOf)).filter((n) => n.data("type") in TYPES);
  // In the body view a measure's group stands for its servesPrinciple link.
  const grouped = visible.nodes(`.${STAND_IN}`).filter((n) => n.isChild())
    .flatMap((n) => entityOf(n).edgesTo(entityOf(n.parent())).filter('[relation = "servesPrinciple"]').toArray());
  const edges = unique([...visible.edges().map(entityOf), ...grouped]);
  const nodeRows = nodes.sort((a, b) => a.data("type").localeCompare(b.data("type")) || a.data("label").localeCompare(b.data("label")))
    .map((n) => el("tr", { tabindex: "0", "data-node": n.id() }, el("td", { text: n.data("label") }), el("td", { text: TYPES[n.data("type")].label }),
      el("td", { text: n.data("code") || "" }), el("td", { text: n.data("status_label") || "" }), el("td", { text: n.id() })));
  $("node-table").tBodies[0].replaceChildren(...nodeRows);
  const edgeRows = edges.map((e) => el("tr", {},
    el("td", { text: e.source().data("label") }),
    el("td", { text: e.data("relation") === "involves" ? `involves (${e.data("role") || "?"})` : e.data("label") }),
    el("td", { text: e.target().data("label") }),
    el("td", { text: e.data("inferred") ? "yes" : "no" }),
    el("td", { text: e.data("quote") || "" })));
  $("edge-table").tBodies[0].replaceChildren(...edgeRows);
}

/** Make the entity rows open their entity: `open(id)` is called on a click, Enter or Space. */
export function bindTable(open) {
  const rows = $("node-table").tBodies[0];
  rows.addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-node]");
    if (row) open(row.dataset.node);
  });
  rows.addEventListener("keydown", (event) => {
    const row = event.target.closest("tr[data-node]");
    if (!row) return;
    const next = { ArrowDown: row.nextElementSibling, ArrowUp: row.previousElementSibling }[event.key];
    if (event.key === "Enter" || event.key === " ") open(row.dataset.node);
    else if (next) next.focus();
    else return;
    event.preventDefault();
  });
}

export function toggleTable() {
  const view = $("table-view");
  view.hidden = !view.hidden;
  $("toggle-table").setAttribute("aria-expanded", String(!view.hidden));
  $("toggle-table").textContent = view.hidden ? "Show table" : "Hide table";
}
