/* The graph: the Cytoscape.js instance, how each entity type and relation is drawn, and the
 * tooltip on links. The instance is `window.policykg.cy` for the browser tests and the console.
 */
import { BODY_VIEW_STYLE } from "./body-view.js";
import { $, el } from "./dom.js";

export const TYPES = {
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

export let cy = null;

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

/** Draw `elements`; a tap on a node calls `onTapNode` with the id of the entity it shows. */
export function buildGraph(elements, onTapNode) {
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
  cy.on("tap", "node", (event) => onTapNode(entityOf(event.target).id()));
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

/** The entity (or link) an element shows: itself, or the one a body-view stand-in copies. */
export function entityOf(element) {
  const ref = element.data("ref");
  return ref ? cy.getElementById(ref) : element;
}
