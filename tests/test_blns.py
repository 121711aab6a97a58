"""Every string of the Big List of Naughty Strings in every text field of a valid course:
the file is either valid (and the model keeps the string exactly) or gets clean problems
at real lines — never a crash."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CASES, TODAY

from generator import model
from generator.layout import Selection
from generator.rule_ids import RULES
from generator.validation import check

BASE_COURSE = yaml.safe_load(
    (CASES / "base" / "case-provider" / "courses" / "target-course.yaml").read_text("utf-8")
)

# (path, how the string is placed) for every text-carrying field of a course.
TEXT_FIELDS: list[tuple[tuple[Any, ...], str]] = [
    (("title", "en"), "text"),
    (("title", "de"), "text"),
    (("summary",), "text"),
    (("description",), "text"),
    (("learning_outcomes", 0), "text"),
    (("learning_outcomes", 1, "de"), "text"),
    (("prerequisites",), "text"),
    (("assessment", "description"), "text"),
    (("skills", 0, "label"), "text"),
    (("skills", 1), "text"),
    (("keywords", 0), "text"),
    (("quality_assurance", 0, "body"), "text"),
    (("funding", "schemes", 0), "text"),
    (("stackability", "stacks_into", 0, "qualification"), "text"),
    (("credential", "awarding_bodies", 2, "name"), "text"),
    (("sessions", 0, "location", "city"), "text"),
    (("sessions", 0, "location", "address"), "text"),
]
CODE_FIELDS = [
    ("url",),
    ("sessions", 0, "url"),
    ("contact", "email"),
    ("sessions", 0, "id"),
    ("languages", 0),
    ("field", 0),
]


def _set(data: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _get(course: model.Course, path: tuple[Any, ...]) -> Any:
    """The model's value at ``path``, for the fields the model keeps; None for the others."""
    match path:
        case ("title", "en"):
            return course.title.get("en")
        case ("summary",):
            return course.summary.get()
        case ("description",):
            return course.description.get()
        case ("learning_outcomes", 0):
            return course.learning_outcomes[0].get()
        case ("prerequisites",):
            return course.prerequisites.get()
        case ("keywords", 0):
            return course.keywords[0]
        case ("sessions", 0, "location", "city"):
            return course.sessions[0].location.city
    return None


def _check_with(root: Path, data: dict[str, Any]) -> tuple[Any, Path]:
    target = root / "case-provider" / "courses" / "naughty.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return check(Selection(root.resolve(), frozenset({target.resolve()})), today=TODAY, keep=True), target


def _assert_clean(result: Any, source: Path) -> None:
    lines = source.read_text("utf-8").count("\n") + 1
    for problem in result.problems:
        assert problem.rule in RULES and problem.rule != "internal/rule-failed", problem
        assert 1 <= problem.line <= lines and problem.column >= 1
        assert problem.message and problem.hint


def test_blns_in_every_text_field(blns: list[str], base_catalogue: Path) -> None:
    kept = 0
    for naughty in blns:
        data = copy.deepcopy(BASE_COURSE)
        for path, _ in TEXT_FIELDS:
            _set(data, path, naughty)
        result, source = _check_with(base_catalogue, data)
        _assert_clean(result, source)
        if result.ok():
            course = model.build(result).courses["case-provider/naughty"]
            for path, _ in TEXT_FIELDS:
                value = _get(course, path)
                assert value is None or value == naughty
            kept += 1
    assert kept > len(blns) // 2, "most naughty strings are legitimate text and must be accepted"


def test_blns_in_url_id_and_code_fields(blns: list[str], base_catalogue: Path) -> None:
    for naughty in blns:
        data = copy.deepcopy(BASE_COURSE)
        for path in CODE_FIELDS:
            _set(data, path, naughty)
        result, source = _check_with(base_catalogue, data)
        _assert_clean(result, source)
        assert not result.ok(), f"{naughty!r} accepted as a URL, id or code"


@pytest.mark.parametrize(
    "payload",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/x",
        'https://ok.example/"><script>alert(1)</script>',
        "http://plain.example/",
        " https://lead.example/",
        "vbscript:msgbox(1)",
    ],
)
def test_unsafe_urls_are_rejected(payload: str, base_catalogue: Path) -> None:
    data = copy.deepcopy(BASE_COURSE)
    data["url"] = payload
    result, _ = _check_with(base_catalogue, data)
    assert [p.rule for p in result.problems] == ["schema/pattern"]
