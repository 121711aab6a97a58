// /courses/: with nothing chosen, every current course, soonest start first (the tables'
// order files); with words, Pagefind finds them, then the guides that have them. Filters,
// counts, sorts and cards come from the tables beside the index (generator/search/tables.py),
// fetched as they are needed. All state is in the URL. On a phone the filters are a drawer
// over the results. Provider text only ever reaches the page through textContent and checked hrefs.
const form = document.getElementById("mc-browse");
const root = form.dataset.root;
// where the search files are: the page has them from generator/addresses.py
const bundle = form.dataset.bundle;  // Pagefind's bundle; a large catalogue's further shards are folders in it
const tablesFolder = form.dataset.tables;
const manifestFile = form.dataset.manifest;
const PAGE = 12;
const SORTS = ["title", "start", "price", "workload"];
const query = document.getElementById("mc-q");
const sortBox = document.getElementById("mc-sort");
const count = document.getElementById("mc-count");
const suggest = document.getElementById("mc-suggest");
const list = document.getElementById("mc-results");
const more = document.getElementById("mc-more");
const chips = form.querySelector(".mc-chips");
const clearAll = document.getElementById("mc-clear");
const withdrawnBox = form.querySelector('input[name="withdrawn"]');
const filters = document.getElementById("mc-filters");
const openButton = document.getElementById("mc-open");
const openCount = document.getElementById("mc-open-count");
const showButton = document.getElementById("mc-show");
const guides = document.getElementById("mc-guides");
const phone = matchMedia("(max-width: 760px)");
const facetKeys = [...form.querySelectorAll(".mc-facet[data-facet]")].map((el) => el.dataset.facet);
const labels = {};
for (const box of form.querySelectorAll(".mc-facet[data-facet] input")) {
  (labels[box.name] ??= {})[box.value] = box.parentElement.querySelector(".mc-facet__label").textContent.trim();
}
const facetTitles = Object.fromEntries([...form.querySelectorAll(".mc-facet[data-facet]")].map(
  (el) => [el.dataset.facet, el.querySelector("summary").textContent.trim()]));
const withinBoxes = [...form.querySelectorAll('input[name="within"]')];
const withinTitle = form.querySelector(".mc-facet--within summary").textContent.trim();
const WITHIN = Object.fromEntries(withinBoxes.map((box) => [box.value, box.parentElement.textContent.trim()]));

let pagefind = null;
let manifest = null;
const tables = {};  // "facet-level" → promise of {values, sets, cells}
const vocabulary = {};  // "7765" → promise of the sorted words that begin with "we"
const queries = new Map();  // words → promise of the matching rows, best first
let results = listOf([]);  // the rows shown, in order: {length, rows(from, to)}
let shown = 0;
let generation = 0;

function loadPagefind() {
  pagefind ??= loadManifest().then(async (found) => {
    if (!found.shards) return null;  // an empty catalogue has no index
    const module = await import(`${bundle}pagefind.js`);
    await module.options({ excerptLength: 0, noWorker: true });
    await module.init();
    // further shards of a large catalogue (generator/search/index.py), searched with the first
    for (let shard = 1; shard < found.shards; shard++) {
      await module.mergeIndex(new URL(`${bundle}shard-${shard}/`, location.href).pathname);
    }
    return module;
  });
  return pagefind;
}

function loadManifest() {
  // revalidated every time: it names the folder of this build's tables, which never change
  manifest ??= fetch(manifestFile, { cache: "no-cache" }).then((response) => checked(response).json());
  return manifest;
}

const CELLS = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array };

