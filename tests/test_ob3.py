"""Open Badges 3.0 achievements, checked against 1EdTech's own JSON Schema (offline copy in
tests/data/standards): alone against its ``Achievement`` definition, and embedded in a
minimal credential against the whole schema."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE, STANDARDS, TODAY
from jsonschema import Draft201909Validator
from referencing import Registry, Resource

from generator import addresses, model
from generator.feeds import api, ob3
from generator.layout import Selection
from generator.validation import check

SITE_URL = "https://microcredentials.example/"
OB3_SCHEMA = json.loads(
    (STANDARDS / "openbadges3" / "schema" / "achievementcredential.json").read_text("utf-8")
)
DEFS = OB3_SCHEMA["$defs"]
REGISTRY = Registry().with_resource(OB3_SCHEMA["$id"], Resource.from_contents(OB3_SCHEMA))
ACHIEVEMENT = Draft201909Validator({"$ref": f"{OB3_SCHEMA['$id']}#/$defs/Achievement"}, registry=REGISTRY)
CREDENTIAL = Draft201909Validator(
    OB3_SCHEMA, registry=REGISTRY, format_checker=Draft201909Validator.FORMAT_CHECKER
)


@pytest.fixture(scope="module")
def sample() -> model.Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


def _errors(validator: Draft201909Validator, instance: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def _unknown_keys(achievement: dict[str, Any]) -> list[str]:
    """The schema allows any extra property, so a misspelt one would pass: list those it does not define."""
    parts = [
        (achievement, "Achievement", {"@context"}),
        (achievement["criteria"], "Criteria", set()),
        (achievement["creator"], "Profile", set()),
        (achievement["creator"]["address"], "Address", set()),
    ]
    parts += [(a, "Alignment", set()) for a in achievement.get("alignment", [])]
    return [
        f"{name}.{key}"
        for data, name, extra in parts
        for key in data
        if key not in DEFS[name]["properties"].keys() | extra
    ]


def _credential(achievement: dict[str, Any]) -> dict[str, Any]:
    """The smallest OpenBadgeCredential an issuer could build around the published achievement."""
    return {
        "@context": achievement["@context"],
        "id": "urn:uuid:7f6f1f2e-8d5c-4a8b-9f00-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement["name"],
        "issuer": achievement["creator"],
        "validFrom": "2026-11-29T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": "did:example:learner",
            "achievement": achievement,
        },
    }


def test_every_sample_achievement_validates_alone_and_inside_a_credential(sample: model.Catalogue) -> None:
    for course in sample.courses.values():
        achievement = ob3.achievement(course, SITE_URL)
        assert _errors(ACHIEVEMENT, achievement) == [], course.id
        assert _errors(CREDENTIAL, _credential(achievement)) == [], course.id
        assert _unknown_keys(achievement) == [], course.id


def test_the_schema_check_is_not_vacuous(sample: model.Catalogue) -> None:
    achievement = ob3.achievement(sample.courses["nordhavn-university/data-visualisation"], SITE_URL)
    for damage in ({"criteria": None}, {"achievementType": "Nanodegree"}, {"inLanguage": "english"}):
        assert _errors(ACHIEVEMENT, {**achievement, **damage})
    broken = copy.deepcopy(achievement)
    broken["alignment"][0]["targetType"] = "ESCO skill"
    assert _errors(ACHIEVEMENT, broken)
    assert _errors(CREDENTIAL, {**_credential(achievement), "validFrom": "29 November 2026"}), (
        "formats are checked"
    )


def test_ids_point_at_the_published_file_the_course_page_and_the_provider_page(
    sample: model.Catalogue,
) -> None:
    course = sample.courses["nordhavn-university/data-visualisation"]
    achievement = ob3.achievement(course, SITE_URL)
    assert addresses.ob3_achievement(course.id) == "api/v1/ob3/nordhavn-university/data-visualisation.json"
    assert achievement["id"] == SITE_URL + "api/v1/ob3/nordhavn-university/data-visualisation.json"
    assert achievement["criteria"]["id"] == SITE_URL + "courses/nordhavn-university/data-visualisation/"
    assert achievement["creator"]["id"] == SITE_URL + "providers/nordhavn-university/"
    assert achievement["creator"]["address"]["addressCountryCode"] == "SE"
    assert achievement["humanCode"] == course.id and achievement["achievementType"] == "MicroCredential"
    assert achievement["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]


def test_default_language_texts_and_fields(sample: model.Catalogue) -> None:
    for course in sample.courses.values():
        achievement = ob3.achievement(course, SITE_URL)
        lang = course.default_language
        assert achievement["inLanguage"] == lang
        assert achievement["name"] == course.title.get(lang) and achievement[
            "description"
        ] == course.summary.get(lang)
        assert achievement["fieldOfStudy"].split("; ") == [f.label for f in course.fields]
        assert achievement.get("tag", []) == list(course.keywords)
        assert achievement["creator"]["name"] == course.provider.name.get()


def test_esco_skills_become_alignments(sample: model.Catalogue) -> None:
    with_plain_skill = 0
    for course in sample.courses.values():
        achievement = ob3.achievement(course, SITE_URL)
        expected = [(s.label.get(course.default_language), s.esco) for s in course.skills if s.esco]
        got = [(a["targetName"], a["targetUrl"]) for a in achievement.get("alignment", [])]
        assert got == expected, course.id
        assert all(
            a["targetFramework"] == "ESCO" and a["targetType"] == "ceasn:Competency"
            for a in achievement.get("alignment", [])
        )
        with_plain_skill += any(s.esco is None for s in course.skills)
    assert with_plain_skill, (
        "the sample has skills without an ESCO URI: they cannot be alignments (targetUrl is required)"
    )


def test_ects_becomes_credits_available(sample: model.Catalogue) -> None:
    without = 0
    for course in sample.courses.values():
        achievement = ob3.achievement(course, SITE_URL)
        if course.ects is None:
            without += 1
            assert "creditsAvailable" not in achievement
        else:
            assert achievement["creditsAvailable"] == course.ects
    assert 0 < without < len(sample.courses)
    assert (
        ob3.achievement(sample.courses["nordhavn-university/data-visualisation"], SITE_URL)[
            "creditsAvailable"
        ]
        == 7.5
    )


def test_learning_outcomes_are_a_markdown_list_that_reads_as_the_text(sample: model.Catalogue) -> None:
    for course in sample.courses.values():
        narrative = ob3.achievement(course, SITE_URL)["criteria"]["narrative"]
        assert _outcomes(narrative) == [
            " ".join(o.get(course.default_language).split()) for o in course.learning_outcomes
        ]


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("Use *args and **kwargs", r"Use \*args and \*\*kwargs"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("- not nested", r"\- not nested"),
        ("a\n\n  b", "a b"),
        ("R&amp;D", r"R\&amp;D"),
    ],
)
def test_plain_text_is_escaped_for_markdown(text: str, markdown: str) -> None:
    assert ob3.markdown_literal(text) == markdown


def test_the_same_course_gives_the_same_bytes(base_catalogue: Path) -> None:
    first, second = (
        model.build(check(Selection(base_catalogue, None), today=TODAY, keep=True)) for _ in range(2)
    )
    for course_id in first.courses:
        assert api.dumps(ob3.achievement(first.courses[course_id], SITE_URL)) == api.dumps(
            ob3.achievement(second.courses[course_id], SITE_URL)
        )


def test_withdrawn_courses_keep_their_achievement(base_catalogue: Path) -> None:
    catalogue = model.build(check(Selection(base_catalogue, None), today=TODAY, keep=True))
    retired = catalogue.courses["case-provider/retired-course"]
    assert retired.withdrawn
    assert _errors(ACHIEVEMENT, ob3.achievement(retired, SITE_URL)) == [], (
        "credentials already issued still point at it"
    )


def test_the_built_site_publishes_each_achievement_as_canonical_bytes(
    site: Path, sample: model.Catalogue
) -> None:
    folder = site / "api/v1/ob3"
    for course in sample.courses.values():
        assert (site / addresses.ob3_achievement(course.id)).read_bytes() == api.dumps(
            ob3.achievement(course, SITE_URL)
        ), course.id
    assert len(list(folder.rglob("*.json"))) == len(sample.courses)


def test_naughty_strings_survive_as_the_same_text(base_catalogue: Path, blns: list[str]) -> None:
    catalogue, naughty = _naughty_catalogue(base_catalogue, blns)
    for course_id, text in naughty.items():
        achievement = ob3.achievement(catalogue.courses[course_id], SITE_URL)
        assert json.loads(api.dumps(achievement)) == achievement
        assert achievement["name"] == text and achievement["description"] == text
        assert achievement["tag"][0] == text and achievement["alignment"][0]["targetName"] == text
        assert _outcomes(achievement["criteria"]["narrative"])[0] == " ".join(text.split())
        assert _errors(ACHIEVEMENT, achievement) == [], course_id


def _naughty_catalogue(base_catalogue: Path, blns: list[str]) -> tuple[model.Catalogue, dict[str, str]]:
    """One copy of the base catalogue's target course per naughty string, set after validation
    (as the model receives it), in every text the achievement carries. Blank strings are left
    out: the validator refuses blank texts, and the model then falls back to another language."""
    result = check(Selection(base_catalogue, None), today=TODAY, keep=True)
    template = result.courses["case-provider/target-course"]
    naughty: dict[str, str] = {}
    for index, text in enumerate(t for t in dict.fromkeys(blns) if t.strip()):
        data = copy.deepcopy(template)
        data["title"] = {"en": text, "de": f"{text} (de)"}
        data["summary"] = data["learning_outcomes"][0] = data["keywords"][0] = data["skills"][0]["label"] = (
            text
        )
        course_id = f"case-provider/naughty-{index:04d}"
        result.courses[course_id] = data
        naughty[course_id] = text
    return model.build(result), naughty


def _outcomes(narrative: str) -> list[str]:
    """The list items of a narrative, with Markdown escapes read back."""
    lines = narrative.split("\n")
    assert all(line.startswith("- ") for line in lines), narrative
    return [re.sub(r"\\(.)", r"\1", line[2:]) for line in lines]
