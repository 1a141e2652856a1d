// The search page. The whole search lives in the address bar (q, page, sort,
// half_life, company/country/topic/source, from, to, collapse, group,
// related, and the page's own `more`: facets shown in full), so back/forward
// work and a URL can be shared. Each state is fetched from /api/search and
// rendered.
//
// Security rule: title_html and snippet arrive HTML-escaped from the server
// with matches wrapped in <mark>; they are the only strings inserted as
// HTML. Everything else goes in as text, and only http(s) URLs become links.
"use strict";

const PAGE_SIZE = 10;
const MAX_RESULT_OFFSET = 10000;  // the API refuses to page beyond this
const FACETS = [
  { name: "company", label: "Company", plural: "companies" },
  { name: "country", label: "Country", plural: "countries" },
  { name: "topic", label: "Topic", plural: "topics" },
  { name: "source", label: "Source", plural: "sources" },
];
const FACET_NAMES = FACETS.map((facet) => facet.name);
const FACET_SHOWN = 10;       // values per facet, as the API gives by default
const FACET_EXPANDED = 100;   // values asked for when a facet is shown in full
const SORTS = ["relevance", "date", "recent"];
const DEFAULT_HALF_LIFE = "30";
const EXPANSION_KINDS = { synonym: "synonym", company: "company", ticker: "ticker", wildcard: "wildcard" };

const $ = (id) => document.getElementById(id);
const form = $("search-form");
const input = $("q");
const statusLine = $("status");
const list = $("results");
const pager = $("pager");
const sortSelect = $("sort");
const halfLifeSelect = $("half-life");
const duplicatesBox = $("show-duplicates");
const dateForm = $("date-form");
const fromInput = $("from");
const toInput = $("to");
const layout = $("layout");
const filtersToggle = $("filters-toggle");
const helpDialog = $("help");

// ---------------------------------------------------------------- state

function emptyFilters() {
  return Object.fromEntries(FACET_NAMES.map((name) => [name, []]));
}

function readState(search) {
  const params = new URLSearchParams(search);
  const text = (name) => (params.get(name) || "").trim();
  const filters = emptyFilters();
  for (const name of FACET_NAMES) {
    for (const value of params.getAll(name)) {
      if (value && !filters[name].includes(value)) filters[name].push(value);
    }
  }
  const sort = text("sort");
  return {
    q: params.get("q") || "",
    page: Math.max(1, parseInt(params.get("page"), 10) || 1),
    sort: SORTS.includes(sort) ? sort : "relevance",
    halfLife: /^\d{1,5}(\.\d+)?$/.test(text("half_life")) ? text("half_life") : "",
    filters,
    from: text("from"),
    to: text("to"),
    collapse: text("collapse") !== "false",
    group: text("group"),
    related: text("related"),
    more: params.getAll("more").filter((name) => FACET_NAMES.includes(name)),
  };
}

// The parameters both the page URL and the API take, defaults left out.
function searchParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of FACET_NAMES) {
    for (const value of state.filters[name]) params.append(name, value);
  }
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  if (state.sort === "recent" && state.halfLife) params.set("half_life", state.halfLife);
  if (!state.collapse) params.set("collapse", "false");
  if (state.group) params.set("group", state.group);
  if (state.related) params.set("related", state.related);
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

function pageUrl(state) {
  const params = searchParams(state);
  for (const name of state.more) params.append("more", name);
  const query = params.toString();
  return query ? "?" + query : location.pathname;
}

function apiUrl(state) {
  const params = searchParams(state);
  params.set("size", String(PAGE_SIZE));
  if (state.more.length) params.set("facets", String(FACET_EXPANDED));
  return "/api/search?" + params;
}

// A copy of `state` with `changes`; any change but a page turn starts at page 1.
function changed(state, changes) {
  const next = { ...state, filters: { ...state.filters }, more: [...state.more], page: 1, ...changes };
  return next;
}

// Without group/related: back from a story's copies or related stories.
function baseState(state) {
  return changed(state, { group: "", related: "", collapse: true });
}

