// /courses/: full-text search and filters over the Pagefind index, all state in the URL.
// Provider text only ever reaches the page through textContent and checked hrefs.
const form = document.getElementById("mc-browse");
const root = form.dataset.root;
const PAGE = 20;
const SORTS = { title: { title: "asc" }, start: { start: "asc" }, price: { price: "asc" }, workload: { workload: "asc" } };
const query = document.getElementById("mc-q");
const sortBox = document.getElementById("mc-sort");
const count = document.getElementById("mc-count");
const list = document.getElementById("mc-results");
const more = document.getElementById("mc-more");
const chips = form.querySelector(".mc-chips");
const withdrawnBox = form.querySelector('input[name="withdrawn"]');
const filtersBox = form.querySelector(".mc-filters");
const facetKeys = [...form.querySelectorAll(".mc-facet")].map((el) => el.dataset.facet);
const labels = {};
for (const box of form.querySelectorAll(".mc-facet input")) {
  (labels[box.name] ??= {})[box.value] = box.parentElement.querySelector(".mc-facet__label").textContent.trim();
}
const facetTitles = Object.fromEntries([...form.querySelectorAll(".mc-facet")].map(
  (el) => [el.dataset.facet, el.querySelector("summary").textContent.trim()]));

let pagefind = null;
let results = [];
let shown = 0;
let generation = 0;

function loadPagefind() {
  pagefind ??= import(`${root}pagefind/pagefind.js`).then(async (module) => {
    await module.options({ excerptLength: 0 });
    await module.init();
    return module;
  });
  return pagefind;
}

// --- state: form ⇄ URL ---------------------------------------------------------------
function readForm() {
  const state = { q: query.value.trim(), sort: sortBox.value, withdrawn: withdrawnBox.checked, filters: {} };
  for (const key of facetKeys) {
    const picked = [...form.querySelectorAll(`.mc-facet input[name="${key}"]:checked`)].map((box) => box.value);
    if (picked.length) state.filters[key] = picked;
  }
  return state;
}

function writeForm(state) {
  query.value = state.q;
  sortBox.value = SORTS[state.sort] ? state.sort : "";
  withdrawnBox.checked = state.withdrawn;
  for (const box of form.querySelectorAll(".mc-facet input")) {
    box.checked = (state.filters[box.name] || []).includes(box.value);
  }
}

function fromURL() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("query") || "", sort: params.get("sort") || "", withdrawn: params.get("withdrawn") === "1", filters: {} };
  for (const key of facetKeys) {
    const values = params.getAll(key).filter((value) => labels[key] && value in labels[key]);
    if (values.length) state.filters[key] = values;
  }
  return state;
}

function toURL(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("query", state.q);
  for (const key of facetKeys) for (const value of state.filters[key] || []) params.append(key, value);
  if (state.sort) params.set("sort", state.sort);
  if (state.withdrawn) params.set("withdrawn", "1");
  const search = params.toString();
  return location.pathname + (search ? `?${search}` : "");
}

function isEmpty(state) {
  return !state.q && !Object.keys(state.filters).length && !state.withdrawn;
}

// --- searching ---------------------------------------------------------------------------
// Pagefind counts the values of the filters a search names, loading one file per filter:
// naming the open facets with a condition that excludes nothing ("none of ~") gets their
// counts without downloading the closed ones.
const NOTHING = { none: ["~"] };

function openFacets() {
  if (!filtersBox.open) return [];
  return [...form.querySelectorAll(".mc-facet[open]")].map((el) => el.dataset.facet);
}

function pagefindFilters(state, without) {
  const filters = {};
  for (const key of openFacets()) filters[key] = NOTHING;
  for (const [key, values] of Object.entries(state.filters)) {
    filters[key] = key === without ? NOTHING : { any: values };  // OR within a facet, AND across facets
  }
  if (!state.withdrawn) filters.status = { none: ["withdrawn"] };
  return filters;
}

async function search(state, without) {
  const module = await loadPagefind();
  const options = { filters: pagefindFilters(state, without) };
  if (SORTS[state.sort]) options.sort = SORTS[state.sort];
  return module.search(state.q || null, options);
}

async function run(state) {
  const mine = ++generation;
  renderChips(state);
  if (isEmpty(state)) {
    form.dataset.state = "idle";
    count.textContent = `${form.dataset.total} courses. Type a word or choose filters.`;
    list.replaceChildren();
    more.hidden = true;
    resetCounts();
    return;
  }
  form.dataset.state = "searching";
  const found = await search(state);
  if (mine !== generation || !found) return;
  // a facet's own choices do not narrow its counts: they show what ticking one more value adds
  const own = await Promise.all(Object.keys(state.filters).map(async (key) => [key, (await search(state, key))?.filters?.[key]]));
  if (mine !== generation) return;
  updateCounts(found.filters || {}, Object.fromEntries(own));
  results = found.results;
  shown = 0;
  list.replaceChildren();
  await showMore(mine);
  if (mine !== generation) return;
  const n = results.length;
  count.textContent = n === 1 ? "1 course found." : `${n} courses found.`;
  form.dataset.state = "done";
}

