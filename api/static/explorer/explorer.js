/* PolicyKG explorer: draws /explorer/graph.json with Cytoscape.js.
 *
 * Every data value reaches the page through textContent or an attribute, never innerHTML.
 * The view's state (focus, depth, filters, body view, selection) lives in the URL hash, so a
 * view can be shared and is restored on reload. The Cytoscape.js instance is `window.policykg.cy`
 * for the browser tests and the console.
 */
import { BODY_VIEW_STYLE, STAND_IN, bodyViewElements, layOutBodyView } from "./body-view.js";

const TYPES = {
  principle: { label: "Principle", colour: "#6a3d9a", shape: "star" },
  measure: { label: "Measure", colour: "#1f78b4", shape: "ellipse" },
  body: { label: "Body", colour: "#e66101", shape: "round-rectangle" },
  legislation: { label: "Legislation", colour: "#b2182b", shape: "diamond" },
  programme: { label: "Programme", colour: "#33a02c", shape: "hexagon" },
  cohort: { label: "Cohort", colour: "#8c6d31", shape: "triangle" },
};
const RELATION_COLOURS = {
  servesPrinciple: "#6a3d9a",
  involves: "#e66101",
  dependsOn: "#1f78b4",
  carriedBy: "#b2182b",
  concernsCohort: "#8c6d31",
  concernsProgramme: "#33a02c",
  citesLegislation: "#b2182b",
  drawsOnLearningFrom: "#33a02c",
};
const DEFAULT_STATE = {
  focus: "", depth: 1, types: Object.keys(TYPES), stated: true, inferred: true,
  status: "", body: "", principle: "", sel: "", size: false, view: "",
};

const $ = (id) => document.getElementById(id);
let cy = null;
let state = Object.assign({}, DEFAULT_STATE);
let searchIndex = [];
let activeResult = -1;
let centrality = null;
let emptyPanel = [];

// -- small DOM helpers (text only) -------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
function setStatus(text) { $("status-line").textContent = text; }
function localIri(iri) {
  const base = "https://w3id.org/policykg/id/";
  return iri.startsWith(base) ? "/id/" + iri.slice(base.length) : iri;
}

// -- state <-> URL hash ------------------------------------------------------------------
function readHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const next = Object.assign({}, DEFAULT_STATE);
  if (params.has("focus")) next.focus = params.get("focus");
  const depth = parseInt(params.get("depth") || "1", 10);
  next.depth = depth >= 1 && depth <= 3 ? depth : 1;
  if (params.has("types")) next.types = params.get("types").split(",").filter((t) => t in TYPES);
  if (params.has("links")) {
    const links = params.get("links").split(",");
    next.stated = links.includes("stated");
    next.inferred = links.includes("inferred");
  }
  for (const key of ["status", "body", "principle", "sel"]) {
    if (params.has(key)) next[key] = params.get(key);
  }
  // A shared link may name a body by its slug alone: #view=body&body=ofsted.
  if (next.body && !next.body.includes("/")) next.body = `body/${next.body}`;
  next.view = params.get("view") === "body" ? "body" : "";
  if (next.view) next.focus = "";
  next.size = params.get("size") === "1";
  return next;
}
function writeHash() {
  const params = new URLSearchParams();
  if (state.view) params.set("view", state.view);
  if (state.focus) { params.set("focus", state.focus); params.set("depth", String(state.depth)); }
  if (state.types.length !== Object.keys(TYPES).length) params.set("types", state.types.join(","));
  if (!(state.stated && state.inferred)) {
    params.set("links", [state.stated && "stated", state.inferred && "inferred"].filter(Boolean).join(","));
  }
  for (const key of ["status", "body", "principle", "sel"]) if (state[key]) params.set(key, state[key]);
  if (state.size) params.set("size", "1");
  const hash = params.toString();
  history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
}