function loadTable(name) {
  // one cell per course (see generator/search/tables.py): gzip over header length, JSON header, cells
  tables[name] ??= loadManifest().then(async (found) => {
    const response = checked(await fetch(`${tablesFolder}${found.folder}${name}.bin`));
    const bytes = await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    const size = new DataView(bytes).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 4, size)));
    const start = 4 + size + ((4 - ((4 + size) % 4)) % 4);
    const rows = header.rows;
    if (header.per_byte === 1) return { ...header, cells: new CELLS[header.width](bytes, start, rows) };
    const packed = new Uint8Array(bytes, start);  // per_byte cells to a byte, digits in base, first lowest
    const { per_byte: per, base } = header;
    const cells = new Uint8Array(rows);
    for (let row = 0, at = 0; row < rows; at++) {
      let byte = packed[at];
      for (let k = 0; k < per && row < rows; k++, row++) {
        cells[row] = byte % base;
        byte = (byte - cells[row]) / base;
      }
    }
    return { ...header, cells };
  });
  return tables[name];
}

// A query's words as Pagefind reads them: punctuation dropped, lower case, diacritics
// dropped, split at spaces (its pagefind.js does the same before searching).
function terms(words) {
  const kept = [...words].filter((char) => !/\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}/u.test(char));
  return kept.join("").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").split(/\s+/).filter(Boolean);
}

const VOCABULARY_KEY = 2;  // characters (generator/search/tables.py)

function hex(text) {
  return [...new TextEncoder().encode(text)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function loadWords(term) {
  // the catalogue's words that begin like the term (its first two letters), sorted
  return loadManifest().then(async (found) => {
    const start = hex([...term].slice(0, VOCABULARY_KEY).join(""));
    const wanted = (found.words || []).filter((key) => key === start);
    const lists = await Promise.all(wanted.map((key) => {
      vocabulary[key] ??= fetch(`${tablesFolder}${found.folder}words-${key}.txt`).then(async (response) =>
        (await new Response(checked(response).body.pipeThrough(new DecompressionStream("gzip"))).text()).split("\n"));
      return vocabulary[key];
    }));
    return lists.flat();
  });
}

function beginning(words, term) {
  // the words that begin with the term (words are sorted)
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (words[mid] < term) low = mid + 1; else high = mid;
  }
  let end = low;
  while (end < words.length && words[end].startsWith(term)) end++;
  return words.slice(low, end);
}

function distance(a, b, limit) {
  // edits (insert, delete, replace, swap two neighbours) from a to b, or limit + 1 if more
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let last = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
      row.push(cost);
      best = Math.min(best, cost);
    }
    if (best > limit) return limit + 1;
    [before, last] = [last, row];
  }
  return last[b.length];
}

function closeWords(words, term) {
  // up to five words of the catalogue one or two edits from the term (one for a short term)
  const limit = term.length <= 4 ? 1 : 2;
  return words.map((word) => [distance(term, word, limit), word])
    .filter(([d]) => d <= limit)
    .sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0))
    .slice(0, 5).map(([, word]) => word);
}

const SHORT = 3;  // a query word of fewer letters must be a whole word (see matchingRows)

async function lookUp(words) {
  // every catalogue word that a query word begins; or the first query word that begins none,
  // with the close words the catalogue has. Pagefind would answer such a word with the longest
  // word that begins it ("Pflege" found "P…" words).
  const found = [];
  for (const term of terms(words)) {
    const list = await loadWords(term);
    const begun = [...term].length < SHORT ? list.filter((word) => word === term) : beginning(list, term);
    if (!begun.length) return { found, unknown: { term, close: closeWords(list, term) } };
    found.push(...begun);
  }
  return { found, unknown: null };
}

