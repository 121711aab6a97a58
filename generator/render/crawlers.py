"""sitemap.xml and robots.txt: for crawlers, with lastmod only from real changes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from xml.sax.saxutils import escape

from generator import addresses

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org protocol)
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemaps(site_url: str, entries: Iterable[tuple[str, date | None]]) -> dict[str, str]:
    """Site path → XML. One urlset, or an index of several when there are over 50,000 URLs."""
    urls = sorted(set(entries), key=lambda e: e[0])
    chunks = [urls[i : i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)] or [[]]
    if len(chunks) == 1:
        return {addresses.sitemap(): _urlset(site_url, chunks[0])}
    files = {addresses.sitemap(n): _urlset(site_url, chunk) for n, chunk in enumerate(chunks, start=1)}
    index = "".join(
        f"<sitemap><loc>{escape(addresses.url(site_url, path))}</loc></sitemap>\n" for path in files
    )
    files[addresses.sitemap()] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n{index}</sitemapindex>\n'
    )
    return files


def _urlset(site_url: str, urls: list[tuple[str, date | None]]) -> str:
    rows = []
    for path, lastmod in urls:
        modified = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        rows.append(f"<url><loc>{escape(addresses.url(site_url, path))}</loc>{modified}</url>\n")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n{"".join(rows)}</urlset>\n'


def robots(site_url: str) -> str:
    """robots.txt: everything may be crawled; the sitemap says what there is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {addresses.url(site_url, addresses.sitemap())}\n"
