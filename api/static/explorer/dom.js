/* Small DOM helpers for the explorer. Data reaches the page as text or attributes only. */
export const $ = (id) => document.getElementById(id);
export function el(tag, attrs, ...children) {
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
export function setStatus(text) { $("status-line").textContent = text; }
export function localIri(iri) {
  const base = "https://w3id.org/policykg/id/";
  return iri.startsWith(base) ? "/id/" + iri.slice(base.length) : iri;
}
