"""The model: language maps, effective QA and prices, labels and reverse links resolved once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import TODAY

from generator import model
from generator.layout import Selection
from generator.model import Text
from generator.validation import check


@pytest.fixture()
def catalogue(base_catalogue: Path) -> model.Catalogue:
    return model.build(check(Selection(base_catalogue, None), today=TODAY, keep=True))


def test_text_falls_back_to_the_default_language() -> None:
    text = Text.of({"en": "Data", "sv": "Data (sv)"}, "en")
    assert text.get("sv") == "Data (sv)" and text.get("fi") == "Data" and str(text) == "Data"
    assert Text.of("Plain", "de").values == (("de", "Plain"),)


def test_effective_quality_assurance_and_prices(catalogue: model.Catalogue) -> None:
    course = catalogue.courses["case-provider/target-course"]
    assert [qa.type for qa in course.quality_assurance] == [
        "programme-accreditation",
        "institutional-accreditation",
    ]
    assert course.sessions[0].price.amount == Decimal("1200.50")
    assert course.sessions[1].price.amount == Decimal("900") and course.sessions[1].participation == "online"
    assert course.sessions[0].participation == "blended" and course.sessions[0].languages == ("en", "de")


def test_awarding_bodies_fields_and_reverse_stacking(catalogue: model.Catalogue) -> None:
    course = catalogue.courses["case-provider/target-course"]
    assert [b.provider_id for b in course.awarding_bodies] == ["case-provider", "second-provider", None]
    assert [f.label for f in course.fields] == [
        "Statistics",
        "Software and applications development and analysis",
    ]
    assert catalogue.stacked_from("case-provider/target-course") == ("case-provider/feeder-course",)
    feeder = catalogue.courses["case-provider/feeder-course"]
    assert [b.provider_id for b in feeder.awarding_bodies] == ["case-provider"]


def test_build_refuses_a_catalogue_with_errors(base_catalogue: Path) -> None:
    (base_catalogue / "case-provider" / "courses" / "broken.yaml").write_text("title: [\n")
    with pytest.raises(ValueError):
        model.build(check(Selection(base_catalogue, None), today=TODAY, keep=True))
