"""The guides' sections as the one search box finds them (generator/search/guides.py), read
from the real built site and from a page of known HTML."""

from __future__ import annotations

import json
from pathlib import Path

from generator import addresses
from generator.search.guides import sections

PAGE = """
<h1 id="reading">Reading a fact sheet<a class="headerlink" href="#reading">¶</a></h1>
<p>Every micro-credential has a Résumé.</p>
<h2 id="price">Price and <em>funding</em><a class="headerlink" href="#price">¶</a></h2>
<p>An Individual Learning Account pays.</p><script>var hidden = "scripted";</script>
"""


def test_each_heading_is_a_section_with_its_words_as_a_query_reads_them() -> None:
    found = sections("guides/reading/", "Reading a fact sheet", PAGE)
    assert [(s.url, s.title) for s in found] == [
        ("guides/reading/", "Reading a fact sheet"),
        ("guides/reading/#price", "Price and funding"),
    ]
    first, second = (set(s.words.split()) for s in found)
    assert {"microcredential", "micro", "credential", "resume", "reading"} <= first
    assert "¶" not in first and "¶" not in second
    assert {"price", "funding", "individual", "learning", "account"} <= second
    assert "scripted" not in second and "hidden" not in second


def test_the_built_site_lists_every_guide_page_and_no_catalogue_page(site: Path) -> None:
    manifest = json.loads((site / addresses.search_tables_manifest()).read_text("utf-8"))
    rows = json.loads(
        (site / addresses.search_tables() / manifest["folder"] / "guides.json").read_text("utf-8")
    )
    pages = {url.partition("#")[0] for url, _, _, _ in rows}
    assert "guides/finding-a-course/" in pages and "aggregators/" in pages
    assert not [p for p in pages if p.startswith(("courses/", "providers/", "fields/"))]
    for url, _, _, _ in rows:
        path, _, anchor = url.partition("#")
        html = (site / path / "index.html").read_text("utf-8")
        assert not anchor or f'id="{anchor}"' in html, url
