/* PolicyKG explorer: draws /explorer/graph.json with Cytoscape.js.
 *
 * Every data value reaches the page through textContent or an attribute, never innerHTML.
 * The view's state (focus, depth, filters, body view, selection) lives in the URL hash, so a
 * view can be shared and is restored on reload (state.js). The Cytoscape.js instance is
 * `window.policykg.cy` for the browser tests and the console (graph.js).
 *
 * This module starts the page, restores the view from the hash, and connects a tap on the
 * graph, an arrow key on it (keyboard.js) and a table row to the panel (graph.js, keyboard.js
 * and table.js sit below the panel, so they take the action as an argument rather than
 * import it).
 */
import { applySizing } from "./analysis.js";
import { fillControls } from "./controls.js";
import { setStatus } from "./dom.js";
import { buildGraph, cy } from "./graph.js";
import { bindCanvasKeys } from "./keyboard.js";
import { clearSelection, rememberEmptyPanel, select } from "./panel.js";
import { bindSearch, buildSearchIndex } from "./search.js";
import { readHash, state, syncControls } from "./state.js";
import { bindTable } from "./table.js";
import { applyView } from "./view.js";

function restore() {
  Object.assign(state, readHash());
  syncControls();
  applyView();
  if (state.sel && cy.getElementById(state.sel).nonempty()) select(state.sel, { centre: false, moveFocus: false });
  else clearSelection();
  applySizing();
}

async function start() {
  const response = await fetch("/explorer/graph.json");
  if (!response.ok) { setStatus(`Could not load the graph (${response.status}).`); return; }
  const elements = await response.json();
  rememberEmptyPanel();
  // On a narrow window the tools start folded, so the graph is near the top.
  if (window.matchMedia("(max-width: 900px)").matches) {
    for (const section of document.querySelectorAll(".controls details")) section.open = false;
  }
  buildGraph(elements, (id) => select(id, { centre: false }));
  buildSearchIndex();
  fillControls();
  bindSearch();
  bindTable((id) => select(id, { centre: true }));
  bindCanvasKeys((id) => select(id, { centre: false, moveFocus: false }), clearSelection);
  restore();
  window.addEventListener("hashchange", restore);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
