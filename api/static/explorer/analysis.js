/* The analysis API in the page: a shortest path between two entities, and node sizes by
 * betweenness centrality.
 */
import { STAND_IN } from "./body-view.js";
import { $, el } from "./dom.js";
import { cy } from "./graph.js";
import { state } from "./state.js";

let centrality = null;

export async function findPath() {
  const result = $("path-result");
  cy.elements().removeClass("on-path");
  const from = $("path-from").value.trim();
  const to = $("path-to").value.trim();
  if (!from || !to) { result.replaceChildren(el("li", { text: "Give both ends of the path." })); return; }
  const response = await fetch(`/analysis/path?${new URLSearchParams({ from, to })}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) { result.replaceChildren(el("li", { text: body.message || body.detail || `No path (${response.status})` })); return; }
  if (!body.paths || !body.paths.length) { result.replaceChildren(el("li", { text: "These two entities are not connected." })); return; }
  const byIri = new Map(cy.nodes().not(`.${STAND_IN}`).map((n) => [n.data("iri"), n]));
  const hops = body.paths[0].hops;
  const items = [];
  for (const hop of hops) {
    const a = byIri.get(hop.source.iri);
    const b = byIri.get(hop.target.iri);
    if (a) a.addClass("on-path");
    if (b) b.addClass("on-path");
    if (a && b) a.edgesWith(b).addClass("on-path");
    items.push(el("li", { text: hop.text }));
  }
  result.replaceChildren(...items);
}

// Sizes follow betweenness in the body network (bodies) and the dependency network (measures),
// each scaled to its own largest value; `#cy[data-sizing]` says which sizing is drawn.
export async function applySizing() {
  if (!state.size) {
    cy.nodes().removeData("size");
    cy.style().update(); // removing data does not restyle the nodes that had it
    $("cy").dataset.sizing = "uniform";
    return;
  }
  if (!centrality) {
    const tables = await Promise.all(["/analysis/centrality?ranked_by=betweenness", "/analysis/centrality/measures?ranked_by=betweenness"]
      .map((url) => fetch(url).then((r) => (r.ok ? r.json() : { rows: [] }))));
    centrality = new Map();
    for (const table of tables) {
      const top = Math.max(...table.rows.map((row) => row.betweenness), 0) || 1;
      for (const row of table.rows) centrality.set(row.entity.iri, row.betweenness / top);
    }
  }
  cy.nodes().forEach((n) => {
    const score = centrality.get(n.data("iri"));
    if (score !== undefined) n.data("size", Math.round(16 + 44 * score));
  });
  $("cy").dataset.sizing = "centrality";
}
