/* The view's state (focus, depth, filters, body view, selection, sizing) and its URL hash.
 *
 * The state lives in the URL hash, so a view can be shared and is restored on reload. `state`
 * is one object, changed in place, that every module reads.
 */
import { $ } from "./dom.js";
import { TYPES } from "./graph.js";

const DEFAULT_STATE = {
  focus: "", depth: 1, types: Object.keys(TYPES), stated: true, inferred: true,
  status: "", body: "", principle: "", sel: "", size: false, view: "",
};

export const state = Object.assign({}, DEFAULT_STATE);

export function readHash() {
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
export function writeHash() {
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

/** Set the form controls to show `state`. */
export function syncControls() {
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
