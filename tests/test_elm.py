"""ELM v3 JSON-LD against the official LOQ SHACL shapes (closed shapes and code lists),
for every sample course and for the whole-catalogue dataset, as built by the real site."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY
from elm_shapes import to_graph, violations

from generator import addresses, model
from generator.feeds import elm
from generator.layout import Selection
from generator.validation import check

SITE_URL = "https://microcredentials.example/"


@pytest.fixture(scope="module")
def catalogue() -> model.Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


def test_every_course_file_conforms_to_the_loq_shapes(site: Path, catalogue: model.Catalogue) -> None:
    failing = {}
    for course in catalogue.courses.values():
        document = json.loads((site / addresses.elm_course(course.id)).read_bytes())
        found = violations(document)
        if found:
            failing[course.id] = found[0][:500]
    assert failing == {}


def test_the_dataset_conforms_and_holds_every_course_once(site: Path, catalogue: model.Catalogue) -> None:
    document = json.loads((site / addresses.elm_dataset()).read_bytes())
    assert violations(document) == []
    offers = [
        n
        for n in document["@graph"]
        if n["type"] == "LearningOpportunity" and n["id"].endswith("#opportunity")
    ]
    assert sorted(o["id"] for o in offers) == sorted(
        f"{SITE_URL}{addresses.elm_course(c)}#opportunity" for c in catalogue.courses
    )
    organisations = [
        n for n in document["@graph"] if n["type"] == "Organisation" and n["id"].endswith("#organisation")
    ]
    assert len(organisations) == len(catalogue.providers)


def test_levelled_courses_with_a_national_level_are_qualifications(catalogue: model.Catalogue) -> None:
    kinds = {}
    for course in catalogue.courses.values():
        spec = next(
            n for n in elm.opportunity(course, SITE_URL)["@graph"] if n["id"].endswith("#specification")
        )
        kinds[course.id] = spec["type"]
        if course.eqf and course.nqf:
            assert spec["type"] == "Qualification" and spec["eqfLevel"]["id"].endswith(f"/eqf/{course.eqf}")
        else:
            assert spec["type"] == "LearningAchievementSpecification" and "eqfLevel" not in spec
        if course.ects:
            assert (
                spec["creditPoint"]["framework"]["id"] == elm.ECTS
                and float(spec["creditPoint"]["point"]) == course.ects
            )
    assert "Qualification" in kinds.values()


def test_sessions_are_parts_with_dates_prices_and_places(catalogue: model.Catalogue) -> None:
    course = catalogue.courses["nordhavn-university/data-visualisation"]
    graph = elm.opportunity(course, SITE_URL)["@graph"]
    offer = graph[0]
    parts = [n for n in graph if n["type"] == "LearningOpportunity" and n is not offer]
    assert [p["id"] for p in offer["hasPart"]] == [p["id"] for p in parts] and len(parts) == len(
        course.sessions
    )
    onsite = next(p for p in parts if "location" in p)
    assert onsite["temporal"]["startDate"].startswith("2027-")
    assert onsite["priceDetail"]["amount"]["unit"]["id"].endswith("/currency/SEK")
    assert onsite["location"]["address"]["countryCode"]["id"].endswith("/country/SWE")


def test_the_shapes_do_catch_mistakes(catalogue: model.Catalogue) -> None:
    """The validation used above can fail: a missing title, an unknown property and a
    concept from the wrong scheme are each violations."""
    document = elm.opportunity(catalogue.courses["nordhavn-university/data-visualisation"], SITE_URL)
    no_title = copy.deepcopy(document)
    del no_title["@graph"][0]["title"]
    extra = copy.deepcopy(document)
    extra["@context"][1]["colour"] = "http://example.org/colour"
    extra["@graph"][0]["colour"] = "blue"
    wrong_scheme = copy.deepcopy(document)
    spec = next(n for n in wrong_scheme["@graph"] if n["id"].endswith("#specification"))
    spec["thematicArea"][0]["inScheme"]["id"] = "http://example.org/not-isced"
    for broken in (no_title, extra, wrong_scheme):
        assert violations(broken)
    assert len(to_graph(document)) > 50


def test_quality_link_manifest_points_at_the_dataset(site: Path) -> None:
    manifest = json.loads((site / ".well-known" / "quality-link-manifest.json").read_bytes())
    assert manifest["sources"][0]["type"] == "elm"
    assert manifest["sources"][0]["path"] == SITE_URL + addresses.elm_dataset()