function matchingRows(words) {
  // Pagefind answers the words once; every filter and sort after that is worked out here
  if (!queries.has(words)) {
    if (queries.size > 20) queries.delete(queries.keys().next().value);
    queries.set(words, Promise.all([loadPagefind(), loadManifest(), lookUp(words)]).then(async ([module, { shards, per_shard: size }, { found, unknown }]) => {
      if (!module || unknown) return Object.assign(new Int32Array(0), { unknown });
      const all = terms(words);
      const long = all.filter((term) => [...term].length >= SHORT);
      const answers = [];
      if (long.length) {
        // Pagefind looks a word up in the one index chunk whose range holds it, so "que" missed
        // "questions" at the start of the next chunk; it searches every chunk it has loaded, so
        // the chunks of every catalogue word the query's words begin are loaded first
        await module.preload(found.filter((word) => [...word].length >= SHORT).join(" "));
        answers.push((await module.search(long.join(" "))).results);
      }
      // a word of one or two letters ("R", "IT") is looked up whole (Pagefind's quoted search):
      // every word that begins with "s" is most of a large catalogue, and scoring them all took minutes
      for (const term of all.filter((term) => [...term].length < SHORT)) {
        answers.push((await module.search(`"${term}"`)).results);
      }
      const others = answers.slice(1).map((results) => new Set(results.map((result) => result.id)));
      const kept = answers[0].filter((result) => others.every((ids) => ids.has(result.id)));
      // page id shard * size + page is row page * shards + shard (generator/search/index.py)
      const ids = kept.map((result) => parseInt(result.id, 16)).filter((id) => id >= 0);  // not the vocabulary
      return Int32Array.from(ids, (id) => (id % size) * shards + Math.floor(id / size));
    }));
  }
  return queries.get(words);
}

function loadCard(row) {
  return loadManifest()
    .then((found) => fetch(`${tablesFolder}${found.folder}card/${row.toString(16).padStart(found.digits, "0")}.json`))
    .then((response) => checked(response).json());
}

function checked(response) {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return response;
}

async function forgetFailures() {
  // a failed download is fetched again on the next search instead of failing for good
  const settled = async (promise) => promise.then(() => true, () => false);
  if (manifest && !(await settled(manifest))) manifest = null;
  if (pagefind && !(await settled(pagefind))) pagefind = null;
  for (const [name, promise] of Object.entries(tables)) if (!(await settled(promise))) delete tables[name];
  for (const [words, promise] of [...queries]) if (!(await settled(promise))) queries.delete(words);
  for (const [key, promise] of Object.entries(vocabulary)) if (!(await settled(promise))) delete vocabulary[key];
}

// the page's own search, for tests that compare it with the catalogue: the rows holding the
// words, withdrawn courses too, and the unknown word with its close words if there is one
form.matchingRows = async (words) => {
  const rows = await matchingRows(words);
  return { rows: Array.from(rows), unknown: rows.unknown || null };
};

// --- state: form ⇄ URL ---------------------------------------------------------------
function readForm() {
  const within = withinBoxes.find((box) => box.checked)?.value || "";
  const state = { q: query.value.trim(), sort: sortBox.value, withdrawn: withdrawnBox.checked, within, filters: {} };
  for (const key of facetKeys) {
    const picked = [...form.querySelectorAll(`.mc-facet input[name="${key}"]:checked`)].map((box) => box.value);
    if (picked.length) state.filters[key] = picked;
  }
  return state;
}

function writeForm(state) {
  query.value = state.q;
  sortBox.value = SORTS.includes(state.sort) ? state.sort : "";
  withdrawnBox.checked = state.withdrawn;
  for (const box of withinBoxes) box.checked = box.value === state.within;
  for (const box of form.querySelectorAll(".mc-facet[data-facet] input")) {
    box.checked = (state.filters[box.name] || []).includes(box.value);
  }
}

function fromURL() {
  const params = new URLSearchParams(location.search);
  const within = params.get("within") || "";
  const state = { q: params.get("query") || "", sort: params.get("sort") || "", withdrawn: params.get("withdrawn") === "1",
                  within: within in WITHIN ? within : "", filters: {} };
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
  if (state.within) params.set("within", state.within);
  if (state.sort) params.set("sort", state.sort);
  if (state.withdrawn) params.set("withdrawn", "1");
  const search = params.toString();
  return location.pathname + (search ? `?${search}` : "");
}