let current = readState(location.search);
let lastBody = null;
let inFlight = null;
const titles = new Map();          // article id -> title, for the "related to" banner
const facetFilterText = {};        // facet -> text typed in its "find a value" box
let filtersOpen = false;           // narrow screens: the filter panel is folded away

function navigate(state, { focusKey = null, scroll = false, title = null } = {}) {
  history.pushState({ relatedTitle: title }, "", pageUrl(state));
  current = state;
  load({ focusKey, scroll });
}

window.addEventListener("popstate", () => {
  current = readState(location.search);
  load({});
});

// Links the page builds carry data-nav: a plain click stays in the page
// (no reload); a middle click or ctrl-click opens a new tab as usual.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-nav]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(readState(new URL(link.href).search), {
    focusKey: link.dataset.focusAfter || null,
    scroll: link.dataset.scroll === "top",
    title: link.dataset.title || null,
  });
});

// ---------------------------------------------------------------- helpers

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function navLink(text, state, className) {
  const link = element("a", className, text);
  link.href = pageUrl(state);
  link.dataset.nav = "";
  return link;
}

// Only http(s) links: a stored "javascript:" URL must never become one.
function safeUrl(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

const numberFormat = new Intl.NumberFormat("en");
const count = (n) => numberFormat.format(n);
const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;

let regionNames = null;
try {
  regionNames = new Intl.DisplayNames(["en"], { type: "region" });
} catch {
  regionNames = null;
}

// Display names of facet values seen in any answer so far: facet -> lower-case
// key, name or ticker -> name. Hits carry names, codes or ids; this turns
// "ai" into "Artificial intelligence" once the topic has been counted.
const knownNames = Object.fromEntries(FACET_NAMES.map((name) => [name, new Map()]));

function learnNames(facets) {
  for (const name of FACET_NAMES) {
    const summary = facets && facets[name];
    for (const bucket of (summary && Array.isArray(summary.values)) ? summary.values : []) {
      if (!bucket.key || !bucket.name) continue;
      const detail = (bucket.detail || "").toLowerCase();
      for (const alias of [bucket.key, bucket.name, detail, detail.split(":").pop()]) {
        if (alias) knownNames[name].set(String(alias).toLowerCase(), bucket.name);
      }
    }
  }
}

// Display name of a facet value (a key, or a value as written).
function displayName(facet, value) {
  const lower = value.toLowerCase();
  const known = knownNames[facet].get(lower);
  if (known) return known;
  if (facet === "country" && /^[a-z]{2}$/.test(lower) && regionNames) {
    try {
      return regionNames.of(lower.toUpperCase()) || value;
    } catch {
      return value;
    }
  }
  return value;
}

// Does a filter value from the URL ("AAPL", "Apple Inc.", "apple") name this bucket?
function matchesBucket(value, bucket) {
  const lower = value.toLowerCase();
  const detail = (bucket.detail || "").toLowerCase();
  return [bucket.key, bucket.name, detail, detail.split(":").pop()]
    .some((candidate) => candidate && String(candidate).toLowerCase() === lower);
}

function isChecked(facet, bucket, state) {
  return Boolean(bucket.selected) || state.filters[facet].some((value) => matchesBucket(value, bucket));
}

function withFilterToggled(state, facet, bucket, on) {
  const next = changed(state, {});
  const values = state.filters[facet].filter((value) => !matchesBucket(value, bucket));
  if (on) values.push(bucket.key);
  next.filters[facet] = values;
  return next;
}

function withoutFilterValue(state, facet, value) {
  const next = changed(state, {});
  next.filters[facet] = state.filters[facet].filter((v) => v !== value);
  return next;
}

function activeFilterCount(state) {
  return FACET_NAMES.reduce((n, name) => n + state.filters[name].length, 0) + (state.from || state.to ? 1 : 0);
}

// ---------------------------------------------------------------- loading

async function load({ focusKey = null, scroll = false }) {
  syncControls(current);
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  const state = current;
  statusLine.className = "";
  statusLine.textContent = "Searching…";
  $("main").setAttribute("aria-busy", "true");
  list.classList.add("loading");
  let body;
  try {
    const response = await fetch(apiUrl(state), { signal: controller.signal });
    body = await response.json().catch(() => null);
    if (!response.ok || !body) {
      throw new Error(body && body.error ? body.error.message : `${response.status} ${response.statusText}`);
    }
  } catch (error) {
    if (controller.signal.aborted) return;
    renderError(error.message);
    return;
  } finally {
    if (inFlight === controller) inFlight = null;
  }
  if (controller.signal.aborted) return;
  $("main").removeAttribute("aria-busy");
  list.classList.remove("loading");
  lastBody = body;
  learnNames(body.facets);
  render(state, body);
  if (scroll) {
    window.scrollTo(0, 0);
    $("results-heading").focus({ preventScroll: true });
  }
  if (focusKey) restoreFocus(focusKey);
}

// Puts focus back on the control that caused a re-render, or on its nearest
// stand-in when it is gone (the chart redrawn by day, a value no longer listed).
function restoreFocus(key) {
  const nodes = [...document.querySelectorAll("[data-focus-key]")];
  let target = nodes.find((node) => node.dataset.focusKey === key && !node.closest("[hidden]"));
  if (!target && key.startsWith("bar:")) target = document.querySelector('#histogram .bar[tabindex="0"]') || $("from");
  if (!target && key.startsWith("facet:")) {
    const facet = key.split(":")[1];
    target = document.querySelector(`.facet[data-facet="${facet}"] input[type=checkbox]`);
  }
  if (!target) target = $("results-heading");
  target.focus();
}

// The request was refused (a bad parameter) or the server is unreachable:
// the filters stay on show, removable, and nothing stale is left.
function renderError(message) {
  $("main").removeAttribute("aria-busy");
  list.classList.remove("loading");
  lastBody = null;
  statusLine.className = "error";
  statusLine.textContent = "Search failed: " + message;
  list.replaceChildren();
  pager.hidden = true;
  $("notices").replaceChildren();
  $("banner").hidden = true;
  renderActiveFilters(current);
  renderFacets(current, {});
  const hasDates = renderDates(current, null);
  layout.classList.toggle("no-sidebar", !hasDates);
  $("sidebar").hidden = !hasDates;
  renderFiltersToggle(current);
}

function syncControls(state) {
  input.value = state.q;
  document.title = state.q ? `${state.q} – newsdesk` : "newsdesk";
  sortSelect.value = state.sort;
  $("half-life-label").hidden = state.sort !== "recent";
  const halfLife = state.halfLife || DEFAULT_HALF_LIFE;
  if (![...halfLifeSelect.options].some((option) => option.value === halfLife)) {
    halfLifeSelect.append(element("option", "", `${halfLife} days`));
    halfLifeSelect.lastChild.value = halfLife;
  }
  halfLifeSelect.value = halfLife;
  duplicatesBox.checked = !state.collapse;
  fromInput.value = state.from;
  toInput.value = state.to;
}

// ---------------------------------------------------------------- rendering

function render(state, body) {
  renderBanner(state, body);
  renderNotices(state, body);
  renderActiveFilters(state);
  renderStatus(state, body);
  list.replaceChildren(...(body.results || []).map((hit) => renderHit(hit, state)));
  renderPager(state, body);
  const facetCount = renderFacets(state, body.facets || {});
  const hasDates = renderDates(state, body.dates);
  const hasSidebar = facetCount > 0 || hasDates;
  layout.classList.toggle("no-sidebar", !hasSidebar);
  $("sidebar").hidden = !hasSidebar;
  renderFiltersToggle(state);
}

function renderBanner(state, body) {
  const banner = $("banner");
  banner.replaceChildren();
  if (!state.group && !state.related) {
    banner.hidden = true;
    return;
  }
  banner.hidden = false;
  const text = element("p");
  if (state.related) {
    const title = (history.state && history.state.relatedTitle) || titles.get(state.related);
    text.append("Stories related to ");
    text.append(element("q", "", title || state.related));
    text.append(".");
  } else {
    text.textContent = `All ${plural(body.total, "copy", "copies")} of one story, duplicates included.`;
  }
  const back = navLink(state.q ? `← Back to the results for “${state.q}”` : "← Back to the results", baseState(state));
  back.dataset.scroll = "top";
  banner.append(text, back);
}

function renderNotices(state, body) {
  const notices = $("notices");
  notices.replaceChildren();
  if (body.suggestion) {
    const line = element("p", "suggestion", "Did you mean ");
    const link = navLink("", changed(state, { q: body.suggestion, group: "", related: "" }));
    link.append(element("strong", "", body.suggestion));
    line.append(link, "?");
    notices.append(line);
  }
  const expansions = body.expansions || [];
  if (expansions.length) {
    const line = element("p", "understood");
    line.append(element("span", "label", "Query read as: "));
    expansions.forEach((expansion, index) => {
      if (index) line.append(element("span", "sep", " · "));
      const item = element("span", "expansion");
      item.append(element("code", "", expansion.from), " → ", element("span", "", expansion.to));
      const kind = EXPANSION_KINDS[expansion.kind] || expansion.kind;
      if (kind) item.append(element("span", "kind", ` (${kind})`));
      line.append(item);
    });
    notices.append(line);
  }
  for (const warning of body.warnings || []) {
    const line = element("p", "warning");
    line.append(element("span", "icon", "⚠ "), element("span", "", warning));
    notices.append(line);
  }
  if (state.q && body.parsed) {
    const details = element("details", "parsed");
    details.append(element("summary", "", "How the query was parsed"), element("code", "", body.parsed));
    notices.append(details);
  }
}

function renderActiveFilters(state) {
  const box = $("active-filters");
  box.replaceChildren();
  const chips = [];
  for (const facet of FACETS) {
    for (const value of state.filters[facet.name]) {
      const chip = navLink("", withoutFilterValue(state, facet.name, value), "chip");
      chip.append(element("span", "chip-facet", facet.label + ": "), element("span", "", displayName(facet.name, value)),
                  element("span", "chip-x", " ✕"));
      chip.setAttribute("aria-label", `Remove filter ${facet.label}: ${displayName(facet.name, value)}`);
      chips.push(chip);
    }
  }
  if (state.from || state.to) {
    const range = state.from && state.to ? `${state.from} – ${state.to}`
      : state.from ? `from ${state.from}` : `until ${state.to}`;
    const chip = navLink("", changed(state, { from: "", to: "" }), "chip");
    chip.append(element("span", "chip-facet", "Date: "), element("span", "", range), element("span", "chip-x", " ✕"));
    chip.setAttribute("aria-label", `Remove date filter ${range}`);
    chips.push(chip);
  }
  box.hidden = chips.length === 0;
  if (!chips.length) return;
  box.append(element("span", "label", "Filters:"), ...chips);
  if (chips.length > 1) {
    const clear = changed(state, { from: "", to: "", filters: emptyFilters() });
    box.append(navLink("Clear all", clear, "clear-all"));
  }
}

function renderStatus(state, body) {
  statusLine.className = "";
  const shown = (body.results || []).length;
  const first = (state.page - 1) * PAGE_SIZE + 1;
  if (body.total === 0 || shown === 0) {
    statusLine.textContent = state.page > 1 && body.total > 0 ? "No more results." : "No articles match.";
    return;
  }
  const about = body.total_exact === false ? "about " : "";
  const took = typeof body.took_ms === "number" ? ` (${body.took_ms.toFixed(1)} ms)` : "";
  const range = first === 1 && shown === body.total ? "" : `${count(first)}–${count(first + shown - 1)} of `;
  statusLine.textContent = `${range}${about}${plural(body.total, "article", "articles")}${took}`;
}

function renderHit(hit, state) {
  if (hit.id) titles.set(hit.id, hit.title);
  const item = element("li", "hit");
  const heading = element("h3");
  const url = safeUrl(hit.url);
  const title = element(url ? "a" : "span");
  title.innerHTML = hit.title_html || "";  // server-escaped, <mark> only
  if (!hit.title_html) title.textContent = hit.title || "(no title)";
  if (url) title.href = url;
  heading.append(title);

  const meta = element("div", "meta");
  if (hit.date) {
    const time = element("time", "", hit.date.slice(0, 10));
    time.dateTime = hit.date;
    meta.append(time);
  } else {
    meta.append(element("span", "undated", "date unknown"));
  }
  if (hit.source) meta.append(element("span", "sep", " · "), element("span", "source", hit.source));

  const snippet = element("p", "snippet");
  snippet.innerHTML = hit.snippet || "";  // server-escaped, <mark> only

  item.append(heading, meta, snippet);
  const tags = renderTags(hit, state);
  if (tags) item.append(tags);

  const actions = element("div", "actions");
  if (hit.similar > 0 && hit.group) {
    const link = navLink(`${plural(hit.similar, "similar", "similar")}`,
      changed(state, { group: hit.group, collapse: false, related: "" }), "similar");
    link.setAttribute("aria-label", `${plural(hit.similar, "similar article", "similar articles")}: show every copy of this story`);
    link.dataset.scroll = "top";
    actions.append(link);
  }
  if (hit.id) {
    const link = navLink("Related", changed(state, { related: hit.id, group: "", collapse: true }), "related");
    link.setAttribute("aria-label", `Stories related to: ${hit.title}`);
    link.dataset.title = hit.title || "";
    link.dataset.scroll = "top";
    actions.append(link);
  }
  if (actions.childElementCount) item.append(actions);
  return item;
}

// A tag is a link that adds the value as a filter (or is marked when it is one).
function renderTags(hit, state) {
  const groups = [["company", hit.companies], ["country", hit.countries], ["topic", hit.topics]];
  const box = element("ul", "tags");
  box.setAttribute("aria-label", "Tags");
  for (const [facet, values] of groups) {
    for (const value of values || []) {
      const name = displayName(facet, value);
      const active = state.filters[facet].some((v) => v.toLowerCase() === value.toLowerCase()) ||
        ((lastBody && lastBody.facets && lastBody.facets[facet] && lastBody.facets[facet].values) || [])
          .some((b) => isChecked(facet, b, state) && matchesBucket(value, b));
      const item = element("li");
      if (active) {
        item.append(element("span", `tag tag-${facet} active`, name));
      } else {
        const next = changed(state, { group: "", related: "" });
        next.filters[facet] = [...state.filters[facet], value];
        const link = navLink(name, next, `tag tag-${facet}`);
        link.title = `Filter on ${facet} ${name}`;
        item.append(link);
      }
      box.append(item);
    }
  }
  return box.childElementCount ? box : null;
}

function renderPager(state, body) {
  pager.replaceChildren();
  const lastPage = Math.min(Math.ceil(body.total / PAGE_SIZE), Math.floor((MAX_RESULT_OFFSET - 1) / PAGE_SIZE) + 1);
  if (lastPage <= 1 && state.page <= 1) {
    pager.hidden = true;
    return;
  }
  pager.hidden = false;
  const shown = (body.results || []).length;
  const previous = state.page > 1 ? navLink("← Previous", changed(state, { page: state.page - 1 }), "prev") : element("span", "prev");
  const hasNext = state.page < lastPage && shown === PAGE_SIZE;
  const next = hasNext ? navLink("Next →", changed(state, { page: state.page + 1 }), "next") : element("span", "next");
  for (const link of [previous, next]) if (link.tagName === "A") link.dataset.scroll = "top";
  if (previous.tagName === "A") previous.rel = "prev";
  if (next.tagName === "A") next.rel = "next";
  const where = element("span", "where", `Page ${count(state.page)} of ${body.total_exact === false ? "about " : ""}${count(lastPage)}`);
  pager.append(previous, where, next);
}

// ---------------------------------------------------------------- facets

// Returns how many facet sections were drawn (none when the API has no counts).
function renderFacets(state, facets) {
  const box = $("facets");
  box.replaceChildren();
  let drawn = 0;
  for (const facet of FACETS) {
    // A facet the API did not count (an older server) gets no section; its
    // ticked values still show above the results, as removable chips.
    const summary = facets[facet.name];
    if (!summary || !Array.isArray(summary.values)) continue;
    if (!summary.values.length && !state.filters[facet.name].length) continue;
    box.append(renderFacet(facet, summary, state));
    drawn++;
  }
  return drawn;
}

function renderFacet(facet, summary, state) {
  const expanded = state.more.includes(facet.name);
  const section = element("fieldset", "panel facet");
  section.dataset.facet = facet.name;
  const legend = element("legend", "", facet.label);
  section.append(legend);

  const values = summary.values || [];
  // Folded: the first FACET_SHOWN values, plus any ticked value beyond them.
  const shown = expanded ? values
    : values.filter((bucket, index) => index < FACET_SHOWN || isChecked(facet.name, bucket, state));

  // URL values the server did not list (no counts yet, or spelled differently).
  const unlisted = state.filters[facet.name].filter((value) => !values.some((bucket) => matchesBucket(value, bucket)));

  if (state.filters[facet.name].length) {
    const clear = changed(state, {});
    clear.filters[facet.name] = [];
    const link = navLink("Clear", clear, "facet-clear");
    link.setAttribute("aria-label", `Clear the ${facet.label.toLowerCase()} filter`);
    section.append(link);
  }

  let finder = null;
  if (expanded && values.length > 15) {
    finder = element("input", "facet-find");
    finder.type = "search";
    finder.placeholder = `Find a ${facet.label.toLowerCase()}`;
    finder.setAttribute("aria-label", `Find a ${facet.label.toLowerCase()} in the list`);
    finder.value = facetFilterText[facet.name] || "";
    section.append(finder);
  }

  const ul = element("ul", expanded ? "values expanded" : "values");
  for (const bucket of shown) ul.append(renderFacetValue(facet, bucket, state));
  for (const value of unlisted) {
    ul.append(renderFacetValue(facet, { key: value, name: displayName(facet.name, value), detail: "", count: null, selected: true }, state));
  }
  section.append(ul);

  if (finder) {
    const apply = () => {
      const text = finder.value.trim().toLowerCase();
      facetFilterText[facet.name] = finder.value;
      for (const li of ul.children) li.hidden = Boolean(text) && !li.dataset.search.includes(text);
    };
    finder.addEventListener("input", apply);
    apply();
  }

  const distinct = summary.distinct || 0;
  const hiddenCount = Math.max(0, distinct - shown.length);
  const canFetchMore = !expanded && values.length >= FACET_SHOWN && hiddenCount > 0;
  const canShowMore = !expanded && values.length > shown.length;
  if (canFetchMore || canShowMore) {
    const more = changed(state, { more: [...state.more, facet.name] });
    more.page = state.page;
    const link = navLink(`${count(Math.max(hiddenCount, values.length - shown.length))} more`, more, "facet-more");
    link.setAttribute("aria-label", `Show ${count(Math.max(hiddenCount, values.length - shown.length))} more ${facet.plural}`);
    link.dataset.focusKey = `more:${facet.name}`;
    link.dataset.focusAfter = `less:${facet.name}`;
    section.append(link);
  } else if (expanded) {
    const less = changed(state, { more: state.more.filter((name) => name !== facet.name) });
    less.page = state.page;
    const row = element("p", "facet-more-row");
    if (hiddenCount > 0) row.append(element("span", "note", `${count(hiddenCount)} more not listed; search to narrow. `));
    const link = navLink("Show fewer", less, "facet-more");
    link.dataset.focusKey = `less:${facet.name}`;
    link.dataset.focusAfter = `more:${facet.name}`;
    row.append(link);
    section.append(row);
  }
  return section;
}

function renderFacetValue(facet, bucket, state) {
  const li = element("li");
  li.dataset.search = [bucket.name, bucket.key, bucket.detail].filter(Boolean).join(" ").toLowerCase();
  const label = element("label");
  const box = element("input");
  box.type = "checkbox";
  box.checked = isChecked(facet.name, bucket, state);
  box.dataset.focusKey = `facet:${facet.name}:${bucket.key}`;
  box.addEventListener("change", () => {
    navigate(withFilterToggled(current, facet.name, bucket, box.checked), { focusKey: box.dataset.focusKey });
  });
  const text = element("span", "text");
  text.append(element("span", "name", bucket.name || bucket.key));
  if (bucket.detail) text.append(" ", element("span", "detail", bucket.detail));
  label.append(box, text);
  if (bucket.count !== null && bucket.count !== undefined) {
    const n = element("span", "count", count(bucket.count));
    n.setAttribute("aria-label", plural(bucket.count, "article", "articles"));
    label.append(n);
  }
  if (bucket.count === 0 && !box.checked) li.className = "zero";
  li.append(label);
  return li;
}

// ---------------------------------------------------------------- dates

function pad(n, width = 2) {
  return String(n).padStart(width, "0");
}

function lastDayOfMonth(year, month) {  // month 1-12
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Every bucket between the first and the last, so a gap reads as a gap.
// The API may leave out empty buckets; they are filled with zero counts.
function contiguousBuckets(unit, buckets) {
  const sorted = [...buckets].filter((b) => b && b.from && b.to).sort((a, b) => a.from.localeCompare(b.from));
  if (sorted.length < 2 || !["day", "month", "year"].includes(unit)) return sorted;
  const byFrom = new Map(sorted.map((b) => [b.from, b]));
  const out = [];
  const [y0, m0, d0] = sorted[0].from.split("-").map(Number);
  const end = sorted[sorted.length - 1].from;
  let cursor = new Date(Date.UTC(y0, m0 - 1, d0));
  for (let guard = 0; guard < 1000; guard++) {
    const y = cursor.getUTCFullYear();
    const m = cursor.getUTCMonth() + 1;
    const d = cursor.getUTCDate();
    let bucket;
    if (unit === "day") {
      const day = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
      bucket = { label: day, from: day, to: day };
      cursor = new Date(Date.UTC(y, m - 1, d + 1));
    } else if (unit === "month") {
      bucket = { label: `${pad(y, 4)}-${pad(m)}`, from: `${pad(y, 4)}-${pad(m)}-01`, to: `${pad(y, 4)}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
      cursor = new Date(Date.UTC(y, m, 1));
    } else {
      bucket = { label: pad(y, 4), from: `${pad(y, 4)}-01-01`, to: `${pad(y, 4)}-12-31` };
      cursor = new Date(Date.UTC(y + 1, 0, 1));
    }
    out.push(byFrom.get(bucket.from) || { ...bucket, count: 0 });
    if (bucket.from >= end) return out;
  }
  return sorted;  // too many to fill: draw what the API gave
}

// Returns whether the Date panel is shown.
function renderDates(state, dates) {
  const panel = $("dates");
  const chart = $("histogram");
  const axis = $("histogram-axis");
  const caption = $("histogram-caption");
  chart.replaceChildren();
  axis.replaceChildren();
  const unit = (dates && dates.unit) || "";
  const buckets = contiguousBuckets(unit, (dates && Array.isArray(dates.buckets)) ? dates.buckets : []);
  const undated = (dates && dates.undated) || 0;
  const show = buckets.length > 0 || undated > 0 || Boolean(state.from || state.to);
  panel.hidden = !show;
  $("clear-dates").hidden = !(state.from || state.to);
  if (!show) return false;

  chart.hidden = axis.hidden = buckets.length === 0;
  const max = Math.max(1, ...buckets.map((b) => b.count || 0));
  const selectedRange = Boolean(state.from || state.to);
  const inRange = (b) => selectedRange && (!state.from || b.from >= state.from) && (!state.to || b.to <= state.to);
  const exact = (b) => b.from === state.from && b.to === state.to;
  const bars = [];
  for (const bucket of buckets) {
    const n = bucket.count || 0;
    const bar = element("button", "bar");
    bar.type = "button";
    bar.style.setProperty("--h", `${n ? Math.max(4, Math.round((n / max) * 100)) : 0}%`);
    if (inRange(bucket)) bar.classList.add("in-range");
    if (n === 0) bar.classList.add("empty");
    const what = `${bucket.label}: ${plural(n, "article", "articles")}`;
    bar.title = exact(bucket) ? `${what} (selected; choose again to clear)` : what;
    bar.setAttribute("aria-label", what);
    bar.setAttribute("aria-pressed", String(exact(bucket)));
    bar.dataset.focusKey = `bar:${bucket.from}`;
    bar.tabIndex = -1;
    bar.append(element("span", "fill"));
    bar.addEventListener("click", () => {
      const next = exact(bucket) ? changed(current, { from: "", to: "" }) : changed(current, { from: bucket.from, to: bucket.to });
      navigate(next, { focusKey: bar.dataset.focusKey });
    });
    bars.push(bar);
  }
  // One tab stop for the chart; arrow keys move between bars.
  const focusIndex = Math.max(0, bars.findIndex((bar) => bar.getAttribute("aria-pressed") === "true"));
  if (bars.length) bars[focusIndex].tabIndex = 0;
  chart.append(...bars);

  if (buckets.length) {
    axis.append(element("span", "", buckets[0].label));
    if (buckets.length > 1) axis.append(element("span", "", buckets[buckets.length - 1].label));
  }
  const unitWord = { day: "day", month: "month", year: "year" }[unit] || unit || "period";
  const parts = [];
  if (buckets.length) parts.push(`Articles per ${unitWord} (most: ${count(max)}). Choose a bar to keep only that ${unitWord}.`);
  if (undated) parts.push(`${plural(undated, "article has", "articles have")} no known date.`);
  caption.textContent = parts.join(" ");
  return true;
}

function chartKeys(event) {
  const bars = [...event.currentTarget.querySelectorAll(".bar")];
  const index = bars.indexOf(document.activeElement);
  if (index < 0) return;
  const moves = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: bars.length - 1 };
  if (!(event.key in moves)) return;
  event.preventDefault();
  const target = bars[Math.min(bars.length - 1, Math.max(0, moves[event.key]))];
  bars[index].tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

// ---------------------------------------------------------------- controls

function renderFiltersToggle(state) {
  const active = activeFilterCount(state);
  filtersToggle.textContent = active ? `Filters (${active} active)` : "Filters";
  filtersToggle.setAttribute("aria-expanded", String(filtersOpen));
  $("sidebar").classList.toggle("open", filtersOpen);
}

$("histogram").addEventListener("keydown", chartKeys);

filtersToggle.addEventListener("click", () => {
  filtersOpen = !filtersOpen;
  renderFiltersToggle(current);
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  navigate(changed(current, { q: input.value.trim(), group: "", related: "" }));
});

sortSelect.addEventListener("change", () => navigate(changed(current, { sort: sortSelect.value })));
halfLifeSelect.addEventListener("change", () => {
  const value = halfLifeSelect.value === DEFAULT_HALF_LIFE ? "" : halfLifeSelect.value;
  navigate(changed(current, { halfLife: value }));
});
duplicatesBox.addEventListener("change", () => {
  navigate(changed(current, duplicatesBox.checked ? { collapse: false } : { collapse: true, group: "" }));
});

dateForm.addEventListener("submit", (event) => {
  event.preventDefault();
  let from = fromInput.value;
  let to = toInput.value;
  if (from && to && from > to) [from, to] = [to, from];
  navigate(changed(current, { from, to }));
});
$("clear-dates").addEventListener("click", () => {
  navigate(changed(current, { from: "", to: "" }));
  fromInput.focus();
});

// Search help.
$("help-open").addEventListener("click", () => helpDialog.showModal());
helpDialog.addEventListener("click", (event) => {
  if (event.target === helpDialog) {  // the dialog's own box: its padding, or the backdrop
    const box = helpDialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right &&
      event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) helpDialog.close();
    return;
  }
  const example = event.target.closest("button.example");
  if (!example) return;
  helpDialog.close();
  navigate(changed(current, { q: example.textContent.trim(), group: "", related: "" }));
  input.focus();
});

// "/" goes to the search box, as on most search pages.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.closest("input, textarea, select, [contenteditable]") || helpDialog.open) return;
  event.preventDefault();
  input.focus();
  input.select();
});

history.replaceState(history.state, "", location.href);
load({});
