"""Search records, bands and facets from the model, and the Pagefind bundle they make,
tested without MkDocs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SAMPLE, TODAY
from generator import model
from generator.layout import Selection
from generator.model import Catalogue, Price
from generator.search import bands, facets, index
from generator.search.records import record
from generator.validation import check


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


def test_every_course_has_one_record_with_its_facts(catalogue: Catalogue) -> None:
    records = {r.url: r for r in (record(c, TODAY) for c in catalogue.courses.values())}
    assert len(records) == len(catalogue.courses)
    for course in catalogue.courses.values():
        found = records[f"courses/{course.id}/"]
        assert found.meta["title"] == course.title.get()
        assert found.filters["level"] == [str(course.eqf) if course.eqf else "none"]
        assert found.filters["country"] == [course.provider.country]
        assert found.filters["ila"] == ["yes" if course.ila_eligible else "no"]
        assert ("status" in found.filters) is course.withdrawn
        assert set(found.filters["mode"]) >= {course.participation}
        for text in (course.title, course.summary, *course.learning_outcomes):
            for _, words in text.values:
                assert words in found.content  # every language is searchable


def test_start_filter_and_sort_follow_the_build_date(catalogue: Catalogue) -> None:
    course = next(c for c in catalogue.courses.values()
                  if any(s.start and s.start >= TODAY for s in c.sessions) and not any(s.self_paced for s in c.sessions))
    soonest = min(s.start for s in course.sessions if s.start and s.start >= TODAY)
    assert record(course, TODAY).sort["start"] == soonest.isoformat()
    assert soonest.strftime("%Y-%m") in record(course, TODAY).filters["start"]
    later = record(course, date(2100, 1, 1))
    assert "start" not in later.filters and later.sort["start"] == "9999-12-31"


@pytest.mark.parametrize(("amount", "currency", "band"), [
    (0, "EUR", "free"), (50, "EUR", "lt100"), (100, "EUR", "100-500"), (500, "EUR", "100-500"),
    (500.01, "EUR", "500-1000"), (2500, "EUR", "1000-2500"), (9000, "EUR", "gt2500"),
    (1090, "SEK", "100-500"), (0, "XYZ", "free"), (10, "XOF", "unknown")])
def test_price_bands_convert_with_the_dated_rate_table(amount: float, currency: str, band: str) -> None:
    assert bands.price_band(Price(Decimal(str(amount)), currency)) == band


def test_rate_table_is_dated_and_every_rate_positive() -> None:
    table = bands.rate_table()
    date.fromisoformat(table["as_of"])
    assert table["units_per_euro"]["EUR"] == 1
    assert all(rate > 0 for rate in table["units_per_euro"].values())


@pytest.mark.parametrize(("ects", "hours", "band"), [(2, None, "lt3"), (3, None, "3-6"), (6, None, "3-6"),
                                                     (6.5, None, "6-15"), (15, None, "6-15"), (20, None, "gt15"),
                                                     (None, 50, "lt3"), (None, 100, "3-6")])
def test_workload_bands(ects: float | None, hours: int | None, band: str) -> None:
    assert bands.workload_band(bands.ects_equivalent(ects, hours)) == band


def test_sort_keys_are_fixed_width_so_strings_order_like_numbers(catalogue: Catalogue) -> None:
    records = [record(c, TODAY) for c in catalogue.courses.values()]
    for key in ("price", "workload"):
        values = [r.sort[key] for r in records]
        assert len({len(v) for v in values}) == 1
        assert sorted(values) == sorted(values, key=float)


def test_facet_values_have_labels_and_counts_of_active_courses(catalogue: Catalogue) -> None:
    records = [record(c, TODAY) for c in catalogue.courses.values()]
    views = {v.facet.key: v for v in facets.views(catalogue, records)}
    active = [c for c in catalogue.courses.values() if not c.withdrawn]
    levels = {v.code: v.count for v in views["level"].values}
    assert levels["5"] == sum(c.eqf == 5 for c in active)
    assert [v.code for v in views["level"].values][-1] == "none"
    assert {v.code for v in views["provider"].values} <= set(catalogue.providers)
    for view in views.values():
        for value in view.values:
            assert value.label and value.count > 0
    months = [v.code for v in views["start"].values]
    assert months == sorted(months, key=lambda m: (m != "any", m))
    assert all(v.label.split()[-1].isdigit() for v in views["start"].values if v.code != "any")


def test_the_bundle_holds_every_record_and_is_deterministic(catalogue: Catalogue, tmp_path: Path) -> None:
    records = [record(c, TODAY) for c in catalogue.courses.values()]
    first, second = tmp_path / "a", tmp_path / "b"
    assert index.write(records, first).records == len(records)
    index.write(records, second)
    bundle = first / index.BUNDLE
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert len(list((bundle / "fragment").iterdir())) == len(records)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_cbor_codec_round_trips_pagefind_files(catalogue: Catalogue, tmp_path: Path) -> None:
    """Decoding and encoding again gives Pagefind's own bytes: only the order is changed."""
    import gzip

    from generator.search import stable

    index.write([record(c, TODAY) for c in catalogue.courses.values()], tmp_path)
    for path in [*(tmp_path / "pagefind" / "filter").iterdir(), *(tmp_path / "pagefind").glob("*.pf_meta"),
                 *list((tmp_path / "pagefind" / "index").iterdir())[:3]]:
        data = gzip.decompress(path.read_bytes())
        value, end = stable._decode(data, len(stable.SIGNATURE))
        assert end == len(data) and stable.SIGNATURE + stable._encode(value) == data
