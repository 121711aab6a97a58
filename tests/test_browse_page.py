"""/courses/ as the catalogue's front door, in real headless Chromium: every current course
before anything is typed, chips named by their filter, the phone's drawer of filters, "starts
within", the header's search box, and the guides after the courses."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import TODAY
from playwright.sync_api import Browser, Page
from test_browser import PHONE, _open, browser, server  # noqa: F401  (fixtures)
from test_search_browser import catalogue, has_word, results  # noqa: F401  (fixtures)

from generator import display
from generator.model import Catalogue, Course

DESKTOP = {"width": 1366, "height": 900}


def soonest(course: Course) -> str:
    """The course's next start as the page sorts it: any time first, no date last."""
    if any(s.self_paced for s in course.sessions):
        return "0"
    dates = sorted(s.start.isoformat() for s in course.sessions if s.start and s.start >= TODAY)
    return dates[0] if dates else "9"


def current(catalogue: Catalogue) -> list[Course]:
    """Every course not withdrawn, soonest start first, then by title."""
    active = [c for c in catalogue.courses.values() if not c.withdrawn]
    return sorted(active, key=lambda c: (soonest(c), c.title.get().casefold()))


def fixed_clock(browser: Browser, url: str, viewport: dict[str, int] | None = None) -> Page:
    """A page whose clock says the build's day, so "this month" is the catalogue's."""
    page = browser.new_page(viewport=viewport or DESKTOP)
    page.clock.set_fixed_time(datetime(TODAY.year, TODAY.month, TODAY.day, 12))
    page.goto(url, wait_until="networkidle")
    return page


def test_with_nothing_typed_every_current_course_is_listed_soonest_first(
    browser: Browser, server: str, catalogue: Catalogue
) -> None:
    page, errors, _ = _open(browser, server + "courses/")
    assert results(page) == [c.id for c in current(catalogue)]
    assert page.inner_text("#mc-count") == f"{len(current(catalogue))} courses, soonest start first."
    assert errors == []
    page.close()


def test_cards_say_dates_and_prices_as_the_fact_sheet_does(
    browser: Browser, server: str, catalogue: Catalogue
) -> None:
    page, _, _ = _open(browser, server + "courses/")
    cards = page.locator("#mc-results li").all_inner_texts()
    assert len(cards) == 12
    for course, text in zip(current(catalogue), cards, strict=False):
        assert not re.search(r"\d{4}-\d\d-\d\d|\b[A-Z]{3} \d", text), text  # no ISO date, no "EUR 600"
        upcoming = sorted(s.start for s in course.sessions if s.start and s.start >= TODAY)
        if soonest(course) == "0":
            assert "Start any time" in text
        elif upcoming:
            assert f"Starts {display.long_date(upcoming[0])}" in text
        prices = {display.local_money(s.price) for s in course.sessions} or {
            display.local_money(course.price)
        }
        assert any(price in text for price in prices), (course.id, text)
    page.close()


def test_chips_name_their_filter_and_clear_all_removes_them(
    browser: Browser, server: str, catalogue: Catalogue
) -> None:
    page, _, _ = _open(browser, server + "courses/?level=6&language=en&within=6&query=data")
    results(page)
    chips = page.locator(".mc-chips button").all_inner_texts()
    assert chips == [
        "Level (EQF): EQF level 6 ×",
        "Language of instruction: English ×",
        "Starts within: 6 months ×",
    ]
    page.click("#mc-clear")
    page.wait_for_url(re.compile(r"/courses/\?query=data$"))
    results(page)
    assert page.locator(".mc-chips button").count() == 0
    assert not page.locator("#mc-clear").is_visible()
    assert page.evaluate("document.activeElement.id") == "mc-q"
    page.close()


def test_a_chip_removes_its_own_choice(browser: Browser, server: str) -> None:
    page, _, _ = _open(browser, server + "courses/?level=6&level=7")
    results(page)
    page.get_by_role("button", name="Remove filter Level (EQF): EQF level 7").click()
    page.wait_for_url(re.compile(r"/courses/\?level=6$"))
    assert page.locator(".mc-chips button").all_inner_texts() == ["Level (EQF): EQF level 6 ×"]
    page.close()


def test_facets_show_whether_they_are_open(browser: Browser, server: str) -> None:
    page, _, _ = _open(browser, server + "courses/")
    summary = page.locator('.mc-facet[data-facet="field"] > summary')

    def chevron() -> str:
        return summary.evaluate("s => getComputedStyle(s, '::after').transform")

    closed = chevron()
    summary.click()
    assert page.locator('.mc-facet[data-facet="field"]').get_attribute("open") is not None
    assert chevron() != closed and closed not in ("none", "")
    page.close()