function chosen(state) {
  // how many filters are chosen: the phone's "Filters" button says so
  return Object.values(state.filters).flat().length + (state.within ? 1 : 0) + (state.withdrawn ? 1 : 0);
}

function sortOf(state) {
  // without words there is no relevance: the soonest start comes first
  return state.sort || (state.q ? "" : "start");
}

function isIdle(state) {
  // nothing chosen: the order files list the current courses without any other table
  return !state.q && !chosen(state) && sortOf(state) === "start";
}

function monthsWithin(months) {
  // "starts within": this month and the next ones, on the visitor's calendar, and any time
  const now = new Date();
  const found = ["any"];
  for (let k = 0; k < months; k++) {
    const day = new Date(now.getFullYear(), now.getMonth() + k, 1);
    found.push(`${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}`);
  }
  return found;
}

// --- searching ---------------------------------------------------------------------------
function openFacets() {
  // the facets whose counts show: none while a phone's drawer is closed
  if (phone.matches && !drawerOpen()) return [];
  return [...form.querySelectorAll(".mc-facet[data-facet][open]")].map((el) => el.dataset.facet);
}

// Values within a facet are OR, facets are AND, and a facet's counts leave out its own
// choices (they show what ticking one more value adds): a course failing no chosen facet
// counts everywhere, one failing exactly one chosen facet counts in that facet only.
async function evaluate(state) {
  const picked = Object.keys(state.filters);
  const counted = openFacets();
  const keys = [...new Set([...picked, ...counted, "status", ...(state.within ? ["start"] : [])])];
  const [found, rows, ...loaded] = await Promise.all([
    loadManifest(), state.q ? matchingRows(state.q) : null, ...keys.map((key) => loadTable(`facet-${key}`))]);
  const table = Object.fromEntries(keys.map((key, i) => [key, loaded[i]]));
  const tests = picked.map((key) => passing(table[key], state.filters[key]));
  // "starts within" narrows like a facet of its own, whose counts are not shown
  if (state.within) tests.push(passing(table.start, monthsWithin(Number(state.within))));
  const hidden = state.withdrawn ? null : passing(table.status, ["withdrawn"]);
  const tallies = counted.map((key) => ({ key, test: picked.indexOf(key), cells: table[key].cells,
                                         hits: new Uint32Array(table[key].sets.length) }));
  const matched = [];
  const total = rows ? rows.length : found.rows;
  for (let i = 0; i < total; i++) {
    const row = rows ? rows[i] : i;
    if (hidden && hidden.pass[hidden.cells[row]]) continue;
    let failed = -1;
    let fails = 0;
    for (let t = 0; t < tests.length && fails < 2; t++) {
      if (!tests[t].pass[tests[t].cells[row]]) { failed = t; fails++; }
    }
    if (fails === 0) matched.push(row);
    if (fails < 2) {
      for (const tally of tallies) if (fails === 0 || tally.test === failed) tally.hits[tally.cells[row]]++;
    }
  }
  const counts = {};
  for (const { key, hits } of tallies) counts[key] = valueCounts(table[key], hits);
  return { matched, counts, unknown: rows ? rows.unknown : null };
}

function passing(table, values) {
  // which sets of values (see tables.py) hold at least one of the chosen values
  const wanted = new Set(values.map((value) => table.values.indexOf(value)).filter((v) => v >= 0));
  return { cells: table.cells, pass: Uint8Array.from(table.sets, (set) => (set.some((v) => wanted.has(v)) ? 1 : 0)) };
}

function valueCounts(table, hits) {
  const counts = {};
  table.sets.forEach((set, i) => { for (const v of set) counts[table.values[v]] = (counts[table.values[v]] || 0) + hits[i]; });
  return counts;
}

async function ordered(rows, sort) {
  if (!SORTS.includes(sort)) return rows;  // relevance: Pagefind's order, or the catalogue's without words
  const rank = (await loadTable(`sort-${sort}`)).cells;
  return rows.sort((a, b) => rank[a] - rank[b]);  // stable: equal ranks keep their relevance order
}

