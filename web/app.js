// The search page: reads ?q=&page= from the address bar, calls /api/search
// and renders the results. Snippets and highlighted titles arrive
// HTML-escaped from the server (matches wrapped in <mark>): they are the only
// strings inserted as HTML; everything else goes in as text.
"use strict";

const PAGE_SIZE = 10;
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const statusLine = document.getElementById("status");
const list = document.getElementById("results");
const pager = document.getElementById("pager");

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderHit(hit) {
  const item = element("li");
  const heading = element("h2");
  const link = element("a");
  link.innerHTML = hit.title_html;  // server-escaped, <mark> only
  if (hit.url) link.href = hit.url;
  heading.append(link);
  const date = hit.date ? hit.date.slice(0, 10) : "date unknown";
  const meta = element("div", "meta", [date, hit.source].filter(Boolean).join(" · "));
  const snippet = element("p", "snippet");
  snippet.innerHTML = hit.snippet;  // server-escaped, <mark> only
  const tags = element("div", "tags");
  for (const value of [...hit.companies, ...hit.countries, ...hit.topics]) {
    tags.append(element("span", "", value));
  }
  item.append(heading, meta, snippet, tags);
  return item;
}

async function search(query, page) {
  statusLine.className = "";
  statusLine.textContent = "Searching…";
  const params = new URLSearchParams({ q: query, page: String(page), size: String(PAGE_SIZE) });
  let body;
  try {
    const response = await fetch("/api/search?" + params);
    body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  } catch (error) {
    statusLine.className = "error";
    statusLine.textContent = "Search failed: " + error.message;
    list.replaceChildren();
    pager.hidden = true;
    return;
  }
  list.replaceChildren(...body.results.map(renderHit));
  const shown = body.results.length;
  const first = (page - 1) * PAGE_SIZE + 1;
  statusLine.textContent = body.total === 0
    ? "No articles match."
    : `${first}–${first + shown - 1} of ${body.total_exact ? "" : "about "}${body.total} articles (${body.took_ms.toFixed(1)} ms)`;
  pager.hidden = body.total <= PAGE_SIZE;
  document.getElementById("prev").disabled = page <= 1;
  document.getElementById("next").disabled = first + shown - 1 >= body.total;
}

function currentState() {
  const params = new URLSearchParams(location.search);
  return { query: params.get("q") || "", page: Math.max(1, parseInt(params.get("page"), 10) || 1) };
}

function go(query, page) {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set("page", String(page));
  history.pushState(null, "", "?" + params);
  search(query, page);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  go(input.value.trim(), 1);
});
document.getElementById("prev").addEventListener("click", () => go(currentState().query, currentState().page - 1));
document.getElementById("next").addEventListener("click", () => go(currentState().query, currentState().page + 1));
window.addEventListener("popstate", () => {
  const state = currentState();
  input.value = state.query;
  search(state.query, state.page);
});

const initial = currentState();
input.value = initial.query;
search(initial.query, initial.page);
