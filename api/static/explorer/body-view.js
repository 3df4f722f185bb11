/* The body view: one body, its measures grouped by the principles they serve, roles on links.
 *
 * A measure can serve two principles, and a Cytoscape.js node has one parent, so the view
 * does not re-parent the graph's own nodes: it adds stand-ins (a compound node per principle,
 * a copy of each measure inside the group of each principle it serves, a copy of its link to
 * the body) and removes them when the view changes. Every stand-in carries `ref`, the id of
 * the entity or link it stands for, so a tap, the table and the panel reach the real entity.
 */

export const STAND_IN = "bodyview";
const NO_PRINCIPLE = `${STAND_IN}:no-principle`;

/** Cytoscape.js style rules for the stand-ins (appended to the page's own rules). */
export const BODY_VIEW_STYLE = [
  { selector: `node.${STAND_IN}.group`, style: {
    shape: "round-rectangle", "background-color": "#f1ecf7", "background-opacity": 1,
    "border-width": 2, "border-style": "dashed", "border-color": "#6a3d9a",
    label: "data(label)", "text-valign": "top", "text-halign": "center", "text-margin-y": -4,
    "font-size": 11, "font-weight": "bold", color: "#3f1f66", "text-wrap": "wrap",
    "text-max-width": 260, padding: 14,
  } },
  { selector: `node.${STAND_IN}.group.unserved`, style: { "border-color": "#777", "background-color": "#f2f2f2", color: "#333" } },
  { selector: `node.${STAND_IN}[type = "measure"]`, style: { "text-wrap": "wrap", "text-max-width": 150, "font-size": 8 } },
  { selector: `edge.${STAND_IN}`, style: {
    label: "data(label)", "font-size": 8, "text-rotation": "autorotate", color: "#5a2a00",
    "text-background-color": "#fff", "text-background-opacity": 0.9, "text-background-padding": 1,
  } },
  { selector: ".bodyview-centre", style: { "border-width": 4, "border-color": "#000", width: 36, height: 36, "font-size": 11, "font-weight": "bold" } },
];

/**
 * The stand-in elements of `body`'s view.
 *
 * @param body the body node (a Cytoscape.js node of type "body").
 * @param shown `{ link(edge), measure(node) }`: which links and measures the filters keep.
 * @returns Cytoscape.js element definitions: one group per principle reached (and one for
 *   measures that serve none), a measure copy per (measure, principle) and its link to `body`.
 */
export function bodyViewElements(body, shown) {
  const groups = new Map();
  const members = [];
  const groupFor = (principle) => {
    const id = principle ? `${STAND_IN}:${principle.id()}` : NO_PRINCIPLE;
    if (!groups.has(id)) {
      groups.set(id, principle
        ? { group: "nodes", data: { id, type: "group", label: principle.data("label"), ref: principle.id() }, classes: `${STAND_IN} group` }
        : { group: "nodes", data: { id, type: "group", label: "No principle recorded" }, classes: `${STAND_IN} group unserved` });
    }
    return id;
  };
  const involving = body.incomers('edge[relation = "involves"]').filter(shown.link)
    .sort((a, b) => a.source().data("label").localeCompare(b.source().data("label")));
  for (const link of involving) {
    const measure = link.source();
    if (!shown.measure(measure)) continue;
    const serves = measure.outgoers('edge[relation = "servesPrinciple"]').filter(shown.link).targets();
    for (const principle of serves.length ? serves.toArray() : [null]) {
      const parent = groupFor(principle);
      const id = `${parent}/${measure.id()}`;
      members.push(
        { group: "nodes", data: { ...measure.data(), id, ref: measure.id(), parent }, classes: STAND_IN },
        { group: "edges", data: { ...link.data(), id: `${parent}/${link.id()}`, source: id, target: body.id(), ref: link.id() }, classes: STAND_IN },
      );
    }
  }
  return [...[...groups.values()].sort((a, b) => a.data.label.localeCompare(b.data.label)), ...members];
}

/**
 * Lay the view out: the body in the middle, the principle groups on a circle around it, far
 * enough apart not to overlap, and the measures of each group on a grid (Cytoscape.js's grid
 * layout) inside it; then fit the view. The picture is the same on every load.
 */
export function layOutBodyView(view, body) {
  const cell = { w: 180, h: 90 };
  const boxes = view.nodes(`.${STAND_IN}.group`).map((group) => {
    const count = group.children().length;
    const cols = Math.ceil(Math.sqrt(count));
    return { group, cols, w: cols * cell.w, h: Math.ceil(count / cols) * cell.h };
  });
  const span = Math.max(0, ...boxes.map((box) => Math.hypot(box.w, box.h)));
  // Neighbouring groups are a chord 2r·sin(π/n) apart: at least the largest group's diagonal.
  const radius = boxes.length > 1 ? span / (2 * Math.sin(Math.PI / boxes.length)) + 60 : span / 2 + 120;
  body.position({ x: 0, y: 0 });
  boxes.forEach((box, index) => {
    const angle = (2 * Math.PI * index) / boxes.length - Math.PI / 2;
    const centre = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    box.group.children().layout({
      name: "grid", cols: box.cols, fit: false, animate: false, avoidOverlap: true,
      boundingBox: { x1: centre.x - box.w / 2, y1: centre.y - box.h / 2, w: box.w, h: box.h },
      sort: (a, b) => a.data("label").localeCompare(b.data("label")),
    }).run();
  });
  view.cy().fit(view, 30);
}