// -- the graph ---------------------------------------------------------------------------
function cyStyle() {
  const style = [
    { selector: "node", style: {
      label: "data(short)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 110,
      "text-valign": "bottom", "text-margin-y": 2, color: "#222", width: 22, height: 22,
      "border-width": 1, "border-color": "#333",
    } },
    { selector: "edge", style: {
      width: 1.4, "curve-style": "bezier", "target-arrow-shape": "triangle",
      "arrow-scale": 0.7, "line-color": "#999", "target-arrow-color": "#999", opacity: 0.8,
    } },
    { selector: "edge[?inferred]", style: { "line-style": "dashed" } },
    { selector: "node[size]", style: { width: "data(size)", height: "data(size)" } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#f2a900" } },
    { selector: ".focus-centre", style: { "border-width": 4, "border-color": "#000" } },
    { selector: ".on-path", style: { "line-color": "#f2a900", "target-arrow-color": "#f2a900", width: 4, "border-width": 4, "border-color": "#f2a900", opacity: 1 } },
    { selector: "edge.hovered", style: { width: 3, opacity: 1, label: "data(label)", "font-size": 8, "text-background-color": "#fff", "text-background-opacity": 1 } },
  ];
  for (const [type, spec] of Object.entries(TYPES)) {
    style.push({ selector: `node[type = "${type}"]`, style: { "background-color": spec.colour, shape: spec.shape } });
  }
  for (const [relation, colour] of Object.entries(RELATION_COLOURS)) {
    style.push({ selector: `edge[relation = "${relation}"]`, style: { "line-color": colour, "target-arrow-color": colour } });
  }
  return [...style, ...BODY_VIEW_STYLE];
}

function buildGraph(elements) {
  for (const node of elements.nodes) {
    const d = node.data;
    d.short = d.type === "body" && d.code ? d.code : d.label;
  }
  cy = cytoscape({
    container: $("cy"),
    elements: { nodes: elements.nodes, edges: elements.edges },
    style: cyStyle(),
    layout: { name: "preset" },
    wheelSensitivity: 0.3,
    maxZoom: 2.5,
    selectionType: "single",
  });
  window.policykg = { cy };
  cy.on("tap", "node", (event) => select(entityOf(event.target).id(), { centre: false }));
  cy.on("mouseover", "edge", (event) => showEdgeTip(event.target, event.renderedPosition));
  cy.on("mouseout", "edge", (event) => { event.target.removeClass("hovered"); $("edge-tip").hidden = true; });
}

function edgeText(edge) {
  const d = edge.data();
  const from = cy.getElementById(d.source).data("short");
  const to = cy.getElementById(d.target).data("short");
  const relation = d.relation === "involves" ? `involves (${d.role || "role unknown"})` : d.label;
  return `${from} — ${relation} → ${to}${d.inferred ? " (inferred)" : ""}`;
}

function showEdgeTip(edge, position) {
  edge.addClass("hovered");
  const tip = $("edge-tip");
  tip.replaceChildren(el("strong", { text: edgeText(edge) }));
  if (edge.data("quote")) tip.append(el("div", { class: "quote", text: `“${edge.data("quote")}”` }));
  if (edge.data("reason")) tip.append(el("div", { text: `Why inferred: ${edge.data("reason")}` }));
  tip.style.left = `${Math.round(position.x + 12)}px`;
  tip.style.top = `${Math.round(position.y + 12)}px`;
  tip.hidden = false;
}

// -- filters and focus -------------------------------------------------------------------
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

function applyView() {
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

/** The entity (or link) an element shows: itself, or the one a body-view stand-in copies. */
function entityOf(element) {
  const ref = element.data("ref");
  return ref ? cy.getElementById(ref) : element;
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

function updateExportLink() {
  const params = new URLSearchParams({ format: $("export-format").value });
  if (state.focus) { params.set("focus", state.focus); params.set("depth", String(state.depth)); }
  else if (state.body) { params.set("body", state.body); }
  if (state.types.length !== Object.keys(TYPES).length) params.set("types", state.types.join(","));
  if (!state.inferred) params.set("inferred", "false");
  $("export-link").setAttribute("href", "/export?" + params.toString());
}

// -- the table view ----------------------------------------------------------------------
// Rows of the entity table are focusable: Enter (or a click) opens the entity in the panel,
// the arrow keys move between rows. The graph canvas itself cannot take keyboard focus.
function renderTable(visible) {
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

function bindTable() {
  const rows = $("node-table").tBodies[0];
  rows.addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-node]");
    if (row) select(row.dataset.node, { centre: true });
  });
  rows.addEventListener("keydown", (event) => {
    const row = event.target.closest("tr[data-node]");
    if (!row) return;
    const next = { ArrowDown: row.nextElementSibling, ArrowUp: row.previousElementSibling }[event.key];
    if (event.key === "Enter" || event.key === " ") select(row.dataset.node, { centre: true });
    else if (next) next.focus();
    else return;
    event.preventDefault();
  });
}

// -- the side panel ----------------------------------------------------------------------
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

function select(id, options) {
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

function showBody(id) {
  Object.assign(state, { view: id ? "body" : "", body: id, focus: "" });
  syncControls();
  applyView();
  if (id) select(id, { centre: false, moveFocus: false });
}

// -- search ------------------------------------------------------------------------------
function buildSearchIndex() {
  searchIndex = cy.nodes().map((n) => {
    const d = n.data();
    const words = [d.label, d.code, d.id, ...(d.aliases || [])].filter(Boolean).map((w) => w.toLowerCase());
    return { id: d.id, label: d.label, code: d.code, type: d.type, words };
  });
}
function searchMatches(query) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored = [];
  for (const entry of searchIndex) {
    let score = 0;
    if (entry.code && entry.code.toLowerCase() === q) score = 4;
    else if (entry.words.some((w) => w === q)) score = 3;
    else if (entry.words.some((w) => w.startsWith(q))) score = 2;
    else if (entry.words.some((w) => w.includes(q))) score = 1;
    if (score) scored.push([score, entry]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1].label.localeCompare(b[1].label));
  return scored.slice(0, 12).map((pair) => pair[1]);
}
function renderResults() {
  const list = $("search-results");
  const input = $("search");
  const matches = searchMatches(input.value);
  list.replaceChildren(...matches.map((entry, i) => {
    const item = el("li", { id: `result-${i}`, role: "option", "data-node": entry.id, "aria-selected": String(i === activeResult) },
      entry.code && entry.code !== entry.label ? `${entry.label} (${entry.code})` : entry.label,
      el("span", { class: "type", text: TYPES[entry.type].label }));
    item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(entry.id); });
    return item;
  }));
  list.hidden = matches.length === 0;
  input.setAttribute("aria-expanded", String(!list.hidden));
  if (activeResult >= 0 && matches.length) input.setAttribute("aria-activedescendant", `result-${activeResult}`);
  else input.removeAttribute("aria-activedescendant");
}
function choose(id) {
  $("search-results").hidden = true;
  $("search").setAttribute("aria-expanded", "false");
  activeResult = -1;
  select(id, { centre: true });
}
function bindSearch() {
  const input = $("search");
  input.addEventListener("input", () => { activeResult = -1; renderResults(); });
  input.addEventListener("keydown", (event) => {
    const count = $("search-results").children.length;
    if (event.key === "ArrowDown" && count) { activeResult = (activeResult + 1) % count; renderResults(); event.preventDefault(); }
    else if (event.key === "ArrowUp" && count) { activeResult = (activeResult - 1 + count) % count; renderResults(); event.preventDefault(); }
    else if (event.key === "Enter") {
      const items = $("search-results").children;
      const item = items[Math.max(activeResult, 0)];
      if (item) choose(item.dataset.node);
      event.preventDefault();
    } else if (event.key === "Escape") { $("search-results").hidden = true; input.setAttribute("aria-expanded", "false"); }
  });
  input.addEventListener("blur", () => { $("search-results").hidden = true; input.setAttribute("aria-expanded", "false"); });
}