function listOf(rows) {
  return { length: rows.length, rows: async (from, to) => rows.slice(from, to) };
}

async function browseOrder() {
  // every current course, soonest start first, fetched a chunk at a time as cards are shown
  const { listed, order_chunk: size } = await loadManifest();
  return {
    length: listed || 0,
    rows: async (from, to) => {
      const chunks = [];
      for (let c = Math.floor(from / size); c * size < Math.min(to, listed); c++) chunks.push(loadTable(`order-${c}`));
      const rows = (await Promise.all(chunks)).flatMap((table) => Array.from(table.cells));
      const first = Math.floor(from / size) * size;
      return rows.slice(from - first, to - first);
    },
  };
}

async function run(state) {
  const mine = ++generation;
  renderChips(state);
  form.dataset.state = "searching";
  guides.hidden = true;
  try {
    if (isIdle(state)) {
      resetCounts();
      suggest.hidden = true;
      results = await browseOrder();
    } else {
      const { matched, counts, unknown } = await evaluate(state);
      const rows = await ordered(matched, sortOf(state));
      if (mine !== generation) return;
      updateCounts(counts);
      showSuggestions(state, unknown);
      results = listOf(rows);
    }
    if (mine !== generation) return;
    shown = 0;
    list.replaceChildren();
    await showMore(mine);
  } catch (error) {
    if (mine !== generation) return;
    forgetFailures();
    suggest.hidden = true;
    form.dataset.state = "failed";
    count.textContent = "The search could not load. Check your connection, then search again.";
    return;
  }
  if (mine !== generation) return;
  const n = results.length;
  count.textContent = isIdle(state) ? `${n} courses, soonest start first.` : n === 1 ? "1 course found." : `${n} courses found.`;
  if (!n && state.q) {
    const term = form.dataset.unknown;
    count.textContent = !term ? "No course has all of these words with these filters."
      : [...term].length < SHORT ? `No course has the word “${term}” (a word of one or two letters is matched whole).`
        : `No course has a word beginning with “${term}”.`;
  }
  showButton.textContent = n === 1 ? "Show 1 course" : `Show ${n} courses`;
  form.dataset.shown = state.q;  // which words the results are for (tests wait on it)
  form.dataset.state = "done";
  if (state.q) showGuides(state.q, mine).catch(() => {});  // second, and never in the way of the courses
}

async function showMore(mine) {
  const page = await results.rows(shown, shown + PAGE);
  const data = await Promise.all(page.map(loadCard));
  if (mine !== generation) return;
  for (const item of data) list.append(card(item));
  shown += page.length;
  more.hidden = shown >= results.length;
}

function showSuggestions(state, unknown) {
  // close words the catalogue has, each a link that searches with it in place of the unknown word
  suggest.replaceChildren();
  suggest.hidden = !unknown;
  form.dataset.unknown = unknown ? unknown.term : "";
  if (!unknown) return;
  if (!unknown.close.length) {
    suggest.textContent = "Check the spelling, or try a shorter or more general word.";
    return;
  }
  suggest.append("Did you mean ");
  unknown.close.forEach((word, i) => {
    const words = terms(state.q).map((term) => (term === unknown.term ? word : term)).join(" ");
    const link = el("a", "mc-suggest__word", word);
    link.href = toURL({ ...state, q: words });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      query.value = words;
      changed(true);
      query.focus();
    });
    if (i) suggest.append(i === unknown.close.length - 1 ? " or " : ", ");
    suggest.append(link);
  });
  suggest.append("?");
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

function startText(meta) {
  // the record says it as the fact sheet does ("3 May 2027"); "any": a self-paced course
  if (meta.start === "any") return "Start any time";
  return meta.when ? `Starts ${meta.when}` : "No upcoming session";
}

