"""The bundled sample catalogue: valid with no warning, and rich enough to show the whole site."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE, TODAY

from generator import model
from generator.layout import Selection
from generator.model import Catalogue
from generator.validation import check


@pytest.fixture(scope="module")
def sample() -> Catalogue:
    result = check(Selection(SAMPLE, None), today=TODAY, keep=True)
    assert result.problems == [], [f"{p.file}:{p.line} {p.rule} {p.message}" for p in result.problems]
    return model.build(result)


def test_providers_types_and_countries(sample: Catalogue) -> None:
    assert len(sample.providers) >= 10
    assert len({p.type for p in sample.providers.values()}) >= 6
    assert len({p.country for p in sample.providers.values()}) >= 8
    for provider in sample.providers.values():
        assert provider.url.startswith("https://") and ".example" in provider.url


def test_courses_cover_modes_levels_and_fields(sample: Catalogue) -> None:
    courses = list(sample.courses.values())
    assert len(courses) >= 60
    modes = {c.participation for c in courses} | {s.participation for c in courses for s in c.sessions}
    assert modes == {"online", "onsite", "blended"}
    assert {3, 4, 5, 6, 7, 8} <= {c.eqf for c in courses}
    assert any(c.eqf is None for c in courses)
    assert len({f.broad for c in courses for f in c.fields}) >= 10


def test_languages_prices_funding_and_sessions(sample: Catalogue) -> None:
    courses = list(sample.courses.values())
    assert len({lang for c in courses for lang in c.title.languages + c.languages}) >= 5
    assert any(len(c.title.languages) > 1 for c in courses), "some titles are language maps"
    prices = [s.price for c in courses for s in c.sessions] + [c.price for c in courses if c.price]
    assert any(p.free for p in prices) and any(not p.free for p in prices)
    assert len({p.currency for p in prices}) >= 3
    assert {True, False} == {c.ila_eligible for c in courses}
    assert any(s.self_paced for c in courses for s in c.sessions)
    assert any(s.start for c in courses for s in c.sessions)


def _chain_lengths(sample: Catalogue) -> list[int]:
    def length(course_id: str) -> int:
        return 1 + max((length(t) for t in sample.courses[course_id].stacks_into), default=0)

    starts = [c.id for c in sample.courses.values() if c.stacks_into and not sample.stacked_from(c.id)]
    return [length(s) for s in starts]


def test_stacking_chains_and_withdrawals(sample: Catalogue) -> None:
    assert sum(n >= 3 for n in _chain_lengths(sample)) >= 3
    withdrawn = [c for c in sample.courses.values() if c.withdrawn]
    assert len(withdrawn) >= 2
    for course in withdrawn:
        assert course.withdrawn_date and course.replaced_by in sample.courses


def test_learning_outcomes_read_like_outcomes(sample: Catalogue) -> None:
    for course in sample.courses.values():
        for outcome in course.learning_outcomes:
            for _, text in outcome.values:
                assert len(text) >= 30 and re.match(r"^\w", text), (course.id, text)
