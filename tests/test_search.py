"""Search records, bands and facets from the model, and the bundle they make (Pagefind's index
and the tables beside it), tested without MkDocs."""

from __future__ import annotations

import asyncio
import gzip
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY

from generator import addresses, bands, facets, model
from generator.layout import Selection
from generator.model import Catalogue, Price
from generator.search import index, stable, tables
from generator.search.records import FILTER_KEYS, counts, record
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
                assert words in found.text  # every language is searchable


def test_start_filter_and_sort_follow_the_build_date(catalogue: Catalogue) -> None:
    course = next(
        c
        for c in catalogue.courses.values()
        if any(s.start and s.start >= TODAY for s in c.sessions) and not any(s.self_paced for s in c.sessions)
    )
    soonest = min(s.start for s in course.sessions if s.start and s.start >= TODAY)
    assert record(course, TODAY).sort["start"] == soonest.isoformat()
    assert soonest.strftime("%Y-%m") in record(course, TODAY).filters["start"]
    later = record(course, date(2100, 1, 1))
    assert "start" not in later.filters and later.sort["start"] == "9999-12-31"


@pytest.mark.parametrize(
    ("amount", "currency", "band"),
    [
        (0, "EUR", "free"),
        (50, "EUR", "lt100"),
        (100, "EUR", "100-500"),
        (500, "EUR", "100-500"),
        (500.01, "EUR", "500-1000"),
        (2500, "EUR", "1000-2500"),
        (9000, "EUR", "gt2500"),
        (1090, "SEK", "100-500"),
        (0, "XYZ", "free"),
        (10, "XOF", "unknown"),
    ],
)
def test_price_bands_convert_with_the_dated_rate_table(amount: float, currency: str, band: str) -> None:
    assert bands.price_band(Price(Decimal(str(amount)), currency)) == band


def test_rate_table_is_dated_and_every_rate_positive() -> None:
    table = bands.rate_table()
    date.fromisoformat(table["as_of"])
    assert table["units_per_euro"]["EUR"] == 1
    assert all(rate > 0 for rate in table["units_per_euro"].values())


@pytest.mark.parametrize(
    ("ects", "hours", "band"),
    [
        (2, None, "lt3"),
        (3, None, "3-6"),
        (6, None, "3-6"),
        (6.5, None, "6-15"),
        (15, None, "6-15"),
        (20, None, "gt15"),
        (None, 50, "lt3"),
        (None, 100, "3-6"),
    ],
)
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
    views = {v.facet.key: v for v in facets.views(catalogue, counts(records))}
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
    bundle = first / addresses.search_bundle()
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not (bundle / "fragment").exists() and not (bundle / "pagefind-ui.js").exists()
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def _pages(site: Path, bundle: Path | None = None) -> list[list[object]]:
    bundle = bundle or site / addresses.search_bundle()
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    return stable._read(bundle / f"pagefind.{entry['languages'][index.INDEX_LANGUAGE]['hash']}.pf_meta")[1]


def test_pagefind_page_ids_are_row_numbers_of_the_tables(catalogue: Catalogue, tmp_path: Path) -> None:
    records = [record(c, TODAY) for c in catalogue.courses.values()]
    summary = index.write(records, tmp_path)
    assert [page[0] for page in _pages(tmp_path)] == [
        tables.row_name(row, len(records)) for row in range(len(records))
    ]
    manifest = json.loads((tmp_path / addresses.search_tables_manifest()).read_text("utf-8"))
    assert manifest["rows"] == len(records) and manifest["folder"] == summary.tables + "/"
    folder = tmp_path / addresses.search_tables_version(summary.tables)
    for row, item in enumerate(records):
        card = json.loads((folder / "card" / f"{tables.row_name(row, len(records))}.json").read_text("utf-8"))
        assert card == {"url": item.url, **item.meta}


def test_facet_tables_give_each_row_its_record_s_values(catalogue: Catalogue, tmp_path: Path) -> None:
    records = [record(c, TODAY) for c in catalogue.courses.values()]
    folder = tmp_path / addresses.search_tables_version(index.write(records, tmp_path).tables)
    for key in FILTER_KEYS:
        header, cells = tables.read(folder / f"facet-{key}.bin")
        assert len(cells) == len(records)
        values, sets = header["values"], header["sets"]
        assert [sorted(values[v] for v in sets[cell]) for cell in cells] == [
            sorted(r.filters.get(key, [])) for r in records
        ]
    assert any(r.filters.get("status") for r in records), "the sample has a withdrawn course"
    # every filter a record carries has a table, and every facet the page shows is a filter
    assert {key for r in records for key in r.filters} <= set(FILTER_KEYS)
    assert {f.key for f in facets.facets(catalogue)} | {"status"} == set(FILTER_KEYS)


def test_sort_tables_rank_rows_like_their_keys(catalogue: Catalogue, tmp_path: Path) -> None:
    records = [record(c, TODAY) for c in catalogue.courses.values()]
    folder = tmp_path / addresses.search_tables_version(index.write(records, tmp_path).tables)
    for key in ("title", "start", "price", "workload"):
        _, ranks = tables.read(folder / f"sort-{key}.bin")
        keys = [r.sort[key] for r in records]
        for a in range(len(records)):
            for b in range(len(records)):
                assert (ranks[a] < ranks[b]) == (keys[a] < keys[b])


