"""The real site: `mkdocs build --strict` of the sample catalogue, read back as HTML."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CASES, REPO, SAMPLE, STANDARDS, TODAY
from lxml import etree
from sitebuild import SITE_URL, build, html_files, internal_target, page

from generator import addresses, display, model
from generator.layout import Selection
from generator.render import listings
from generator.validation import check

EU_ELEMENTS = [
    "Awarding body",
    "Country of the provider",
    "Learning outcomes",
    "Workload",
    "Level",
    "Assessment",
    "Form of participation",
    "Quality assurance",
]


@pytest.fixture(scope="session")
def sample_catalogue() -> model.Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


def test_every_course_has_a_fact_sheet_with_every_eu_element(
    site: Path, sample_catalogue: model.Catalogue
) -> None:
    for course in sample_catalogue.courses.values():
        soup = page(site, f"courses/{course.id}")
        h1 = soup.select_one("article h1")
        assert h1 is not None and course.title.get(course.default_language) in h1.get_text(), course.id
        labels = [dt.get_text(strip=True) for dt in soup.select("dl.mc-facts dt")]
        assert all(element in labels for element in EU_ELEMENTS), (course.id, labels)
        outcomes = soup.select("dl.mc-facts dd ul li")
        assert len(outcomes) >= len(course.learning_outcomes)
        assert soup.select_one("link[rel=canonical]")["href"] == f"{SITE_URL}courses/{course.id}/"
        assert soup.title.get_text().startswith(course.title.get(course.default_language))


def test_every_provider_has_a_page_listing_its_courses(site: Path, sample_catalogue: model.Catalogue) -> None:
    for provider in sample_catalogue.providers.values():
        soup = page(site, f"providers/{provider.id}")
        links = {a["href"] for a in soup.select("article a[href]")}
        for course in sample_catalogue.courses_of(provider.id):
            assert f"../../courses/{course.id}/" in links, (provider.id, course.id)
    index = page(site, "providers")
    assert len(index.select("article table tbody tr")) == len(sample_catalogue.providers)


def _breadcrumbs(site: Path, path: str) -> list[tuple[str, str | None]]:
    """(text, target) of each step of a page's trail; the target is None for the current page."""
    soup = page(site, path)
    trails = soup.select('article nav.mc-breadcrumbs[aria-label="Breadcrumb"]')
    assert len(trails) == 1, path
    steps = trails[0].select("ol > li")
    *links, last = steps
    assert last.find("a") is None and last.select_one('[aria-current="page"]') is not None, path
    assert all(li.find("a") is not None and li.select_one("[aria-current]") is None for li in links), path
    source = site / path / "index.html"
    return [
        (
            " ".join(li.get_text().split()),
            None if li is last else internal_target(site, source, li.a["href"])[0],
        )
        for li in steps
    ]


def test_catalogue_pages_show_where_they_sit(site: Path, sample_catalogue: model.Catalogue) -> None:
    """A fact sheet under its provider, a provider under the provider list, a listing under its
    facet's index; every step links (relatively) to its page, the current page is not a link."""
    home, providers = site / "index.html", site / "providers" / "index.html"
    for course in sample_catalogue.courses.values():
        assert _breadcrumbs(site, f"courses/{course.id}") == [
            ("Home", home),
            ("Providers", providers),
            (course.provider.name.get(), site / "providers" / course.provider.id / "index.html"),
            (course.title.get(course.default_language), None),
        ], course.id
    for provider in sample_catalogue.providers.values():
        assert _breadcrumbs(site, f"providers/{provider.id}") == [
            ("Home", home),
            ("Providers", providers),
            (provider.name.get(), None),
        ]
    assert _breadcrumbs(site, "providers") == [("Home", home), ("Providers", None)]
    assert _breadcrumbs(site, "fields") == [("Home", home), ("Courses by field of education", None)]
    assert _breadcrumbs(site, "fields/07") == [
        ("Home", home),
        ("Courses by field of education", site / "fields" / "index.html"),
        ("Engineering, manufacturing and construction", None),
    ]
    assert page(site, "").select("nav.mc-breadcrumbs") == [], "the home page is the top"