// -- controls ----------------------------------------------------------------------------
function fillControls() {
  const typeBox = $("type-filters");
  const legend = $("legend");
  for (const [type, spec] of Object.entries(TYPES)) {
    const box = el("input", { type: "checkbox", value: type, "data-type-filter": type });
    box.addEventListener("change", () => {
      state.types = [...typeBox.querySelectorAll("input:checked")].map((i) => i.value);
      applyView();
    });
    typeBox.append(el("label", {}, box, ` ${spec.label}`));
    legend.append(el("li", {}, el("span", { class: `swatch ${type}`, "aria-hidden": "true" }), `${spec.label} (${spec.shape})`));
  }
  legend.append(el("li", {}, el("span", { class: "swatch line", "aria-hidden": "true" }), "stated link"));
  legend.append(el("li", {}, el("span", { class: "swatch line dashed", "aria-hidden": "true" }), "inferred link (dashed)"));
  const options = (type) => cy.nodes(`[type = "${type}"]`).sort((a, b) => a.data("label").localeCompare(b.data("label")));
  for (const body of options("body")) {
    for (const select of [$("filter-body"), $("body-view")]) {
      select.append(el("option", { value: body.id(), text: `${body.data("code") || ""} — ${body.data("label")}` }));
    }
  }
  for (const principle of options("principle")) $("filter-principle").append(el("option", { value: principle.id(), text: principle.data("label") }));
  const statuses = new Map();
  cy.nodes("[status]").forEach((n) => statuses.set(n.data("status"), n.data("status_label") || n.data("status")));
  for (const [value, text] of [...statuses.entries()].sort()) $("filter-status").append(el("option", { value, text }));

  $("show-stated").addEventListener("change", (e) => { state.stated = e.target.checked; applyView(); });
  $("show-inferred").addEventListener("change", (e) => { state.inferred = e.target.checked; applyView(); });
  for (const key of ["body", "principle", "status"]) {
    $(`filter-${key}`).addEventListener("change", (e) => { state[key] = e.target.value; applyView(); });
  }
  $("focus-depth").addEventListener("change", (e) => { state.depth = parseInt(e.target.value, 10); applyView(); });
  $("clear-focus").addEventListener("click", () => { state.focus = ""; state.view = ""; syncControls(); applyView(); });
  $("body-view").addEventListener("change", (e) => showBody(e.target.value));
  $("export-format").addEventListener("change", updateExportLink);
  $("export-png").addEventListener("click", exportPng);
  $("export-svg").addEventListener("click", exportSvg);
  $("toggle-table").addEventListener("click", toggleTable);
  $("find-path").addEventListener("click", findPath);
  $("size-centrality").addEventListener("change", (e) => { state.size = e.target.checked; applySizing().then(writeHash); });
}