@pytest.mark.parametrize(
    ("cells", "width", "per_byte"),
    [
        ([0], 1, 1),
        ([1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1], 1, 8),
        ([4, 0, 3, 2, 1, 4, 4], 1, 3),
        ([6, 0, 6, 5], 1, 2),
        (list(range(40)), 1, 1),
        (list(range(300)), 2, 1),
        (list(range(0, 140_000, 2)), 4, 1),
    ],
)
def test_table_cells_are_as_narrow_as_their_values_allow(
    cells: list[int], width: int, per_byte: int, tmp_path: Path
) -> None:
    (tmp_path / "t.bin").write_bytes(tables._table({}, cells))
    header, read = tables.read(tmp_path / "t.bin")
    assert read == cells and (header["width"], header["per_byte"]) == (width, per_byte)


@pytest.mark.parametrize(
    ("rows", "names"), [(1, ["0", "0"]), (16, ["0", "f"]), (17, ["00", "10"]), (50_000, ["0000", "c34f"])]
)
def test_row_names_are_fixed_width_hexadecimal(rows: int, names: list[str]) -> None:
    assert [tables.row_name(0, rows), tables.row_name(rows - 1, rows)] == names


def test_a_bundle_whose_pages_are_not_the_records_in_order_is_refused(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """Were Pagefind ever to reorder its pages, every result would show another course's card."""
    records = [record(c, TODAY) for c in catalogue.courses.values()]
    asyncio.run(index._write_whole(records, tmp_path / "pagefind"))
    urls, ids = [r.url for r in records], [tables.row_name(row, len(records)) for row in range(len(records))]
    with pytest.raises(stable.OrderError):
        stable.stabilise(tmp_path / "pagefind", [urls[-1], *urls[1:-1], urls[0]], ids)
    with pytest.raises(stable.OrderError):
        stable.stabilise(tmp_path / "pagefind", urls[:-1], ids[:-1])


def test_a_large_catalogue_is_indexed_in_shards_that_all_hold_every_word(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "SHARD_SIZE", 10)
    records = [record(c, TODAY) for c in catalogue.courses.values()]
    shards = index.shard_count(len(records))
    assert shards == -(-len(records) // 10) > 2
    index.write(records, tmp_path)
    manifest = json.loads((tmp_path / addresses.search_tables_manifest()).read_text("utf-8"))
    assert manifest["shards"] == shards and manifest["rows"] == len(records)
    for shard in range(shards):
        bundle = tmp_path / addresses.search_bundle(shard)
        ids = [page[0] for page in _pages(bundle.parent if shard else tmp_path, bundle)]
        assert ids[-1] == index.VOCABULARY_ID
        size = manifest["per_shard"]
        # as the browse page reads them: id shard * size + page is row page * shards + shard
        rows = [int(i, 16) % size * shards + int(i, 16) // size for i in ids[:-1]]
        assert rows == list(range(shard, len(records), shards))
        assert [int(i, 16) for i in ids[:-1]] == list(range(shard * size, shard * size + len(rows)))
        assert (bundle / "pagefind.js").exists() == (shard == 0)
        assert not any(bundle.glob("*.pf_fragment")) and not (bundle / "fragment").exists()
    index.write(records, tmp_path)  # again over the last one, as a rebuild that does not clean does
    assert sorted(p.name for p in (tmp_path / addresses.search_bundle()).iterdir() if p.is_dir()) == [
        "index",
        *sorted(f"shard-{n}" for n in range(1, shards)),
    ]
    words = index.vocabulary(records).content.split()
    assert words == sorted(set(words)) and set(words) == {w for r in records for w in r.text.split()}


def test_an_empty_catalogue_has_tables_and_no_index(tmp_path: Path) -> None:
    summary = index.write([], tmp_path)
    manifest = json.loads((tmp_path / addresses.search_tables_manifest()).read_text("utf-8"))
    assert summary.records == 0 and manifest["rows"] == 0 and manifest["shards"] == 0
    assert not (tmp_path / addresses.search_bundle()).exists()
    header, cells = tables.read(
        tmp_path / addresses.search_tables_version(summary.tables) / "facet-level.bin"
    )
    assert cells == [] and header["values"] == []


def test_cbor_codec_round_trips_pagefind_files(catalogue: Catalogue, tmp_path: Path) -> None:
    """Decoding and encoding again gives Pagefind's own bytes: only the order is changed."""
    index.write([record(c, TODAY) for c in catalogue.courses.values()], tmp_path)
    for path in [
        *(tmp_path / "pagefind").glob("*.pf_meta"),
        *list((tmp_path / "pagefind" / "index").iterdir())[:3],
    ]:
        data = gzip.decompress(path.read_bytes())
        value, end = stable._decode(data, len(stable.SIGNATURE))
        assert end == len(data) and stable.SIGNATURE + stable._encode(value) == data


@pytest.mark.parametrize("damage", ["empty entry", "cut index chunk", "cut script", "missing metadata"])
def test_an_incomplete_pagefind_bundle_is_noticed(catalogue: Catalogue, tmp_path: Path, damage: str) -> None:
    """Pagefind may be stopped before its last writes land: such a bundle is written again."""
    bundle = tmp_path / "pagefind"
    # As the build writes it: Pagefind may stop before its last writes land, and is then run again.
    asyncio.run(index._write_whole([record(c, TODAY) for c in catalogue.courses.values()], bundle))
    assert stable.complete(bundle)
    chunk = next((bundle / "index").iterdir())
    if damage == "empty entry":
        (bundle / "pagefind-entry.json").write_bytes(b"")
    elif damage == "cut index chunk":
        chunk.write_bytes(chunk.read_bytes()[:-9])
    elif damage == "cut script":
        (bundle / "pagefind.js").write_bytes((bundle / "pagefind.js").read_bytes()[:5000])
    else:
        next(bundle.glob("*.pf_meta")).unlink()
    assert not stable.complete(bundle)
