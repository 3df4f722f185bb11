/* The tools beside the graph: filters, legend, focus, body view, export, path and sizing. */
import { applySizing, findPath } from "./analysis.js";
import { $, el } from "./dom.js";
import { exportPng, exportSvg, updateExportLink } from "./export.js";
import { TYPES, cy } from "./graph.js";
import { showBody } from "./panel.js";
import { state, syncControls, writeHash } from "./state.js";
import { toggleTable } from "./table.js";
import { applyView } from "./view.js";

/** Fill the filters, the legend and the body lists from the graph, and bind every control. */
export function fillControls() {
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
