"""schema.org JSON-LD of the built site, read back with extruct (the extractor crawlers and
SEO tools use) and checked for what Google documents for course rich results."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import extruct
import pytest
from conftest import SAMPLE, TODAY
from sitebuild import SITE_URL, page

from generator import display, model
from generator.layout import Selection
from generator.validation import check

MODES = {"Online", "Onsite", "Blended"}
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")  # ISO 8601
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FACETS = ("fields", "levels", "countries", "languages")


@pytest.fixture(scope="module")
def sample() -> model.Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


def _json_ld(site: Path, path: str) -> list[dict[str, Any]]:
    html = (site / path / "index.html").read_text("utf-8")
    return extruct.extract(html, base_url=SITE_URL + path, syntaxes=["json-ld"])["json-ld"]


def _course(site: Path, course_id: str) -> dict[str, Any]:
    found = [d for d in _json_ld(site, f"courses/{course_id}/") if d.get("@type") == "Course"]
    assert len(found) == 1, course_id
    return found[0]


def _listing_pages(site: Path) -> list[str]:
    """Every page of every facet value (fields/07/, fields/07/page-2/...), not the facet indexes."""
    return sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for facet in FACETS
        for p in (site / facet).rglob("index.html")
        if p.parent != site / facet
    )


def test_every_course_page_has_the_properties_of_a_course_rich_result(
    site: Path, sample: model.Catalogue
) -> None:
    for course in sample.courses.values():
        data = _course(site, course.id)
        lang = course.default_language
        assert data["@context"] in ("https://schema.org", "https://schema.org/"), course.id
        assert data["name"] == course.title.get(lang) and data["description"] == course.summary.get(lang), (
            course.id
        )
        assert data["url"] == f"{SITE_URL}courses/{course.id}/"
        assert (
            data["provider"]["@type"] == "Organization"
            and data["provider"]["name"] == course.provider.name.get()
        )
        _check_offers(course, _as_list(data["offers"]))
        instances = _as_list(data["hasCourseInstance"])
        assert instances, course.id
        for instance in instances:
            _check_instance(course.id, instance)


def test_ila_eligibility_and_the_eqf_level_are_told_to_search_engines(
    site: Path, sample: model.Catalogue
) -> None:
    """``financialAidEligible`` names the scheme (the ILA of the provider's country) on every
    ILA-eligible course and on no other; ``educationalLevel`` names the EQF level."""
    eligible = levelled = 0
    for course in sample.courses.values():
        data = _course(site, course.id)
        if course.ila_eligible:
            eligible += 1
            aid = data["financialAidEligible"]
            assert isinstance(aid, str) and aid.startswith("Individual Learning Account (ILA) in "), course.id
            assert aid.endswith(display.country_name(course.provider.country)), (course.id, aid)
        else:
            assert "financialAidEligible" not in data, course.id
        if course.eqf:
            levelled += 1
            level = data["educationalLevel"]
            assert level["@type"] == "DefinedTerm" and level["name"] == f"EQF level {course.eqf}", course.id
            assert level["termCode"] == str(course.eqf), course.id
            assert level["inDefinedTermSet"] == "European Qualifications Framework", course.id
        else:
            assert "educationalLevel" not in data, course.id
    assert eligible and eligible < len(sample.courses) and levelled and levelled < len(sample.courses)


def _check_offers(course: model.Course, offers: list[dict[str, Any]]) -> None:
    """Google requires an offer with a category; a paid one needs its price and currency."""
    assert offers, course.id
    for offer in offers:
        assert offer["@type"] == "Offer" and offer["category"] in ("Free", "Paid"), (course.id, offer)
        if offer["category"] == "Paid":
            assert Decimal(offer["price"]) > 0 and re.fullmatch(r"[A-Z]{3}", offer["priceCurrency"]), (
                course.id,
                offer,
            )
    expected = {(p.amount, p.currency) for p in [course.price, *(s.price for s in course.sessions)] if p}
    assert {(Decimal(o["price"]), o["priceCurrency"]) for o in offers} == expected, course.id


def _check_instance(course_id: str, instance: dict[str, Any]) -> None:
    """Each instance needs its mode and a workload (the format gives no weekly rhythm for a
    `courseSchedule`); a dated session also has its start and end dates."""
    assert instance["@type"] == "CourseInstance" and instance["courseMode"] in MODES, (course_id, instance)
    assert DURATION.match(instance["courseWorkload"]), (course_id, instance)
    assert "courseSchedule" not in instance
    if "startDate" in instance:
        assert DATE.match(instance["startDate"]) and DATE.match(instance["endDate"]), (course_id, instance)
        assert instance["startDate"] <= instance["endDate"], (course_id, instance)


def test_paid_and_free_courses_and_both_kinds_of_instance_are_covered(
    site: Path, sample: model.Catalogue
) -> None:
    """The checks above are not vacuous on the sample."""
    data = [_course(site, course_id) for course_id in sample.courses]
    categories = {o["category"] for d in data for o in _as_list(d["offers"])}
    instances = [i for d in data for i in _as_list(d["hasCourseInstance"])]
    assert categories == {"Free", "Paid"}
    assert any("startDate" in i for i in instances) and any("startDate" not in i for i in instances)
    assert {i["courseMode"] for i in instances} == MODES


def test_listing_pages_carry_an_item_list_of_course_pages(site: Path, sample: model.Catalogue) -> None:
    pages = _listing_pages(site)
    assert "fields/07/" in pages and len(pages) >= 4 * 3
    for path in pages:
        lists = [d for d in _json_ld(site, path) if d.get("@type") == "ItemList"]
        assert len(lists) == 1, path
        items = lists[0]["itemListElement"]
        assert items, path
        assert [i["position"] for i in items] == list(range(1, len(items) + 1)), path
        for item in items:
            assert item["@type"] == "ListItem" and item["url"].startswith(SITE_URL + "courses/"), (path, item)
            course_id = item["url"][len(SITE_URL + "courses/") :].rstrip("/")
            assert course_id in sample.courses and (site / "courses" / course_id / "index.html").is_file(), (
                path,
                item,
            )
            assert _course(site, course_id)["url"] == item["url"], (
                "the item links the page that describes the course"
            )


def test_every_active_course_is_in_a_field_listing(site: Path, sample: model.Catalogue) -> None:
    listed = {
        i["url"]
        for path in _listing_pages(site)
        if path.startswith("fields/")
        for d in _json_ld(site, path)
        if d.get("@type") == "ItemList"
        for i in d["itemListElement"]
    }
    assert {f"{SITE_URL}courses/{c.id}/" for c in sample.courses.values() if not c.withdrawn} <= listed


def _trail(site: Path, path: str) -> list[dict[str, Any]]:
    found = [d for d in _json_ld(site, path) if d.get("@type") == "BreadcrumbList"]
    assert len(found) == 1, path
    assert found[0]["@context"] in ("https://schema.org", "https://schema.org/"), path
    return found[0]["itemListElement"]


def _trailed_pages(site: Path, sample: model.Catalogue) -> list[str]:
    """Every catalogue page with a breadcrumb trail: all but the home page and /courses/."""
    return [
        *(f"courses/{course_id}/" for course_id in sample.courses),
        *(f"providers/{provider_id}/" for provider_id in sample.providers),
        "providers/",
        *(f"{facet}/" for facet in FACETS),
        *_listing_pages(site),
    ]


def test_catalogue_pages_carry_the_breadcrumb_trail_they_show(site: Path, sample: model.Catalogue) -> None:
    """One ``BreadcrumbList`` a page: from the home page to the page itself, every step a page
    of the site, named as the trail on the page names it."""
    for path in _trailed_pages(site, sample):
        items = _trail(site, path)
        assert [i["position"] for i in items] == list(range(1, len(items) + 1)), path
        assert all(i["@type"] == "ListItem" for i in items), path
        assert items[0]["item"] == SITE_URL and items[-1]["item"] == SITE_URL + path, path
        for item in items:
            assert item["item"].startswith(SITE_URL), (path, item)
            assert (site / item["item"][len(SITE_URL) :] / "index.html").is_file(), (path, item)
        shown = [" ".join(li.get_text().split()) for li in page(site, path).select(".mc-breadcrumbs li")]
        assert [" ".join(i["name"].split()) for i in items] == shown, path
    assert not [d for d in _json_ld(site, "") if d.get("@type") == "BreadcrumbList"], "home is the top"


def test_a_fact_sheet_sits_under_its_provider_in_the_trail(site: Path, sample: model.Catalogue) -> None:
    for course in sample.courses.values():
        items = _trail(site, f"courses/{course.id}/")
        assert [i["item"] for i in items] == [
            SITE_URL,
            f"{SITE_URL}providers/",
            f"{SITE_URL}providers/{course.provider.id}/",
            f"{SITE_URL}courses/{course.id}/",
        ], course.id
        names = [i["name"] for i in items]
        assert names[2:] == [course.provider.name.get(), course.title.get(course.default_language)], course.id


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