def test_on_a_phone_results_come_first_and_filters_are_a_drawer(
    browser: Browser, server: str, catalogue: Catalogue
) -> None:
    page, errors, _ = _open(browser, server + "courses/", PHONE)
    results(page)
    first = page.locator("#mc-results li").first.bounding_box()
    assert first is not None and first["y"] < PHONE["height"], "the first course is on the first screen"
    assert not page.locator("#mc-filters").is_visible()
    page.click("#mc-open")
    drawer = page.locator("#mc-filters")
    assert drawer.is_visible() and drawer.get_attribute("role") == "dialog"
    assert page.evaluate("document.getElementById('mc-filters').contains(document.activeElement)")
    assert page.evaluate("document.querySelector('.mc-results').inert")  # the page behind is out of reach
    page.locator('input[name="level"][value="6"]').check()
    level_six = sum(c.eqf == 6 for c in current(catalogue))
    page.wait_for_function(f"document.getElementById('mc-show').textContent === 'Show {level_six} courses'")
    page.click("#mc-show")
    assert not drawer.is_visible()
    assert page.evaluate("document.activeElement.id") == "mc-open"
    assert page.inner_text("#mc-open").replace("\u00a0", " ") == "Filters (1)"
    assert page.inner_text("#mc-count") == f"{level_six} courses found."
    page.click("#mc-open")
    page.keyboard.press("Escape")
    assert not drawer.is_visible() and errors == []
    page.close()


def test_starts_within_counts_months_from_the_visitors_today(
    browser: Browser, server: str, catalogue: Catalogue
) -> None:
    months = {
        f"{TODAY.year + (TODAY.month + k - 1) // 12}-{(TODAY.month + k - 1) % 12 + 1:02d}" for k in range(3)
    }

    def starts_soon(course: Course) -> bool:
        dated = {s.start.strftime("%Y-%m") for s in course.sessions if s.start and s.start >= TODAY}
        return any(s.self_paced for s in course.sessions) or bool(dated & months)

    page = fixed_clock(browser, server + "courses/?within=3")
    found = results(page)
    assert found and set(found) == {c.id for c in current(catalogue) if starts_soon(c)}
    starts = [soonest(catalogue.courses[course]) for course in found]
    assert starts == sorted(starts), "soonest first without words"
    assert set(found) != {c.id for c in current(catalogue)}, "the sample has later courses too"
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_header_search_leads_to_the_courses(
    browser: Browser, server: str, catalogue: Catalogue, viewport: dict[str, int]
) -> None:
    page, errors, requests = _open(browser, server + "guides/micro-credentials/", viewport)
    if viewport is PHONE:
        page.click("label.md-header__button[for='__search']")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    else:
        page.click(".md-search__input")
    page.keyboard.type("welding")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/courses/\?query=welding$"))
    assert page.input_value("#mc-q") == "welding"
    found = results(page)
    assert found and set(found) == {c.id for c in current(catalogue) if has_word("welding")(c)}
    assert errors == [] and not any(url.endswith("search_index.json") for url in requests)
    page.close()


def test_the_header_has_no_ghost_text_under_the_search_box(browser: Browser, server: str) -> None:
    page, _, _ = _open(browser, server)
    header = page.locator(".md-header").inner_text()
    assert "Search all courses" not in header and "Find a course" not in header.split("\n")[0]
    page.close()


def test_the_guides_follow_the_courses(browser: Browser, server: str, site: Path) -> None:
    page, _, _ = _open(browser, server + "courses/?query=withdrawn")
    results(page)
    page.wait_for_selector("#mc-guides:not([hidden])")
    box = page.locator("#mc-guides").bounding_box()
    cards = page.locator("#mc-results li")
    last = cards.last.bounding_box() if cards.count() else None
    assert box is not None and (last is None or box["y"] > last["y"]), "the guides come after the courses"
    links = page.locator("#mc-guides a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert 0 < len(links) <= 5
    for href in links:
        path, _, anchor = href.removeprefix("../").partition("#")
        html = (site / path / "index.html").read_text("utf-8")
        assert "withdrawn" in html.casefold(), href
        assert not anchor or f'id="{anchor}"' in html, href
    page.fill("#mc-q", "qxqxjvzk")  # in no course and no guide
    results(page)
    assert page.locator("#mc-guides").is_hidden()
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_accessibility_violation_with_every_facet_open(
    browser: Browser, server: str, viewport: dict[str, int]
) -> None:
    page, errors, _ = _open(browser, server + "courses/?query=data&level=6", viewport)
    results(page)
    if viewport is PHONE:
        page.click("#mc-open")
    page.evaluate("document.querySelectorAll('.mc-facet').forEach(d => { d.open = true; })")
    page.wait_for_timeout(300)
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in Axe().run(page).response["violations"]
    ]
    assert violations == [] and errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.close()


def test_the_first_screen_fetches_no_table_but_the_order(browser: Browser, server: str) -> None:
    page, _, requests = _open(browser, server + "courses/")
    fetched = [url.rsplit("/", 1)[-1] for url in requests if "/search-tables/" in url]
    assert "order-0.bin" in fetched
    assert not [name for name in fetched if name.startswith(("facet-", "sort-", "guides"))], fetched
    assert len([name for name in fetched if name.endswith(".json")]) == 12 + 1  # cards and the manifest
    page.close()
