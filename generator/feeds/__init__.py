"""Feeds for aggregators: each module takes the catalogue model and returns bytes.

Every output is deterministic (sorted keys and items, no build clock), so the same commit
always gives the same bytes: stable ETags for harvesters.
"""

from collections.abc import Iterator, Mapping
from datetime import date
from importlib import resources

from generator.feeds import api, changes, elm, syndication, tabular
from generator.model import Catalogue

SCHEMA_FILES = ("provider.schema.json", "course.schema.json", "feeds/course-record.schema.json",
                "feeds/catalogue.schema.json", "feeds/changes.schema.json")


def build(catalogue: Catalogue, site_url: str, modified: Mapping[str, date], site_name: str) -> Iterator[tuple[str, bytes]]:
    """Every feed file as (site-relative path, bytes), one course at a time where it can."""
    records: list[bytes] = []
    rows: list[list[str]] = []
    tombstones = []
    elm_nodes: list[bytes] = []
    for course, record in api.records(catalogue, site_url):
        data = api.dumps(record)
        yield api.course_json_path(course.id), data
        opportunity = elm.opportunity(course, site_url)
        yield elm.elm_path(course.id), api.dumps(opportunity)
        elm_nodes += elm.course_nodes(opportunity)
        records.append(data)
        rows.append(tabular.row(record, course.provider.name.get(), course.provider.country))
        tombstones.append(changes.entry(course, data, modified.get(course.id)))
    yield f"{api.API}courses.ndjson", b"".join(records)
    providers = b",".join(api.dumps(api.provider_record(p, site_url)).rstrip(b"\n") for p in catalogue.providers.values())
    # catalogue.json in canonical form (keys sorted) without holding every record as a dict
    yield f"{api.API}catalogue.json", (b'{"courses":[' + b",".join(r.rstrip(b"\n") for r in records) + b'],"providers":['
                                       + providers + b'],"schema_version":' + str(api.SCHEMA_VERSION).encode()
                                       + b',"site":' + api.dumps(site_url).rstrip(b"\n") + b"}\n")
    yield f"{api.API}courses.csv", tabular.courses_csv(rows)
    yield f"{api.API}changes.json", api.dumps(changes.document(tombstones, site_url))
    yield elm.DATASET_PATH, elm.dataset_bytes(elm_nodes, catalogue, site_url)
    yield ".well-known/quality-link-manifest.json", api.dumps(elm.manifest(site_url, site_name))
    yield "feed.xml", syndication.atom(catalogue, site_url, site_name, modified)
    yield "feed.json", syndication.json_feed(catalogue, site_url, site_name, modified)
    for name in SCHEMA_FILES:
        text = resources.files("generator.schemas").joinpath(name).read_bytes()
        yield f"{api.API}schemas/{name.rsplit('/', 1)[-1]}", text
