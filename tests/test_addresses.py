"""Public addresses are permanent: the built site keeps every address in tests/data/public-urls.txt.

Aggregators, search engines, Europass and issued Open Badges point at the pages and feed
files of the catalogue by address, so an address, once published, never changes or goes
away (a withdrawn course keeps its fact sheet). The list was written from a build of the
sample catalogue; the test fails when a listed address is missing and when the build
publishes a course, provider, listing or feed address that the list does not have.

A deliberate change (a new kind of page or feed, never a moved one) is recorded with
``python3 tests/test_addresses.py``, which builds the sample site and rewrites the list;
the pull request then says why.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

PUBLIC_URLS = Path(__file__).resolve().parent / "data" / "public-urls.txt"
# Files other than pages that the list pins: the feeds and the fixed entry points of search.
FEED_FOLDERS = ("api/", ".well-known/")
FEED_FILES = {
    "feed.xml",
    "feed.json",
    "sitemap.xml",
    "sitemap.xml.gz",
    "robots.txt",
    "search-tables/manifest.json",
    "pagefind/pagefind.js",
    "pagefind/pagefind-entry.json",
    "assets/catalogue.css",
    "assets/catalogue.js",
    "assets/browse.js",
}
UPDATE = "python3 tests/test_addresses.py"
PERMANENT = (
    "Public addresses are permanent: aggregators, search engines, Europass and issued badges "
    "point at them, so no page or feed file may move or disappear."
)


def public_urls(site: Path) -> list[str]:
    """The pinned addresses a built site publishes, as URL paths from the site root: every
    page (a folder with ``index.html``, ending in "/") and every feed file."""
    found = set()
    for file in site.rglob("*"):
        if not file.is_file():
            continue
        relative = file.relative_to(site).as_posix()
        if file.name == "index.html":
            found.add("/" + relative.removesuffix("index.html"))
        elif relative.startswith(FEED_FOLDERS) or relative in FEED_FILES:
            found.add("/" + relative)
    return sorted(found)


def pinned() -> list[str]:
    return [line for line in PUBLIC_URLS.read_text("utf-8").splitlines() if line]


def test_the_list_is_sorted_and_has_no_duplicates() -> None:
    urls = pinned()
    assert urls == sorted(set(urls)), f"keep {PUBLIC_URLS.name} sorted, one address a line: run {UPDATE}"


def test_every_pinned_address_is_still_published(site: Path) -> None:
    missing = sorted(set(pinned()) - set(public_urls(site)))
    assert not missing, (
        f"{PERMANENT} The build no longer publishes {len(missing)} address(es) of {PUBLIC_URLS.name}:\n  "
        + "\n  ".join(missing[:50])
        + "\nRestore them (a redirect is not enough for feeds). Only a deliberate, announced removal "
        f"may change the list: run {UPDATE} and explain it in the pull request."
    )


def test_every_published_address_is_pinned(site: Path) -> None:
    new = sorted(set(public_urls(site)) - set(pinned()))
    assert not new, (
        f"{PERMANENT} The build publishes {len(new)} address(es) that {PUBLIC_URLS.name} does not pin:\n  "
        + "\n  ".join(new[:50])
        + f"\nIf this is a new page or feed (not a moved one), run {UPDATE} to pin them "
        "and commit the list with the change."
    )


def main() -> None:
    """Build the sample site and rewrite the list from it."""
    from sitebuild import build

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "site"
        done = build(out)
        if done.returncode != 0:
            sys.exit(done.stderr[-3000:])
        PUBLIC_URLS.parent.mkdir(parents=True, exist_ok=True)
        PUBLIC_URLS.write_text("".join(url + "\n" for url in public_urls(out)), encoding="utf-8")
    print(f"wrote {PUBLIC_URLS}")


if __name__ == "__main__":
    main()
