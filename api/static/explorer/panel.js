/* The side panel: the selected entity, its source sentence, its roles and its links; and
 * selecting an entity (in the graph, the panel and the URL).
 */
import { STAND_IN } from "./body-view.js";
import { $, el, localIri } from "./dom.js";
import { TYPES, cy } from "./graph.js";
import { state, syncControls, writeHash } from "./state.js";
import { applyView } from "./view.js";

let emptyPanel = [];

/** Keep the panel's first content (its hint), to show again when nothing is selected. */
export function rememberEmptyPanel() {
  emptyPanel = [...$("panel").childNodes].map((n) => n.cloneNode(true));
}

/** Select nothing: unselect in the graph and show the panel's first content again. */
export function clearSelection() {
  cy.$(":selected").unselect();
  $("panel").replaceChildren(...emptyPanel.map((n) => n.cloneNode(true)));
}

function nodeButton(id, text) {
  const node = cy.getElementById(id);
  const button = el("button", { type: "button", class: "linklike", "data-node": id, text: text || node.data("label") });
  button.addEventListener("click", () => select(id, { centre: true }));
  return button;
}

function sourceBlock(data) {
  if (!data.source_text) return null;
  const block = el("figure", { class: "source" }, el("blockquote", { class: "source-text", text: data.source_text }));
  if (data.document) {
    block.append(el("figcaption", { class: "doc" }, "Source: ",
      el("a", { href: localIri("https://w3id.org/policykg/id/" + data.document), text: data.document_title || data.document })));
  }
  return block;
}

function relationName(edge, outgoing) {
  const d = edge.data();
  if (d.relation === "involves") return outgoing ? `involves as ${d.role}` : `${d.role} in`;
  return outgoing ? d.label : `${d.label} (from)`;
}

function renderPanel(node) {
  const panel = $("panel");
  const d = node.data();
  const heading = el("h2", { id: "panel-title", tabindex: "-1", text: d.label });
  const parts = [heading, el("p", { class: "meta" }, el("span", { class: "badge", text: TYPES[d.type].label }),
    d.code ? ` code ${d.code}` : null)];
  if (d.aliases && d.aliases.length) parts.push(el("p", { class: "meta", text: `Also called: ${d.aliases.join("; ")}` }));
  if (d.status_label) parts.push(el("p", { class: "meta", text: `Status: ${d.status_label}` }));
  if (d.timeframe) parts.push(el("p", { class: "meta", text: `Timeframe: ${d.timeframe}` }));
  if (d.description && d.description !== d.source_text) parts.push(el("p", { text: d.description }));
  const source = sourceBlock(d);
  if (source) parts.push(el("h3", { text: "Source sentence" }), source);
  parts.push(el("p", { class: "meta" }, "IRI: ", el("a", { class: "iri", href: localIri(d.iri), text: d.iri })));

  const actions = el("p", {});
  const focusButton = el("button", { type: "button", id: "focus-here", text: "Focus on this" });
  focusButton.addEventListener("click", () => { state.focus = d.id; state.view = ""; applyView(); });
  const pathButton = el("button", { type: "button", text: "Path from here" });
  pathButton.addEventListener("click", () => { $("path-from").value = d.id; $("path-from").closest("details").open = true; $("path-to").focus(); });
  actions.append(focusButton, " ", pathButton);
  if (d.type === "body") {
    const bodyViewButton = el("button", { type: "button", id: "body-view-here", text: "Body view: measures by principle" });
    bodyViewButton.addEventListener("click", () => showBody(d.id));
    actions.append(" ", bodyViewButton);
  }
  parts.push(actions);

  if (d.type === "measure") parts.push(...measureRoles(node));
  if (d.type === "body") parts.push(...bodyMeasures(node));
  parts.push(...neighbourList(node));
  panel.replaceChildren(...parts);
}

function measureRoles(measure) {
  const items = measure.outgoers("edge[relation = 'involves']").map((e) => el("li", {},
    nodeButton(e.target().id(), e.target().data("short")), ` — ${e.data("role")}`,
    e.data("inferred") ? el("span", { class: "inferred-tag", text: " (inferred)" }) : null,
    e.data("quote") ? el("div", { class: "quote", text: `“${e.data("quote")}”` }) : null));
  return items.length ? [el("h3", { text: "Bodies and their roles" }), el("ul", { id: "panel-roles" }, ...items)] : [];
}

// The panel describes the graph's own links, never the body view's stand-ins.
function bodyMeasures(body) {
  const involving = body.incomers("edge[relation = 'involves']").not(`.${STAND_IN}`);
  const groups = new Map();
  for (const edge of involving) {
    const measure = edge.source();
    const principles = measure.outgoers("edge[relation = 'servesPrinciple']").targets();
    const names = principles.length ? principles.map((p) => p.data("label")) : ["No principle recorded"];
    for (const name of names) {
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name).push(edge);
    }
  }
  if (!groups.size) return [];
  const parts = [el("h3", { text: `Measures by principle (${involving.sources().length})` })];
  for (const [principle, edges] of [...groups.entries()].sort()) {
    const list = el("ul", { class: "panel-measures" });
    for (const edge of edges) {
      const measure = edge.source();
      list.append(el("li", {}, nodeButton(measure.id()), ` — role: ${edge.data("role")}`,
        edge.data("inferred") ? el("span", { class: "inferred-tag", text: " (inferred)" }) : null,
        edge.data("quote") ? el("div", { class: "quote", text: `“${edge.data("quote")}”` }) : null,
        sourceBlock(measure.data())));
    }
    parts.push(el("h4", { text: principle }), list);
  }
  return parts;
}

function neighbourList(node) {
  const items = node.connectedEdges().not(`.${STAND_IN}`).map((edge) => {
    const outgoing = edge.source().same(node);
    const other = outgoing ? edge.target() : edge.source();
    return el("li", {}, `${relationName(edge, outgoing)}: `, nodeButton(other.id()),
      edge.data("inferred") ? el("span", { class: "inferred-tag", text: " (inferred)" }) : null);
  });
  return items.length ? [el("h3", { text: `Linked entities (${items.length})` }), el("ul", { id: "panel-neighbours" }, ...items)] : [];
}

export function select(id, options) {
  const node = cy.getElementById(id);
  if (node.empty() || !(node.data("type") in TYPES)) return;
  // In the body view the entity may be drawn as stand-ins (or a group, for a principle).
  const drawn = cy.nodes().filter((n) => (n.id() === id || n.data("ref") === id) && n.visible());
  cy.$(":selected").unselect();
  node.union(drawn).select();
  state.sel = id;
  renderPanel(node);
  if (options.centre && drawn.nonempty()) cy.center(drawn);
  writeHash();
  if (options.moveFocus !== false) $("panel-title").focus();
}

export function showBody(id) {
  Object.assign(state, { view: id ? "body" : "", body: id, focus: "" });
  syncControls();
  applyView();
  if (id) select(id, { centre: false, moveFocus: false });
}
