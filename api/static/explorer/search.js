/* The search box: finds entities by label, code, id or alias, as an ARIA combobox. */
import { $, el } from "./dom.js";
import { TYPES, cy } from "./graph.js";
import { select } from "./panel.js";

let searchIndex = [];
let activeResult = -1;

export function buildSearchIndex() {
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
export function bindSearch() {
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