function card(meta) {
  const li = el("li", "mc-card");
  const href = courseHref(meta.url || "");
  const title = el(href ? "a" : "span", "mc-card__title", meta.title || "");
  if (href) title.href = href;
  if (meta.lang) title.lang = meta.lang;
  li.append(title);
  const country = (labels.country || {})[meta.country] || meta.country || "";
  li.append(el("span", "mc-card__provider", [meta.provider, country].filter(Boolean).join(" · ")));
  const facts = el("span", "mc-card__facts");
  const workload = [meta.ects && `${meta.ects} ECTS`, meta.hours && `${meta.hours} h`].filter(Boolean).join(", ");
  for (const text of [meta.level ? `EQF level ${meta.level}` : "No level", workload, (labels.mode || {})[meta.mode] || meta.mode,
                      startText(meta), meta.price]) {
    if (text) facts.append(el("span", "", text));
  }
  if (meta.ila) facts.append(el("span", "mc-badge mc-badge--ila", "ILA eligible"));
  if (meta.status === "withdrawn") facts.append(el("span", "mc-badge", "Withdrawn"));
  li.append(facts);
  return li;
}

function renderChips(state) {
  // one chip per choice, named by its filter ("Language: German ×"), and "Clear all"
  chips.replaceChildren();
  const chip = (text, uncheck) => {
    const button = el("button", "mc-chip", `${text} ×`);
    button.type = "button";
    button.setAttribute("aria-label", `Remove filter ${text}`);
    button.addEventListener("click", () => {
      uncheck();
      changed(true);
      (chips.querySelector("button") || query).focus();
    });
    const li = el("li");
    li.append(button);
    chips.append(li);
  };
  for (const [key, values] of Object.entries(state.filters)) {
    for (const value of values) {
      chip(`${facetTitles[key]}: ${labels[key][value]}`, () => {
        form.querySelector(`.mc-facet input[name="${key}"][value="${CSS.escape(value)}"]`).checked = false;
      });
    }
  }
  if (state.within) chip(`${withinTitle}: ${WITHIN[state.within]}`, () => { withinBoxes[0].checked = true; });
  if (state.withdrawn) chip("Withdrawn courses included", () => { withdrawnBox.checked = false; });
  const n = chosen(state);
  clearAll.hidden = !n;
  openCount.textContent = n ? `\u00a0(${n})` : "";
}

function clearFilters() {
  for (const box of form.querySelectorAll(".mc-facet[data-facet] input:checked")) box.checked = false;
  withinBoxes[0].checked = true;
  withdrawnBox.checked = false;
}

// --- the guides, after the courses ---------------------------------------------------------
let guideRows = null;

function loadGuides() {
  guideRows ??= loadManifest()
    .then((found) => fetch(`${tablesFolder}${found.folder}guides.json`))
    .then(async (response) => (await checked(response).json()).map(([url, page, title, words]) =>
      ({ url, page, title, words: words.split(" "), titled: terms(title) })))
    .catch((error) => { guideRows = null; throw error; });
  return guideRows;
}

function has(words, term) {
  // a word of the section begins with the term (a short term: is it)
  return [...term].length < SHORT ? words.includes(term) : words.some((word) => word.startsWith(term));
}

async function showGuides(words, mine) {
  const wanted = terms(words);
  const sections = (await loadGuides()).filter((s) => wanted.every((term) => has(s.words, term)));
  if (mine !== generation) return;
  const inTitle = (s) => wanted.filter((term) => has(s.titled, term)).length;
  const best = sections.map((s, i) => [inTitle(s), i, s]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, 5);
  const items = guides.querySelector("ul");
  items.replaceChildren();
  for (const [, , section] of best) {
    const link = el("a", "", section.title);
    link.href = root + section.url.replace(/^\/+/, "");
    const li = el("li");
    li.append(link);
    if (section.page && section.page !== section.title) li.append(el("span", "mc-guides__page", ` — ${section.page}`));
    items.append(li);
  }
  guides.hidden = !best.length;
}

