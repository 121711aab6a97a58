"""The fact sheet shows at once what decides: the key facts (next start, price, workload,
level, form, place, languages, ILA) and an Enrol link first, sessions that fit a phone, and
dates and money as people read them. Read from the real built site and in real Chromium."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY
from playwright.sync_api import Browser
from sitebuild import page
from test_browser import PHONE, browser, serving  # noqa: F401  (browser: a fixture)

from generator import display, model
from generator.layout import Selection
from generator.model import Course, Price
from generator.validation import check


@pytest.fixture(scope="module")
def sample() -> model.Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


def _expected_enrol(course: Course) -> str | None:
    """Where Enrol must lead, worked out from the model on its own: the next session's own
    enrolment address (or a self-paced session's when none is dated), else the course's."""
    if course.withdrawn:
        return None
    dated = sorted((s.start, s.id, s) for s in course.sessions if s.start and s.start >= TODAY)
    anytime = [s for s in course.sessions if s.start is None or s.schedule == "self-paced"]
    session = dated[0][2] if dated else (anytime[0] if anytime else None)
    if session is not None and session.url and session.url.startswith("https://"):
        return session.url
    return course.url


def test_long_dates_and_local_money_read_as_people_read_them() -> None:
    assert display.long_date(date(2027, 1, 18)) == "18 January 2027"
    assert display.long_date(None) == ""
    assert display.local_money(Price(Decimal(600), "EUR")) == "€600"
    assert display.local_money(Price(Decimal("1250.5"), "EUR")) == "€1,250.50"
    assert display.local_money(Price(Decimal(600), "PLN")) == "600\u00a0zł"
    assert display.local_money(Price(Decimal(600), "SEK")) == "600\u00a0kr"
    assert display.local_money(Price(Decimal(80), "GBP")) == "£80"
    assert display.local_money(Price(Decimal(0), "EUR")) == "Free"
    assert display.local_money(None) == ""


def test_every_fact_sheet_starts_with_key_facts_and_an_enrol_link(
    site: Path, sample: model.Catalogue
) -> None:
    for course in sample.courses.values():
        soup = page(site, f"courses/{course.id}")
        panel = soup.select_one("article .mc-keyfacts")
        assert panel is not None, course.id
        summary = soup.select_one("article .mc-summary")
        assert summary is not None and summary in panel.find_all_next(class_="mc-summary"), course.id
        facts = {
            dt.get_text(" ", strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
            for dt in panel.select("dl dt")
        }
        assert {"Next start", "Price", "Workload", "Level", "Form", "Place", "Taught in"} <= set(facts), (
            course.id
        )
        assert facts["Next start"] and facts["Price"], (course.id, facts)
        start = panel.select_one(".mc-keyfact--start time")
        dated = sorted(s.start for s in course.sessions if s.start and s.start >= TODAY)
        if dated:
            assert start is not None and start["datetime"] == dated[0].isoformat(), course.id
            assert facts["Next start"] == display.long_date(dated[0]), course.id
        else:
            assert start is None and facts["Next start"] in ("Start any time", "No dates announced"), (
                course.id
            )
        if course.eqf:
            assert facts["Level"].startswith(f"EQF level {course.eqf} ("), course.id
        assert "EUR " not in panel.get_text(), course.id
        ila = panel.select_one(".mc-keyfacts__ila .mc-badge")
        assert ila is not None
        if course.ila_eligible:
            assert display.country_name(course.provider.country) in ila.get_text(), course.id
        enrol = panel.select("a.mc-enrol")
        expected = _expected_enrol(course)
        if expected is None:
            assert enrol == [], course.id
        else:
            assert len(enrol) == 1 and enrol[0]["href"] == expected, course.id
            assert enrol[0].get_text(strip=True) == "Enrol"
            assert set(enrol[0]["rel"]) == {"nofollow", "noopener"}


MONEY_AS_CODE = re.compile(r"\b[A-Z]{3}\s?\d")  # "EUR 600": a code where people read a sign


def test_dates_and_money_on_a_fact_sheet_read_as_people_read_them(
    site: Path, sample: model.Catalogue
) -> None:
    for course in sample.courses.values():
        article = page(site, f"courses/{course.id}").select_one("article .mc-course")
        assert article is not None
        times = article.select("time")
        assert times, course.id
        for time in times:
            day = date.fromisoformat(time["datetime"])  # machine-readable: ISO
            assert time.get_text(strip=True) == display.long_date(day), (course.id, time)
        for part in article.select(".mc-keyfacts, .mc-sessions"):
            text = part.get_text(" ", strip=True)
            assert not MONEY_AS_CODE.search(text), (course.id, text)
        for session in course.sessions:
            if session.price and not session.price.free:
                assert display.local_money(session.price) in article.get_text(), (course.id, session.id)


def test_a_withdrawn_course_offers_no_enrol_but_its_replacement(site: Path, sample: model.Catalogue) -> None:
    withdrawn = [c for c in sample.courses.values() if c.withdrawn]
    assert withdrawn
    for course in withdrawn:
        soup = page(site, f"courses/{course.id}")
        assert soup.select("a.mc-enrol") == [], course.id
        panel = soup.select_one(".mc-keyfacts")
        assert panel is not None and "withdrawn" in panel.get_text()
        if course.replaced_by:
            link = panel.select_one("a.mc-replacement")
            assert link is not None and link["href"] == f"../../../courses/{course.replaced_by}/", course.id


def test_every_fact_sheet_fits_a_phone_with_what_decides_on_the_first_two_screens(
    site: Path, sample: model.Catalogue, browser: Browser
) -> None:
    limit = 2 * PHONE["height"]
    with serving(site) as address:
        tab = browser.new_page(viewport=PHONE)
        for course in sample.courses.values():
            tab.goto(f"{address}courses/{course.id}/", wait_until="load")
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (course.id, width)
            targets = [".mc-keyfact--start dd", ".mc-keyfact--price dd"]
            targets.append("a.mc-replacement" if course.withdrawn and course.replaced_by else "a.mc-enrol")
            if course.withdrawn and not course.replaced_by:
                targets.pop()
            for selector in targets:
                box = tab.locator(selector).bounding_box()
                assert box is not None, (course.id, selector)
                assert box["y"] < limit and box["x"] + box["width"] <= PHONE["width"], (
                    course.id,
                    selector,
                    box,
                )
        tab.close()


def test_regions_are_named_and_their_codes_stay_as_secondary_text(
    site: Path, sample: model.Catalogue
) -> None:
    """ "Bologna", not "region ITH55": every sample provider's region has a NUTS 2024 name, and
    its page and its courses' fact sheets show it, with the code in small print."""
    for provider in sample.providers.values():
        assert provider.region, provider.id
        name = display.region_name(provider.region)
        assert name, f"{provider.id}: {provider.region} is not a NUTS 2024 code"
        byline = page(site, f"providers/{provider.id}").select_one(".mc-byline")
        assert byline is not None and name in byline.get_text() and "region " not in byline.get_text()
    for course in sample.courses.values():
        name = display.region_name(course.provider.region)
        text = " ".join(page(site, f"courses/{course.id}").get_text(" ").split())
        assert f"({name} NUTS {course.provider.region} )" in text, course.id
        assert f"region {course.provider.region}" not in text, course.id


def test_cards_in_lists_read_dates_and_prices_as_people_do(site: Path) -> None:
    """The listing cards: "Starts 18 January 2027" and "€600", never an ISO date or "EUR 600"."""
    cards = page(site, "fields/07").select("li.mc-card .mc-card__facts")
    assert cards
    for facts in cards:
        text = facts.get_text(" ")
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
        assert not re.search(r"\b(?!EQF)[A-Z]{3} \d", text), text
