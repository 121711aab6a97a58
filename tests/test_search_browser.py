"""/courses/ in real headless Chromium: the counts Pagefind gives equal the counts computed
from the catalogue data, sorting, the URL as state, the keyboard, other languages, no-JS."""

from __future__ import annotations

import json
import random
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import SAMPLE, TODAY
from playwright.sync_api import Browser, Page
from test_browser import ARTIFACTS, PHONE, _open, browser, server, serving  # noqa: F401  (fixtures)

from generator import addresses, bands, model
from generator.layout import Selection
from generator.model import Catalogue, Course
from generator.search import index, tables
from generator.search.records import record
from generator.validation import check

Predicate = Callable[[Course], bool]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


@pytest.fixture(scope="module")
def sharded(site: Path, catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site with its index cut into shards of 4 courses, as a large catalogue's is:
    the page merges them and must find, count and sort exactly as with one."""
    copy = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(
        site,
        copy,
        ignore=lambda folder, names: (
            {addresses.search_bundle().strip("/"), addresses.search_tables().strip("/")} & set(names)
            if Path(folder) == site
            else set()
        ),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "SHARD_SIZE", 4)
        records = [record(c, TODAY) for c in catalogue.courses.values()]
        with ThreadPoolExecutor(1) as thread:  # Playwright's event loop runs in this one
            thread.submit(index.write, records, copy).result()
    assert json.loads((copy / addresses.search_tables_manifest()).read_text("utf-8"))["shards"] > 2
    assert (copy / addresses.search_bundle(2) / "pagefind-entry.json").is_file()
    with serving(copy) as address:
        yield address


@pytest.fixture(params=["one index", "shards"])
def any_server(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("server" if request.param == "one index" else "sharded")


def words_of(course: Course, description: bool = True) -> list[str]:
    texts = [*course.title.values, *course.summary.values, *course.provider.name.values]
    for outcome in course.learning_outcomes:
        texts += outcome.values
    for skill in course.skills:
        texts += skill.label.values
    if description and course.description:
        texts += course.description.values
    return re.findall(r"\w+", " ".join(v for _, v in texts) + " " + " ".join(course.keywords).casefold())


def has_word(prefix: str) -> Predicate:
    return lambda course: any(word.casefold().startswith(prefix) for word in words_of(course))


def expected(catalogue: Catalogue, *tests: Predicate) -> set[str]:
    return {c.id for c in catalogue.courses.values() if not c.withdrawn and all(t(c) for t in tests)}


def euro(course: Course) -> float:
    return (
        min(bands.in_euro(s.price) for s in course.sessions)
        if course.sessions
        else bands.in_euro(course.price)
    )


def upcoming_months(course: Course) -> set[str]:
    return {s.start.strftime("%Y-%m") for s in course.sessions if s.start and s.start >= TODAY}


def results(page: Page) -> list[str]:
    """Course ids of every result, pressing "Show more" until all are listed (once the results
    shown are those of the words in the box: with none, the page lists every course)."""
    page.wait_for_function(
        "(f => f.dataset.state === 'done' && f.dataset.shown === document.getElementById('mc-q').value.trim())"
        "(document.getElementById('mc-browse'))"
    )
    while page.locator("#mc-more").is_visible():
        before = page.locator("#mc-results li").count()
        page.click("#mc-more")
        page.wait_for_function(f"document.querySelectorAll('#mc-results li').length > {before}")
    hrefs = page.locator("#mc-results a.mc-card__title").evaluate_all("links => links.map(a => a.href)")
    return [re.search(r"/courses/([^/]+/[^/]+)/$", href).group(1) for href in hrefs]


def count_text(page: Page) -> int:
    return int(re.match(r"(\d+) courses? found", page.inner_text("#mc-count")).group(1))


def visit(browser: Browser, server: str, params: list[tuple[str, str]]) -> Page:
    page, errors, _ = _open(browser, server + "courses/?" + urlencode(params))
    page.errors = errors  # type: ignore[attr-defined]
    return page


CASES: dict[str, tuple[list[tuple[str, str]], list[Predicate]]] = {
    "query": ([("query", "data")], [has_word("data")]),
    "one facet": (
        [("mode", "online")],
        [lambda c: "online" in {c.participation, *(s.participation for s in c.sessions)}],
    ),
    "or within a facet": ([("level", "5"), ("level", "6")], [lambda c: c.eqf in (5, 6)]),
    "and across facets": (
        [("level", "5"), ("level", "6"), ("language", "en")],
        [
            lambda c: c.eqf in (5, 6),
            lambda c: "en" in {*c.languages, *(code for s in c.sessions for code in s.languages)},
        ],
    ),
    "query and facet": (
        [("query", "data"), ("country", "PT")],
        [has_word("data"), lambda c: c.provider.country == "PT"],
    ),
    "price band": (
        [("price", "free")],
        [lambda c: any(p.free for p in ([s.price for s in c.sessions] or [c.price]))],
    ),
    "ila eligible": ([("ila", "yes")], [lambda c: c.ila_eligible]),
    "start month": ([("start", "2027-03")], [lambda c: "2027-03" in upcoming_months(c)]),
}


@pytest.mark.parametrize("case", CASES)
def test_result_count_equals_the_count_from_the_catalogue(
    browser: Browser,
    any_server: str,
    catalogue: Catalogue,
    case: str,
) -> None:
    params, tests = CASES[case]
    want = expected(catalogue, *tests)
    assert want, "a case must expect some courses, or it cannot fail"
    page = visit(browser, any_server, params)
    found = results(page)
    assert count_text(page) == len(want)
    assert sorted(found) == sorted(want)
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def facet_counts(page: Page, facet: str) -> dict[str, int]:
    boxes = page.locator(f'.mc-facet[data-facet="{facet}"] .mc-facet__value')
    found = {}
    for i in range(boxes.count()):
        code = boxes.nth(i).locator("input").get_attribute("value")
        found[code] = int(boxes.nth(i).locator(".mc-facet__count").inner_text() or "-1")
    return found


def test_facet_counts_leave_out_their_own_choices_and_a_folded_facet_is_counted_when_opened(
    browser: Browser, any_server: str, catalogue: Catalogue
) -> None:
    page = visit(browser, any_server, [("query", "data"), ("level", "5"), ("level", "6")])
    results(page)
    data = has_word("data")
    chosen = [c for c in catalogue.courses.values() if not c.withdrawn and data(c)]
    levels = {str(c.eqf) if c.eqf else "none" for c in chosen}
    # the level facet counts every level among the query's courses, ignoring the levels ticked
    want = {
        code: sum(1 for c in chosen if (str(c.eqf) if c.eqf else "none") == code)
        for code in facet_counts(page, "level")
    }
    assert facet_counts(page, "level") == want and len(levels) > 2
    narrowed = [c for c in chosen if c.eqf in (5, 6)]
    ila = facet_counts(page, "ila")
    assert ila == {
        "yes": sum(c.ila_eligible for c in narrowed),
        "no": sum(not c.ila_eligible for c in narrowed),
    }
    assert set(facet_counts(page, "field").values()) == {-1}, "a folded facet is not counted"
    page.click('.mc-facet[data-facet="field"] summary')
    page.wait_for_function(
        """() => [...document.querySelectorAll('.mc-facet[data-facet=field] .mc-facet__count')]
                              .some((el) => el.textContent !== '')"""
    )
    fields = facet_counts(page, "field")
    assert fields == {
        code: sum(1 for c in narrowed if code in {f.broad for f in c.fields}) for code in fields
    }
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def test_withdrawn_courses_only_when_asked(browser: Browser, server: str, catalogue: Catalogue) -> None:
    withdrawn = {c.id for c in catalogue.courses.values() if c.withdrawn}
    page = visit(browser, server, [("level", "none")])
    assert not withdrawn & set(results(page))
    page.check('input[name="withdrawn"]')
    page.wait_for_url(re.compile(r"withdrawn=1"))
    found = set(results(page))
    assert {c for c in withdrawn if catalogue.courses[c].eqf is None} <= found
    page.close()


@pytest.mark.parametrize(("sort", "key"), [("price", euro), ("start", None)])
def test_sorting_orders_the_cards(
    browser: Browser,
    any_server: str,
    catalogue: Catalogue,
    sort: str,
    key: Callable | None,
) -> None:
    def start(course: Course) -> str:
        if any(s.self_paced for s in course.sessions):
            return "0000"
        dates = sorted(s.start.isoformat() for s in course.sessions if s.start and s.start >= TODAY)
        return dates[0] if dates else "9999"

    page = visit(browser, any_server, [("sort", sort)] + [("level", str(n)) for n in range(1, 9)])
    ordered = [(key or start)(catalogue.courses[i]) for i in results(page)]
    assert len(ordered) > 10 and ordered == sorted(ordered)
    assert len(set(ordered)) > 3, "the order must be tested on distinct values"
    page.close()


def test_the_url_holds_the_state_through_reload_and_back(browser: Browser, server: str) -> None:
    page = visit(browser, server, [])
    page.fill("#mc-q", "data")
    page.wait_for_url(re.compile(r"query=data"))
    first = results(page)
    page.check('input[name="level"][value="5"]')
    page.wait_for_url(re.compile(r"level=5"))
    narrowed = results(page)
    assert 0 < len(narrowed) < len(first)
    page.reload()
    assert page.input_value("#mc-q") == "data" and page.is_checked('input[name="level"][value="5"]')
    assert results(page) == narrowed
    chip = page.get_by_role("button", name=re.compile("Remove filter Level"))
    assert chip.is_visible()
    page.go_back()
    page.wait_for_function('!document.querySelector(\'input[name="level"][value="5"]\').checked')
    assert results(page) == first and "level=5" not in page.url
    page.close()


def test_keyboard_only_reaches_search_filter_and_result(browser: Browser, server: str) -> None:
    page = visit(browser, server, [])

    def tab_to(selector: str, limit: int = 300) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#mc-q")
    page.keyboard.type("data")
    tab_to('input[name="mode"][value="online"]')
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"mode=online"))
    assert results(page)
    tab_to("#mc-results a")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.locator("h1").count() == 1
    page.close()


def test_a_title_in_another_language_is_found(
    browser: Browser, any_server: str, catalogue: Catalogue
) -> None:
    """Only one course has the word: with shards, the others must not answer with near misses."""
    german = catalogue.courses["murtal-volksbildung/buchhaltung-fuer-kleinbetriebe"]
    assert german.default_language == "de"
    page = visit(browser, any_server, [])
    page.fill("#mc-q", "Lohnverrechnung")
    assert results(page) == [german.id]
    title = page.locator("#mc-results a.mc-card__title").first
    assert title.get_attribute("lang") == "de"
    page.close()


def test_without_javascript_the_listing_links_are_shown(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "courses/")
    assert not page.locator("#mc-browse").is_visible()
    assert page.get_by_role("link", name="Courses by field of education").is_visible()
    context.close()


def test_phone_width_accessibility_and_no_console_errors(browser: Browser, server: str) -> None:
    page, errors, _ = _open(browser, server + "courses/?query=data", PHONE)
    results(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "courses-phone.png"), full_page=True)
    violations = [
        (v["id"], v["impact"])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == [] and errors == []
    page.close()


def test_a_failed_download_says_so_and_the_next_search_fetches_again(browser: Browser, server: str) -> None:
    page, _, _ = _open(browser, server + "courses/")
    page.route("**/facet-level.bin", lambda route: route.abort())
    page.fill("#mc-q", "data")
    page.wait_for_function("document.getElementById('mc-browse').dataset.state === 'failed'")
    assert "could not load" in page.inner_text("#mc-count")
    page.unroute("**/facet-level.bin")
    page.fill("#mc-q", "data analysis")
    page.wait_for_function("document.getElementById('mc-browse').dataset.state === 'done'")
    assert page.locator("#mc-results li").count() > 0
    page.close()


# --- the oracle: which courses hold each query word, from the catalogue's own text ---------


def texts_of(course: Course) -> list[str]:
    """Every text of the course that search reads, in every language."""
    texts = [*course.title.values, *course.summary.values, *course.provider.name.values]
    for outcome in course.learning_outcomes:
        texts += outcome.values
    for skill in course.skills:
        texts += skill.label.values
    if course.description:
        texts += course.description.values
    return [value for _, value in texts] + list(course.keywords)


def _plain(word: str) -> str:
    """Lower case without combining marks ("à" is "a", "ł" stays), as Pagefind stores a word."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _pieces(token: str) -> list[str]:
    """A token cut where Pagefind cuts it: at punctuation, before a capital after a small
    letter ("JavaScript"), before the last capital of a run that a small letter follows
    ("NGOs", "RStudio"), and between letters and digits ("NIS2")."""
    pieces, piece = [], ""
    for at, char in enumerate(token):
        if not (char.isalnum() or char == "_"):
            pieces, piece = pieces + [piece] * bool(piece), ""
            continue
        after = token[at + 1 : at + 2]
        if piece and (
            (piece[-1].islower() and char.isupper())
            or (piece[-1].isupper() and char.isupper() and after.islower())
            or piece[-1].isdigit() != char.isdigit()
        ):
            pieces, piece = [*pieces, piece], ""
        piece += char
    return pieces + [piece] * bool(piece)


def indexed_words(course: Course) -> set[str]:
    """The words a course can be found by: each token whole, and its pieces of two or more letters."""
    found = set()
    for token in " ".join(texts_of(course)).split():
        pieces = _pieces(token)
        found |= {_plain("".join(pieces))} - {""}
        if len(pieces) > 1:
            found |= {_plain(piece) for piece in pieces if len(piece) > 1}
    return found


def query_terms(query: str) -> list[str]:
    """The words of a query as Pagefind reads it: punctuation dropped, lower case, no marks."""
    kept = "".join(c for c in query if unicodedata.category(c) not in ("Pd", "Pe", "Pf", "Pi", "Po", "Ps"))
    return _plain(kept).split()


def oracle(words: list[set[str]], query: str) -> list[int]:
    """Rows of the courses with, for every word of the query, a word that begins with it (that
    is it, for a word of one or two letters)."""
    terms = query_terms(query)
    return [
        row
        for row, found in enumerate(words)
        if all((t in found) if len(t) < 3 else any(w.startswith(t) for w in found) for t in terms)
    ]


def page_rows(page: Page, queries: list[str]) -> list[dict]:
    """The page's own search for each query, in one go: its rows and its unknown word."""
    return page.evaluate(
        """async (queries) => {
             const form = document.getElementById('mc-browse');
             const out = [];
             for (const query of queries) out.push(await form.matchingRows(query));
             return out;
           }""",
        queries,
    )


def oracle_queries(vocabulary: list[str]) -> dict[str, list[str]]:
    pick = random.Random(20261204)
    letters = "abcdefghijklmnopqrstuvwxyzäöüßłéè"
    return {
        "every word": vocabulary,
        "every word and a letter": [word + "q" for word in vocabulary],
        "non-words": ["".join(pick.choices(letters, k=pick.randint(2, 8))) for _ in range(300)],
        "two words": [" ".join(pick.sample(vocabulary, 2)) for _ in range(150)]
        + [f"{a[: pick.randint(2, 5)]} {b}" for a, b in (pick.sample(vocabulary, 2) for _ in range(150))],
        "typed": [
            "Pflege",
            "zzzzqq",
            "soldadura",
            "sustainab",
            "datum",
            "da",
            "Lohn-Verrechnung",
            "3D-Druck",
        ],
    }


def test_every_query_finds_exactly_the_courses_with_words_beginning_with_it(
    browser: Browser, any_server: str, catalogue: Catalogue
) -> None:
    """The oracle: for every word of the catalogue, each lengthened by a letter, random
    non-words and pairs, the page's rows are the courses whose text has a word beginning with
    each query word (a word of one or two letters whole), no more (no near misses) and no fewer."""
    courses = list(catalogue.courses.values())  # row order
    words = [indexed_words(course) for course in courses]
    vocabulary = sorted(set().union(*words))
    page = visit(browser, any_server, [])
    checked = {}
    for kind, queries in oracle_queries(vocabulary).items():
        answers = page_rows(page, queries)
        wrong = [
            (query, sorted(answer["rows"]), oracle(words, query))
            for query, answer in zip(queries, answers, strict=True)
            if sorted(answer["rows"]) != oracle(words, query)
        ]
        assert wrong == [], f"{kind}: {len(wrong)} of {len(queries)} differ, e.g. {wrong[:3]}"
        checked[kind] = (len(queries), sum(1 for a in answers if a["rows"]))
    assert checked["every word"][1] == len(vocabulary)
    print("oracle queries (asked, with results):", checked)
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def test_published_vocabulary_is_the_catalogue_s_words(site: Path, catalogue: Catalogue) -> None:
    manifest = json.loads((site / addresses.search_tables_manifest()).read_text("utf-8"))
    folder = site / addresses.search_tables() / manifest["folder"]
    published = [w for key in manifest["words"] for w in tables.read_words(folder / f"words-{key}.txt")]
    assert published == sorted(set().union(*(indexed_words(c) for c in catalogue.courses.values())))


def test_the_search_box_s_example_finds_only_the_course_that_has_it(
    browser: Browser, any_server: str
) -> None:
    """ "Pflege" found four welding courses, whose words begin with "P"; it is in one description."""
    page = visit(browser, any_server, [("query", "Pflege")])
    assert results(page) == ["murtal-volksbildung/deutsch-im-beruf-b1"]
    assert not page.locator("#mc-suggest").is_visible()
    page.close()


@pytest.mark.parametrize("query", ["Pflegeheim", "zzzzqq", "soldadura", "QX"])
def test_an_unknown_word_finds_nothing_and_says_so(browser: Browser, any_server: str, query: str) -> None:
    page = visit(browser, any_server, [("query", query)])
    assert results(page) == []
    term = query_terms(query)[0]
    said = (
        f"No course has the word “{term}”"
        if len(term) < 3
        else f"No course has a word beginning with “{term}”"
    )
    assert said in page.inner_text("#mc-count")
    assert page.locator("#mc-suggest").is_visible()
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def test_a_misspelt_word_suggests_the_catalogue_s_word_and_the_link_searches_it(
    browser: Browser, any_server: str, catalogue: Catalogue
) -> None:
    page = visit(browser, any_server, [("query", "weldng"), ("level", "3")])
    assert results(page) == []
    link = page.locator("#mc-suggest a", has_text="welding")
    assert link.is_visible() and "query=welding" in (link.get_attribute("href") or "")
    link.click()
    page.wait_for_url(re.compile(r"query=welding"))
    page.wait_for_function("document.getElementById('mc-browse').dataset.shown === 'welding'")
    want = expected(catalogue, has_word("welding"), lambda c: c.eqf == 3)
    assert want and sorted(results(page)) == sorted(want)
    assert not page.locator("#mc-suggest").is_visible()
    assert page.input_value("#mc-q") == "welding"
    page.close()


@pytest.mark.parametrize("word", ["certificate", "industrie", "field"])
def test_a_word_in_the_title_ranks_above_the_same_word_in_a_description(
    browser: Browser, any_server: str, catalogue: Catalogue, word: str
) -> None:
    """The long description is searched too, and weighs less than the title."""

    def words(*texts: str) -> set[str]:
        return set(re.findall(r"\w+", " ".join(texts).casefold()))

    in_title = {c.id for c in catalogue.courses.values() if word in words(*(v for _, v in c.title.values))}
    only_described = {
        c.id
        for c in catalogue.courses.values()
        if c.description
        and word in words(*(v for _, v in c.description.values))
        and not any(w.casefold().startswith(word) for w in words_of(c, description=False))
    }
    assert in_title and only_described
    page = visit(browser, any_server, [("query", word)])
    found = results(page)
    assert only_described <= set(found)
    assert set(found[: len(in_title)]) == in_title
    page.close()