// --- the drawer of filters on a phone ---------------------------------------------------------
let inerted = [];

function drawerOpen() {
  return "open" in filters.dataset;
}

function openDrawer() {
  filters.dataset.open = "";
  filters.setAttribute("role", "dialog");
  filters.setAttribute("aria-modal", "true");
  openButton.setAttribute("aria-expanded", "true");
  // the rest of the page is out of reach while the drawer covers it
  for (let node = filters; node.parentElement && node !== document.body; node = node.parentElement) {
    for (const other of node.parentElement.children) {
      if (other !== node && !other.inert && other.tagName !== "SCRIPT") { other.inert = true; inerted.push(other); }
    }
  }
  document.documentElement.classList.add("mc-drawer-open");
  filters.querySelector(".mc-filters__close").focus();
  run(readForm());  // the open facets are counted now that they show
}

function closeDrawer() {
  if (!drawerOpen()) return;
  delete filters.dataset.open;
  filters.removeAttribute("role");
  filters.removeAttribute("aria-modal");
  openButton.setAttribute("aria-expanded", "false");
  for (const other of inerted) other.inert = false;
  inerted = [];
  document.documentElement.classList.remove("mc-drawer-open");
  if (phone.matches) openButton.focus();
}

// each facet's values, looked up once: a large catalogue's provider facet has a thousand
const valueRows = Object.fromEntries(facetKeys.map((key) => [key, [...form.querySelectorAll(`.mc-facet input[name="${key}"]`)]
  .map((box) => ({ box, label: box.parentElement, span: box.parentElement.querySelector(".mc-facet__count") }))]));

function updateCounts(counts) {
  for (const key of facetKeys) {
    const source = counts[key];  // none: a closed facet, counted when opened
    for (const { box, label, span } of valueRows[key]) {
      const n = source ? source[box.value] ?? 0 : null;
      const text = n === null ? "" : String(n);
      if (span.textContent !== text) span.textContent = text;
      label.classList.toggle("mc-facet__value--none", n === 0 && !box.checked);
    }
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
  const words = query.value.trim();
  // fetch the words' index files while the pause is awaited (a failure shows when searching)
  if (words) loadPagefind().then((module) => module?.preload(words)).catch(() => {});
  typing = setTimeout(() => { changed(!typed); typed = true; }, 50);
});
form.addEventListener("change", (event) => { if (event.target !== query) { typed = false; changed(true); } });
form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(typing); changed(true); });
more.addEventListener("click", () => showMore(generation).catch(() => {
  count.textContent = "More courses could not load. Check your connection, then try again.";
}));
clearAll.addEventListener("click", () => { clearFilters(); changed(true); query.focus(); });
openButton.addEventListener("click", openDrawer);
for (const button of filters.querySelectorAll("[data-mc-close]")) button.addEventListener("click", closeDrawer);
filters.addEventListener("keydown", (event) => { if (event.key === "Escape" && drawerOpen()) closeDrawer(); });
phone.addEventListener("change", () => { if (!phone.matches) closeDrawer(); });
query.addEventListener("focus", () => {  // fetch what the first search needs while the person types
  for (const loading of [loadPagefind(), ...["status", ...openFacets()].map((key) => loadTable(`facet-${key}`))]) {
    loading.catch(() => {});  // a failure shows when searching
  }
}, { once: true });
for (const details of form.querySelectorAll(".mc-facet[data-facet]")) {
  // an opened facet is counted now (its table fetched), also while a search is under way
  details.addEventListener("toggle", () => { if (details.open && !isIdle(readForm())) run(readForm()); });
}
window.addEventListener("popstate", () => { const state = fromURL(); writeForm(state); run(state); });

document.querySelector("[data-mc-fallback]").hidden = true;
form.hidden = false;
const initial = fromURL();
writeForm(initial);
run(initial);
