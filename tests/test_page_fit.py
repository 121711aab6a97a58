"""Every kind of page fits a phone (390 px): nothing makes the page scroll sideways and nothing
sticks out of the screen; what is wider than a phone (a table) scrolls inside a box of its own.
And axe-core finds nothing at all, of any impact, on the main pages at phone and desktop width.
In real Chromium, on the built sample site."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser
from sitebuild import SITE_URL, page
from test_browser import PAGES, PHONE, browser, server  # noqa: F401  (fixtures)

from generator import addresses

DESKTOP = {"width": 1366, "height": 900}
# One page of each kind the catalogue writes; the guides and references come from the navigation.
CATALOGUE = {
    "home": addresses.home_page(),
    "search": addresses.search_page(),
    "fact sheet": PAGES["course"],
    "withdrawn fact sheet": PAGES["withdrawn"],
    "provider": PAGES["provider"],
    "providers": addresses.providers_page(),
    **{f"{kind} index": addresses.listing_index(kind) for kind in addresses.LISTINGS},
    "listing": PAGES["listing"],
    "schemas": addresses.schemas_page(),
    "not found": "404.html",
}

# What sticks out of the screen, as "path > to > element (right edge)". An element inside a box
# that scrolls sideways and itself fits is not counted: such a box is how wide content fits. The
# page's own root and body do not count as such a box: clipping there would hide, not fit.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + [...e.classList].map(c => "." + c).join("");
  const path = e => {
    const parts = [];
    for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) parts.unshift(name(n));
    return parts.join(" > ");
  };
  const scrollsWithin = e => {
    for (let box = e.parentElement; box && box !== document.body; box = box.parentElement) {
      const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
      if (scrolls && box.getBoundingClientRect().right <= width + 0.5) return true;
    }
    return false;
  };
  const out = [];
  for (const e of document.body.querySelectorAll("*")) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    if (!e.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (!scrollsWithin(e)) out.push(`${path(e)} (right edge ${Math.round(box.right)}px)`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, out };
}"""


def _guides(site: Path) -> list[str]:
    """Every page of the navigation that MkDocs builds from docs/ (guides, for providers, for
    aggregators, the references), that is every page in it that the catalogue does not write."""
    catalogue = {addresses.home_page(), addresses.search_page(), addresses.providers_page()}
    catalogue |= {addresses.listing_index(kind) for kind in addresses.LISTINGS}
    links = page(site, addresses.home_page()).select("nav.md-nav--primary a.md-nav__link[href]")
    found = {urldefrag(urljoin(SITE_URL, str(a["href"])))[0].removeprefix(SITE_URL) for a in links}
    return sorted(found - catalogue)


@pytest.fixture(scope="module")
def every_page(site: Path) -> dict[str, str]:
    guides = _guides(site)
    expected = {
        "guides/micro-credentials/",
        "for-providers/submit-a-course/",
        "aggregators/",
        "reference/format/",
    }
    assert expected <= set(guides), "the guides and references are found in the navigation"
    return {**CATALOGUE, **{guide: guide for guide in guides}}


def _fit(browser: Browser, url: str) -> dict[str, Any]:
    tab = browser.new_page(viewport=PHONE)
    tab.goto(url, wait_until="networkidle")
    found: dict[str, Any] = tab.evaluate(OVERFLOW)
    tab.close()
    return found


def test_no_page_scrolls_sideways_on_a_phone(
    browser: Browser, server: str, every_page: dict[str, str]
) -> None:
    misfits = {}
    for name, path in every_page.items():
        found = _fit(browser, server + path)
        if found["scrollWidth"] > found["width"] or found["out"]:
            misfits[f"{name} ({path or '/'})"] = (found["scrollWidth"], found["out"][:5])
    assert not misfits, "pages wider than a 390 px phone (page width, elements sticking out):\n" + "\n".join(
        f"  {where}: {width}px, {out}" for where, (width, out) in misfits.items()
    )


def test_the_breadcrumbs_wrap_on_a_phone_and_their_links_are_24px_targets(
    browser: Browser, server: str
) -> None:
    tab = browser.new_page(viewport=PHONE)
    tab.goto(server + PAGES["course"], wait_until="networkidle")
    trail = tab.locator("nav.mc-breadcrumbs")
    steps = [tab.locator("nav.mc-breadcrumbs li").nth(i).bounding_box() for i in range(4)]
    assert all(box is not None for box in steps)
    assert len({round(box["y"]) for box in steps if box}) > 1, "a long trail takes a second line"
    for link in trail.locator("a").all():
        box = link.bounding_box()
        assert box is not None and box["height"] >= 24 and box["x"] + box["width"] <= PHONE["width"], box
    tab.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["home", "course", "provider"])
def test_axe_finds_no_violation_at_all(
    browser: Browser, server: str, name: str, viewport: dict[str, int]
) -> None:
    tab = browser.new_page(viewport=viewport)
    tab.goto(server + PAGES[name], wait_until="networkidle")
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(tab).response["violations"]
    ]
    tab.close()
    assert violations == []