function syncControls() {
  for (const box of $("type-filters").querySelectorAll("input")) box.checked = state.types.includes(box.value);
  $("show-stated").checked = state.stated;
  $("show-inferred").checked = state.inferred;
  $("filter-body").value = state.body;
  $("body-view").value = state.view ? state.body : "";
  $("filter-principle").value = state.principle;
  $("filter-status").value = state.status;
  $("focus-depth").value = String(state.depth);
  $("size-centrality").checked = state.size;
}

function toggleTable() {
  const view = $("table-view");
  view.hidden = !view.hidden;
  $("toggle-table").setAttribute("aria-expanded", String(!view.hidden));
  $("toggle-table").textContent = view.hidden ? "Show table" : "Hide table";
}

// The PNG and SVG show what is drawn now (the whole view, not only the visible part).
function exportPng() {
  download(cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 }), "png");
}

function exportSvg() {
  // cy.svg comes from the vendored cytoscape-svg extension, which registers itself on load.
  const svg = cy.svg({ full: true, scale: 1, bg: "#ffffff" });
  download(new Blob([svg], { type: "image/svg+xml" }), "svg");
}

function download(blob, extension) {
  const name = state.view && state.body ? state.body : state.focus || "explorer";
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: `policykg-${name.replace("/", "-")}.${extension}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// -- analysis API: paths and centrality ---------------------------------------------------
async function findPath() {
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
async function applySizing() {
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

// -- start -------------------------------------------------------------------------------
function restore() {
  state = readHash();
  syncControls();
  applyView();
  if (state.sel && cy.getElementById(state.sel).nonempty()) select(state.sel, { centre: false, moveFocus: false });
  else { cy.$(":selected").unselect(); $("panel").replaceChildren(...emptyPanel.map((n) => n.cloneNode(true))); }
  applySizing();
}

async function start() {
  const response = await fetch("/explorer/graph.json");
  if (!response.ok) { setStatus(`Could not load the graph (${response.status}).`); return; }
  const elements = await response.json();
  emptyPanel = [...$("panel").childNodes].map((n) => n.cloneNode(true));
  // On a narrow window the tools start folded, so the graph is near the top.
  if (window.matchMedia("(max-width: 900px)").matches) {
    for (const section of document.querySelectorAll(".controls details")) section.open = false;
  }
  buildGraph(elements);
  buildSearchIndex();
  fillControls();
  bindSearch();
  bindTable();
  restore();
  window.addEventListener("hashchange", restore);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