async function showMore(mine) {
  const page = results.slice(shown, shown + PAGE);
  const data = await Promise.all(page.map((result) => result.data()));
  if (mine !== generation) return;
  for (const item of data) list.append(card(item));
  shown += page.length;
  more.hidden = shown >= results.length;
}

// --- rendering -----------------------------------------------------------------------------
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function courseHref(url) {
  // records carry "courses/<provider>/<slug>/"; anything else is not ours to link to
  const path = url.replace(/^\/+/, "");
  return /^courses\/[a-z0-9-]+\/[a-z0-9-]+\/$/.test(path) ? root + path : null;
}

function startText(start) {
  if (!start) return "No upcoming session";
  return start === "any" ? "Start any time" : `Starts ${start}`;
}

function card(item) {
  const meta = item.meta || {};
  const li = el("li", "mc-card");
  const href = courseHref(item.url || "");
  const title = el(href ? "a" : "span", "mc-card__title", meta.title || "");
  if (href) title.href = href;
  if (meta.lang) title.lang = meta.lang;
  li.append(title);
  const country = (labels.country || {})[meta.country] || meta.country || "";
  li.append(el("span", "mc-card__provider", [meta.provider, country].filter(Boolean).join(" · ")));
  const facts = el("span", "mc-card__facts");
  const workload = [meta.ects && `${meta.ects} ECTS`, meta.hours && `${meta.hours} h`].filter(Boolean).join(", ");
  for (const text of [meta.level ? `EQF ${meta.level}` : "No level", workload, (labels.mode || {})[meta.mode] || meta.mode,
                      startText(meta.start), meta.price]) {
    if (text) facts.append(el("span", "", text));
  }
  if (meta.ila) facts.append(el("span", "mc-badge mc-badge--ila", "ILA eligible"));
  if (meta.status === "withdrawn") facts.append(el("span", "mc-badge", "Withdrawn"));
  li.append(facts);
  return li;
}

function renderChips(state) {
  chips.replaceChildren();
  for (const [key, values] of Object.entries(state.filters)) {
    for (const value of values) {
      const button = el("button", "mc-chip", `${labels[key][value]} ×`);
      button.type = "button";
      button.setAttribute("aria-label", `Remove filter ${facetTitles[key]}: ${labels[key][value]}`);
      button.addEventListener("click", () => {
        form.querySelector(`.mc-facet input[name="${key}"][value="${CSS.escape(value)}"]`).checked = false;
        changed(true);
        query.focus();
      });
      const li = el("li");
      li.append(button);
      chips.append(li);
    }
  }
}

function updateCounts(counts, own) {
  for (const box of form.querySelectorAll(".mc-facet input")) {
    const source = own[box.name] || counts[box.name];
    const n = source ? source[box.value] ?? 0 : null;  // null: a closed facet, counted when opened
    const label = box.parentElement;
    label.querySelector(".mc-facet__count").textContent = n ?? "";
    label.classList.toggle("mc-facet__value--none", n === 0 && !box.checked);
  }
}

function resetCounts() {
  for (const span of form.querySelectorAll(".mc-facet__count")) {
    span.textContent = span.dataset.total;
    span.parentElement.classList.remove("mc-facet__value--none");
  }
}

// --- events ----------------------------------------------------------------------------------
let typing = null;
let typed = false;  // a burst of typing makes one history entry, not one per letter
function changed(push) {
  const state = readForm();
  const url = toURL(state);
  if (url !== location.pathname + location.search) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
  return run(state);
}

query.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => { changed(!typed); typed = true; }, 120);
});
form.addEventListener("change", (event) => { if (event.target !== query) { typed = false; changed(true); } });
form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(typing); changed(true); });
more.addEventListener("click", () => showMore(generation));
query.addEventListener("focus", loadPagefind, { once: true });  // fetch the index while the person types
for (const details of form.querySelectorAll("details")) {
  details.addEventListener("toggle", () => { if (details.open && form.dataset.state === "done") run(readForm()); });
}
window.addEventListener("popstate", () => { const state = fromURL(); writeForm(state); run(state); });

if (matchMedia("(max-width: 760px)").matches) filtersBox.open = false;  // results first on a phone
document.querySelector("[data-mc-fallback]").hidden = true;
form.hidden = false;
const initial = fromURL();
writeForm(initial);
run(initial);
