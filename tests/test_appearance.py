"""How pages look to a person, in real Chromium: dark mode from the system setting with a
toggle, link addresses on paper, and controls large enough to tap."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser
from test_browser import PAGES, PHONE, browser, server  # noqa: F401  (fixtures)

SCHEME = "document.body.getAttribute('data-md-color-scheme')"


@pytest.mark.parametrize("name", ["home", "course", "provider", "listing"])
def test_dark_mode_follows_the_system_and_keeps_its_contrast(
    browser: Browser,
    server: str,
    name: str,
) -> None:
    context = browser.new_context(color_scheme="dark", viewport=PHONE)
    page = context.new_page()
    page.goto(server + PAGES[name], wait_until="networkidle")
    assert page.evaluate(SCHEME) == "slate"
    violations = [
        (v["id"], len(v["nodes"]))
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == []
    context.close()


def test_the_toggle_switches_between_light_and_dark(browser: Browser, server: str) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(server + PAGES["course"], wait_until="networkidle")
    assert page.evaluate(SCHEME) == "default"
    page.locator('label[title="Switch to dark mode"]').first.click()
    assert page.evaluate(SCHEME) == "slate"
    context.close()


def test_a_printed_fact_sheet_shows_where_its_links_go(browser: Browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + PAGES["course"], wait_until="networkidle")
    page.emulate_media(media="print")
    enrol = page.locator("a.mc-enrol").first
    href = enrol.get_attribute("href")
    shown = enrol.evaluate("a => getComputedStyle(a, '::after').content")
    assert href and href.startswith("https://") and href in shown
    page.close()


def test_filter_checkboxes_are_at_least_24_pixels(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server + "courses/", wait_until="networkidle")
    for summary in page.locator(".mc-facet:not([open]) > summary").all():
        if summary.is_visible():
            summary.click()
    boxes = page.locator('.mc-browse input[type="checkbox"]')
    page.wait_for_function("document.querySelectorAll('.mc-browse input[type=checkbox]').length > 0")
    sizes = [box.bounding_box() for box in boxes.all() if box.is_visible()]
    assert sizes and all(b is not None and b["width"] >= 24 and b["height"] >= 24 for b in sizes)
    page.close()


@pytest.mark.parametrize("name", ["course", "provider", "listing", "home"])
def test_catalogue_pages_use_the_whole_width_and_keep_the_menu(
    browser: Browser, server: str, name: str
) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server + PAGES[name], wait_until="networkidle")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".md-tabs").is_visible()  # the site's sections, in the header
    assert page.locator(".md-content").bounding_box()["width"] > 1000  # type: ignore[index]
    page.close()
    guide = browser.new_page(viewport={"width": 1366, "height": 900})
    guide.goto(server + "guides/micro-credentials/", wait_until="networkidle")
    assert guide.locator(".md-sidebar--primary").is_visible()  # guides keep their sidebars
    guide.close()
