/* What the graph shows: the filters, the focus and its depth, or one body's view; then the
 * status line, the focus line, the export link and the table follow the view.
 */
import { STAND_IN, bodyViewElements, layOutBodyView } from "./body-view.js";
import { $, setStatus } from "./dom.js";
import { updateExportLink } from "./export.js";
import { cy } from "./graph.js";
import { state, writeHash } from "./state.js";
import { renderTable } from "./table.js";

function linkShown(edge) {
  return edge.data("inferred") ? state.inferred : state.stated;
}

function visibleSet() {
  let nodes = cy.nodes().filter((n) => state.types.includes(n.data("type")));
  let edges = cy.edges().filter((e) => linkShown(e) && nodes.contains(e.source()) && nodes.contains(e.target()));
  const measureRules = [];
  if (state.status) measureRules.push((m) => m.data("status") === state.status);
  for (const key of ["body", "principle"]) {
    if (!state[key]) continue;
    const anchor = cy.getElementById(state[key]);
    measureRules.push((m) => edges.some((e) => e.source().same(m) && e.target().same(anchor)));
  }
  if (measureRules.length) {
    const keepMeasures = nodes.filter((n) => n.data("type") === "measure" && measureRules.every((rule) => rule(n)));
    const anchors = [state.body, state.principle].filter(Boolean);
    nodes = nodes.filter((n) => n.data("type") === "measure" ? keepMeasures.contains(n)
      : anchors.includes(n.id()) || edges.some((e) => (e.source().same(n) && keepMeasures.contains(e.target()))
        || (e.target().same(n) && keepMeasures.contains(e.source()))));
    edges = edges.filter((e) => nodes.contains(e.source()) && nodes.contains(e.target()));
  }
  if (state.focus) {
    const centre = cy.getElementById(state.focus);
    if (centre.nonempty()) {
      let reached = centre.union(cy.collection());
      let frontier = reached;
      for (let step = 0; step < state.depth; step += 1) {
        const around = frontier.connectedEdges().intersection(edges);
        const next = around.connectedNodes().intersection(nodes).difference(reached);
        reached = reached.union(next);
        frontier = next;
      }
      nodes = reached;
      edges = edges.filter((e) => nodes.contains(e.source()) && nodes.contains(e.target()));
    }
  }
  return nodes.union(edges);
}

export function applyView() {
  cy.remove(`.${STAND_IN}`);
  const body = state.view === "body" && state.body ? cy.getElementById(state.body) : cy.collection();
  const visible = body.nonempty() ? showBodyView(body) : showNetwork();
  const nodeCount = visible.nodes().length;
  const edgeCount = visible.edges().length;
  $("cy").dataset.visibleNodes = String(nodeCount);
  $("cy").dataset.visibleEdges = String(edgeCount);
  if (body.nonempty()) {
    const groups = visible.nodes(".group");
    const measures = new Set(groups.children().map((n) => n.data("ref")));
    setStatus(`Body view of ${body.data("label")}: ${measures.size} measures in ${groups.length} group${groups.length === 1 ? "" : "s"} by principle`);
  } else if (state.view === "body") {
    setStatus("Body view: choose a body.");
  } else {
    setStatus(`${nodeCount} entities and ${edgeCount} links shown`);
  }
  updateFocusLine();
  updateExportLink();
  renderTable(visible);
  writeHash();
}

function showNetwork() {
  const visible = visibleSet();
  cy.batch(() => {
    cy.elements().addClass("hidden").removeClass("focus-centre bodyview-centre");
    visible.removeClass("hidden");
    if (state.focus) cy.getElementById(state.focus).addClass("focus-centre");
  });
  const distance = state.focus ? focusDistances(visible) : null;
  const layout = state.focus
    ? { name: "concentric", animate: false, fit: true, padding: 30, minNodeSpacing: 50,
        concentric: (n) => 10 - (distance.get(n.id()) ?? state.depth), levelWidth: () => 1 }
    : { name: "cose", animate: false, fit: true, padding: 30, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70 };
  visible.layout(layout).run();
  return visible;
}

// The body view: the body, and its measures grouped by principle (see body-view.js). The
// status and principle filters narrow the measures; the stated/inferred switches the links.
function showBodyView(body) {
  const measureShown = (measure) => (!state.status || measure.data("status") === state.status)
    && (!state.principle || measure.outgoers('edge[relation = "servesPrinciple"]').filter(linkShown)
      .targets().some((p) => p.id() === state.principle));
  const visible = body.union(cy.add(bodyViewElements(body, { link: linkShown, measure: measureShown })));
  cy.batch(() => {
    cy.elements().addClass("hidden").removeClass("focus-centre bodyview-centre");
    visible.removeClass("hidden");
    body.addClass("bodyview-centre");
  });
  layOutBodyView(visible, body);
  return visible;
}

function focusDistances(visible) {
  const distance = new Map();
  visible.breadthFirstSearch({
    roots: cy.getElementById(state.focus),
    visit: (v, e, u, i, depth) => { distance.set(v.id(), depth); },
  });
  return distance;
}

function updateFocusLine() {
  const line = $("focus-line");
  if (!state.focus) { line.textContent = state.view ? "No focus." : "No focus: the whole graph is shown."; return; }
  const centre = cy.getElementById(state.focus);
  line.textContent = `Focus: ${centre.nonempty() ? centre.data("label") : state.focus}, ${state.depth} link${state.depth > 1 ? "s" : ""} around it.`;
}
