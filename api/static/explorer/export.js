/* Exports: the link that downloads the current subgraph from /export, and PNG or SVG
 * pictures of what is drawn.
 */
import { $, el } from "./dom.js";
import { TYPES, cy } from "./graph.js";
import { state } from "./state.js";

export function updateExportLink() {
  const params = new URLSearchParams({ format: $("export-format").value });
  if (state.focus) { params.set("focus", state.focus); params.set("depth", String(state.depth)); }
  else if (state.body) { params.set("body", state.body); }
  if (state.types.length !== Object.keys(TYPES).length) params.set("types", state.types.join(","));
  if (!state.inferred) params.set("inferred", "false");
  $("export-link").setAttribute("href", "/export?" + params.toString());
}

// The PNG and SVG show what is drawn now (the whole view, not only the visible part).
export function exportPng() {
  download(cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 }), "png");
}

export function exportSvg() {
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