def test_a_further_page_of_a_listing_sits_under_its_first_page() -> None:
    fields = listings.FACETS[0]
    trail = listings.listing_trail(fields, "07", 2)
    assert [(c.name, c.path) for c in trail[2:]] == [
        ("Engineering, manufacturing and construction", addresses.listing_page("fields", "07")),
        ("Page 2", addresses.listing_page("fields", "07", 2)),
    ]


def test_course_pages_are_not_in_the_navigation(site: Path) -> None:
    nav = page(site, "").select_one("nav.md-nav--primary")
    assert nav is not None and not nav.select('a[href*="courses/"]:not([href$="courses/"])')
    assert [a["href"] for a in nav.select('a[href*="courses/"]')] == ["courses/"]  # the search page only


def test_withdrawn_course_says_so_links_the_replacement_and_is_noindex(
    site: Path, sample_catalogue: model.Catalogue
) -> None:
    withdrawn = [c for c in sample_catalogue.courses.values() if c.withdrawn]
    assert withdrawn
    for course in withdrawn:
        soup = page(site, f"courses/{course.id}")
        assert soup.select_one("meta[name=robots][content=noindex]") is not None
        banner = soup.select_one(".mc-withdrawn")
        assert banner is not None and display.long_date(course.withdrawn_date) in banner.get_text()
        assert banner.select_one("time")["datetime"] == course.withdrawn_date.isoformat()
        assert banner.select_one(f'a[href="../../../courses/{course.replaced_by}/"]') is not None


def test_listings_are_paginated_and_carry_an_item_list(site: Path, sample_catalogue: model.Catalogue) -> None:
    for facet in ("fields", "levels", "countries", "languages"):
        index = page(site, facet)
        entries = index.select("article ul.mc-facet-list a")
        assert entries
        for link in entries:
            target, _ = internal_target(site, site / facet / "index.html", link["href"])
            listing = BeautifulSoup(target.read_text("utf-8"), "lxml")
            cards = listing.select("li.mc-card")
            assert 0 < len(cards) <= 50
            data = json.loads(listing.select_one('script[type="application/ld+json"]').string)
            assert data["@type"] == "ItemList" and len(data["itemListElement"]) == len(cards)
    active = [c for c in sample_catalogue.courses.values() if not c.withdrawn]
    total = sum(
        int(a.find_next_sibling("span").get_text())
        for a in page(site, "countries").select("ul.mc-facet-list a")
    )
    # a course is in the list of every country where a session is taught on site, else in its provider's
    taught = [
        {s.location.country for s in c.sessions if s.location and s.participation != "online"} for c in active
    ]
    assert total == sum(len(countries) or 1 for countries in taught)


def test_home_page_has_counts_and_entry_points(site: Path, sample_catalogue: model.Catalogue) -> None:
    soup = page(site, "")
    text = soup.select_one("article").get_text(" ", strip=True)
    active = sum(not c.withdrawn for c in sample_catalogue.courses.values())
    assert f"{active} courses" in text and f"{len(sample_catalogue.providers)} providers" in text
    for facet in ("fields", "levels", "countries", "languages"):
        assert soup.select_one(f'article a[href="{facet}/"]') is not None
    assert len(soup.select("li.mc-card")) == 12


def test_no_broken_internal_link_in_the_whole_site(site: Path) -> None:
    broken = []
    for source in html_files(site):
        soup = BeautifulSoup(source.read_text("utf-8"), "lxml")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                href = element.get(attribute)
                if not href or (href.startswith(("mailto:", "#")) and tag != "a"):
                    continue
                found = internal_target(site, source, href) if not href.startswith("mailto:") else None
                if found is None:
                    continue
                target, fragment = found
                if not target.exists() or (
                    fragment
                    and target.suffix == ".html"
                    and f'id="{fragment}"' not in target.read_text("utf-8")
                ):
                    broken.append((source.relative_to(site).as_posix(), href))
    assert broken == []


