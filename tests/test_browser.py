"""Pages in real headless Chromium (Debian's `chromium`, driven by Playwright): no console
errors, a phone-width screenshot, the language switch, and axe-core's accessibility audit."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = REPO / "test-artifacts"
PHONE = {"width": 390, "height": 844}
PAGES = {
    "home": "",
    "course": "courses/nordhavn-university/data-visualisation/",
    "provider": "providers/rheinau-hochschule/",
    "listing": "fields/07/",
    "withdrawn": "courses/porto-digital-academy/javascript-essencial/",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1; yields its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serving(site) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def _open(
    browser: Browser, url: str, viewport: dict[str, int] | None = None
) -> tuple[Page, list[str], list[str]]:
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, errors, requests


@pytest.mark.parametrize("name", ["home", "course", "withdrawn"])
def test_page_loads_without_console_errors_and_is_screenshot_at_phone_width(
    browser: Browser, server: str, name: str
) -> None:
    page, errors, requests = _open(browser, server + PAGES[name], PHONE)
    assert errors == []
    assert all(url.startswith(server) for url in requests), "no request may leave the site (fonts, trackers)"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing may overflow the phone's width"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    page.close()


def test_language_switch_shows_one_language_at_a_time(browser: Browser, server: str) -> None:
    page, errors, _ = _open(browser, server + PAGES["course"])
    title_en = page.locator('h1 [data-ml="en"]')
    title_sv = page.locator('h1 [data-ml="sv"]')
    assert title_en.is_visible() and not title_sv.is_visible()
    page.get_by_role("button", name="svenska").click()
    assert title_sv.is_visible() and not title_en.is_visible()
    assert page.get_by_role("button", name="svenska").get_attribute("aria-pressed") == "true"
    assert title_sv.get_attribute("lang") == "sv"
    assert errors == []
    page.close()


def test_without_javascript_every_language_is_shown(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + PAGES["course"])
    assert page.locator('h1 [data-ml="en"]').is_visible() and page.locator('h1 [data-ml="sv"]').is_visible()
    context.close()


@pytest.mark.parametrize("name", ["home", "course", "provider", "listing"])
def test_no_serious_or_critical_accessibility_violation(browser: Browser, server: str, name: str) -> None:
    page, _, _ = _open(browser, server + PAGES[name])
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.close()
