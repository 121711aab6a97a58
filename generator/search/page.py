"""The browse page /courses/: the search form, every filter with its values and counts."""

from __future__ import annotations

from collections.abc import Sequence

from generator import addresses
from generator.render.environment import render
from generator.render.pages import Page, Site
from generator.search import bands, facets
from generator.search.records import Record

PATH = addresses.search_page()
TITLE = "Find a course"


def browse_page(site: Site, records: Sequence[Record], enabled: bool = True) -> Page:
    """The page with its filters; with search off (a preview, a benchmark) only the lists."""
    active = sum(1 for r in records if "status" not in r.filters)
    description = (
        f"Search {active} quality-assured courses by subject, level, language, price, start date and more."
    )
    body = render(
        site.env,
        "courses.html",
        root=addresses.relative_root(PATH),
        total=active,
        facets=facets.views(site.catalogue, records),
        rates_as_of=bands.rate_table()["as_of"],
        enabled=enabled,
    )
    head = render(
        site.env,
        "partials/head.html",
        site=site,
        url=site.absolute(PATH),
        title=TITLE,
        description=description,
        kind="website",
        data=None,
        noindex=False,
        lang=None,
    )
    return Page(PATH, TITLE, description, body, head)
