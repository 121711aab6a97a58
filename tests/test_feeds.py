"""The JSON API, CSV and change list of the built sample site, read back as aggregators do."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, TODAY
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator import model
from generator.feeds import tabular
from generator.layout import Selection
from generator.validation import check

API = "api/v1"
SCHEMAS = REPO / "generator" / "schemas" / "feeds"


@pytest.fixture(scope="module")
def catalogue() -> model.Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


def _validator(name: str) -> Draft202012Validator:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text("utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    return Draft202012Validator(json.loads((SCHEMAS / name).read_text("utf-8")), registry=registry)


def _canonical(data: object) -> bytes:
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
        "utf-8"
    )


def test_catalogue_json_validates_and_holds_every_course_once(site: Path, catalogue: model.Catalogue) -> None:
    raw = (site / API / "catalogue.json").read_bytes()
    document = json.loads(raw)
    _validator("catalogue.schema.json").validate(document)
    assert raw == _canonical(document), "catalogue.json is in canonical form (sorted keys)"
    ids = [c["id"] for c in document["courses"]]
    assert ids == sorted(catalogue.courses) and len(set(ids)) == len(ids)
    assert [p["id"] for p in document["providers"]] == sorted(catalogue.providers)
    assert document["schema_version"] == 1


def test_every_course_record_is_served_alone_and_validates(site: Path, catalogue: model.Catalogue) -> None:
    document = json.loads((site / API / "catalogue.json").read_bytes())
    validator = _validator("course-record.schema.json")
    for record in document["courses"]:
        raw = (site / API / "courses" / f"{record['id']}.json").read_bytes()
        alone = json.loads(raw)
        validator.validate(alone)
        assert alone == record
        assert alone["json"].endswith(f"/{API}/courses/{record['id']}.json")
    files = sorted(
        p.relative_to(site / API / "courses").with_suffix("").as_posix()
        for p in (site / API / "courses").rglob("*.json")
    )
    assert files == sorted(catalogue.courses)


def test_records_are_normalised(site: Path) -> None:
    record = json.loads(
        (site / API / "courses" / "nordhavn-university" / "data-visualisation.json").read_bytes()
    )
    assert record["title"] == {
        "en": "Data visualisation for social scientists",
        "sv": "Datavisualisering för samhällsvetare",
    }
    assert set(record["summary"]) == {"en"}, "plain strings become language maps"
    assert record["level"]["eqf"]["uri"] == "http://data.europa.eu/snb/eqf/6"
    assert record["fields"][0]["uri"].startswith("http://data.europa.eu/snb/isced-f/")
    assert [qa["scope"] for qa in record["quality_assurance"]] == ["course", "provider"]
    assert all(s["price"] for s in record["sessions"]), "every session carries its effective price"


def test_ndjson_has_one_record_per_line(site: Path, catalogue: model.Catalogue) -> None:
    lines = (site / API / "courses.ndjson").read_bytes().splitlines()
    assert [json.loads(line)["id"] for line in lines] == sorted(catalogue.courses)


def test_changes_list_every_course_with_hash_and_tombstones(site: Path, catalogue: model.Catalogue) -> None:
    changes = json.loads((site / API / "changes.json").read_bytes())
    _validator("changes.schema.json").validate(changes)
    assert [c["id"] for c in changes["courses"]] == sorted(catalogue.courses)
    for entry in changes["courses"]:
        raw = (site / API / "courses" / f"{entry['id']}.json").read_bytes()
        assert entry["sha256"] == hashlib.sha256(raw).hexdigest()
        course = catalogue.courses[entry["id"]]
        assert entry["status"] == course.status
        if course.withdrawn:
            assert entry["withdrawn"] == {
                "date": course.withdrawn_date.isoformat(),
                "replaced_by": course.replaced_by,
            }


def test_csv_round_trips_and_opens_cleanly(site: Path, catalogue: model.Catalogue) -> None:
    raw = (site / API / "courses.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == sorted(catalogue.courses)
    assert list(rows[0]) == [name for name, _ in tabular.COLUMNS]
    for row in rows:
        course = catalogue.courses[row["id"]]
        assert row["title"] == tabular.neutralise(course.title.get(course.default_language))
        assert row["languages"].split(" | ") == list(course.languages)


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+3", "'+3"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ('   =HYPERLINK("https://evil.example")', '\'   =HYPERLINK("https://evil.example")'),
        ("\n=1+1", "'\n=1+1"),
        ("\u00a0\u3000+1", "'\u00a0\u3000+1"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),  # full-width equals sign
        ("\ufe66SUM(A1)", "'\ufe66SUM(A1)"),  # small equals sign
        ("\uff20A1", "'\uff20A1"),  # full-width commercial at
        ("  plain", "  plain"),
    ],
)
def test_formulas_are_neutralised(text: str, cell: str) -> None:
    assert tabular.neutralise(text) == cell


def test_input_schemas_are_published_unchanged(site: Path) -> None:
    for name in ("course.schema.json", "provider.schema.json"):
        assert (site / API / "schemas" / name).read_bytes() == (
            REPO / "generator" / "schemas" / name
        ).read_bytes()


def test_fact_sheet_links_its_json(site: Path) -> None:
    html = (site / "courses" / "nordhavn-university" / "data-visualisation" / "index.html").read_text("utf-8")
    assert 'href="../../../api/v1/courses/nordhavn-university/data-visualisation.json"' in html


def test_atom_feed_parses_without_errors_and_carries_tombstones(
    site: Path, catalogue: model.Catalogue
) -> None:
    import xml.etree.ElementTree as ET

    import feedparser

    raw = (site / "feed.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.namespaces.get("at") == "http://purl.org/atompub/tombstones/1.0"
    assert "at_deleted-entry" in parsed.feed, "feedparser sees the tombstones"
    withdrawn = {
        f"https://microcredentials.example/courses/{c.id}/" for c in catalogue.courses.values() if c.withdrawn
    }
    entries = [e.id for e in parsed.entries]
    assert not withdrawn & set(entries)
    assert len(entries) == sum(not c.withdrawn for c in catalogue.courses.values())
    stamps = [e.updated_parsed for e in parsed.entries]
    assert stamps == sorted(stamps, reverse=True), "newest first"
    tombstones = ET.fromstring(raw).findall("{http://purl.org/atompub/tombstones/1.0}deleted-entry")
    assert {t.get("ref") for t in tombstones} == withdrawn
    assert all(t.get("when", "").endswith("T00:00:00Z") for t in tombstones)


def test_json_feed_validates_against_the_community_schema(site: Path, catalogue: model.Catalogue) -> None:
    from conftest import STANDARDS
    from jsonschema import Draft4Validator

    folder = STANDARDS / "jsonfeed"
    feed_1 = json.loads((folder / "feed-1.json").read_text("utf-8"))
    schema = json.loads((folder / "feed.json").read_text("utf-8"))
    from referencing.jsonschema import DRAFT4

    registry = Registry().with_resource(
        "https://json.schemastore.org/feed-1", Resource.from_contents(feed_1, default_specification=DRAFT4)
    )
    feed = json.loads((site / "feed.json").read_bytes())
    Draft4Validator(schema, registry=registry).validate(feed)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert len(feed["items"]) == len(catalogue.courses)
    for item in feed["items"]:
        course = catalogue.courses[item["_catalogue"]["id"]]
        assert item["_catalogue"]["status"] == course.status
        assert item["title"].startswith("Withdrawn: ") == course.withdrawn


def test_the_schema_folder_is_a_page_linking_every_schema(site: Path) -> None:
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site / API / "schemas" / "index.html").read_text("utf-8"), "lxml")
    links = {a["href"] for a in page.select("article li a")}
    published = {p.name for p in (site / API / "schemas").glob("*.json")}
    assert links == published and len(published) == 5