def test_course_json_ld_has_what_search_engines_read(site: Path, sample_catalogue: model.Catalogue) -> None:
    for course in sample_catalogue.courses.values():
        script = page(site, f"courses/{course.id}").select_one('script[type="application/ld+json"]')
        data = json.loads(script.string)
        assert data["@type"] == "Course"
        for key in (
            "name",
            "description",
            "provider",
            "offers",
            "hasCourseInstance",
            "educationalCredentialAwarded",
            "inLanguage",
            "teaches",
        ):
            assert data.get(key), (course.id, key)
        for instance in data["hasCourseInstance"]:
            assert instance["courseMode"] in ("Online", "Onsite", "Blended")
            assert instance["courseWorkload"].startswith("PT")
        if course.ects:
            assert data["numberOfCredits"]["value"] == course.ects
        if course.eqf:
            assert data["educationalLevel"]["termCode"] == str(course.eqf)


def test_open_graph_tags_on_catalogue_pages(site: Path) -> None:
    for path in (
        "",
        "providers/nordhavn-university",
        "courses/nordhavn-university/data-visualisation",
        "fields/06",
    ):
        soup = page(site, path)
        assert soup.select_one('meta[property="og:title"]')["content"]
        assert soup.select_one('meta[property="og:url"]')["content"].startswith(SITE_URL)


def test_sitemap_is_valid_and_dated_by_changes_not_by_the_build(
    site: Path, sample_catalogue: model.Catalogue
) -> None:
    schema = etree.XMLSchema(etree.parse(str(STANDARDS / "sitemaps" / "sitemap.xsd")))
    sitemap = etree.parse(str(site / "sitemap.xml"))
    schema.assertValid(sitemap)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
        for u in sitemap.findall("s:url", ns)
    }
    for course in sample_catalogue.courses.values():
        assert f"{SITE_URL}courses/{course.id}/" in urls
    for course_id in ("nordhavn-university/data-visualisation", "kallio-adult-learning/digitaidot-arkeen"):
        committed = subprocess.run(
            [
                "git",
                "log",
                "-1",
                "--format=%cs",
                "--",
                f"catalogue/{course_id.replace('/', '/courses/')}.yaml",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
        assert urls[f"{SITE_URL}courses/{course_id}/"] == (committed or None), (
            "lastmod is the last commit of the file"
        )
    assert f"{SITE_URL}guides/micro-credentials/" in urls
    assert not any("catalogue-shell" in u for u in urls)
    assert (site / "robots.txt").read_text().endswith(f"Sitemap: {SITE_URL}sitemap.xml\n")


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(again).returncode == 0
    first, second = _digest(site), _digest(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_failed_build_leaves_the_published_site_untouched(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", catalogue)
    out = tmp_path / "site"
    assert build(out, catalogue).returncode == 0
    before = _digest(out)
    (catalogue / "case-provider" / "courses" / "feeder-course.yaml").write_text("title: [broken\n")
    failed = build(out, catalogue)
    assert failed.returncode != 0
    assert "feeder-course.yaml:2:1 yaml/syntax" in failed.stderr
    assert _digest(out) == before
    assert not (tmp_path / "site.partial").exists()


def test_a_warning_fails_a_strict_build_with_the_validators_message(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", catalogue)
    course = catalogue / "case-provider" / "courses" / "feeder-course.yaml"
    course.write_text(course.read_text().replace("last_reviewed: 2026-10-01", "last_reviewed: 2020-01-01"))
    assert build(tmp_path / "lenient", catalogue, strict=False).returncode == 0
    strict = build(tmp_path / "strict", catalogue)
    assert strict.returncode != 0 and "review/stale" in strict.stderr


def test_a_preview_build_can_leave_the_feeds_out(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", catalogue)
    out = tmp_path / "site"
    assert build(out, catalogue, extra_env={"CATALOGUE_FEEDS": "false"}).returncode == 0
    assert (out / "courses" / "case-provider" / "feeder-course" / "index.html").is_file()
    assert not (out / "api").exists() and not (out / "feed.xml").exists()
