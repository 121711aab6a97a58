"""The browse page /courses/: the search form, every filter with its values and counts.

It is a page like the others, so it lives with them in ``render/``; what it shows about the
filters comes from ``generator/facets.py`` (their definitions) and from the counts that
search takes from its records (``search.records.counts``), handed in by the plugin. The
page itself knows nothing of how the index is built.
"""

from __future__ import annotations

from generator import addresses, bands, facets
from generator.render.environment import render
from generator.render.pages import Crumb, Page, Site, home_trail, page_head

TITLE = "Find a course"


def browse_page(site: Site, counts: facets.Counts, enabled: bool = True) -> Page:
    """The page with its filters and their counts over the active courses; with search off
    (a preview, a benchmark) only the lists that need no JavaScript."""
    path = addresses.search_page()
    crumbs = [*home_trail(), Crumb(TITLE, path)]
    description = (
        f"Search {counts.active} quality-assured courses by subject, level, language, price, "
        "start date and more."
    )
    body = render(
        site.env,
        "courses.html",
        root=addresses.relative_root(path),
        total=counts.active,
        facets=facets.views(site.catalogue, counts),
        rates_as_of=bands.rate_table()["as_of"],
        enabled=enabled,
        crumbs=crumbs,
    )
    return Page(path, TITLE, description, body, page_head(site, path, TITLE, description, crumbs=crumbs))
