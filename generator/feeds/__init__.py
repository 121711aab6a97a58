"""Feeds for aggregators: each module takes the catalogue model and returns bytes.

Every output is deterministic (sorted keys and items, no build clock), so the same commit
always gives the same bytes: stable ETags for harvesters.
"""

import json
import tempfile
from collections.abc import Iterator, Mapping
from datetime import date
from importlib import resources
from typing import IO

from generator import addresses
from generator.feeds import api, changes, elm, ob3, syndication, tabular
from generator.model import Catalogue, Course

Output = bytes | Iterator[bytes]  # whole bytes, or chunks for the large aggregate feeds

SCHEMA_FILES = (
    "provider.schema.json",
    "course.schema.json",
    "feeds/course-record.schema.json",
    "feeds/catalogue.schema.json",
    "feeds/changes.schema.json",
)


def schema_list() -> list[tuple[str, str, str]]:
    """(published file name, title, description) of every schema on the schemas page."""
    found = []
    for name in SCHEMA_FILES:
        schema = json.loads(resources.files("generator.schemas").joinpath(name).read_text("utf-8"))
        found.append((name.rsplit("/", 1)[-1], schema.get("title", name), schema.get("description", "")))
    return found


def build(
    catalogue: Catalogue, site_url: str, modified: Mapping[str, date], site_name: str
) -> Iterator[tuple[str, Output]]:
    """Every feed file as (site-relative path, bytes or chunks), one course at a time.

    The aggregates (NDJSON, catalogue.json, the ELM dataset, changes.json, the CSV) are
    appended to temporary files as the courses go by, so memory does not grow with the
    catalogue; each course's record and ELM nodes are serialised once, for every file
    they appear in, and each provider's ELM organisation once for all its courses."""
    # Open while the feeds are streamed; _concatenated closes each once it is written.
    ndjson, records, dataset, tombstones = (tempfile.TemporaryFile() for _ in range(4))  # noqa: SIM115
    table = tabular.Table()
    organisations: dict[str, bytes] = {}
    dated: list[tuple[str, Course]] = []
    for index, (course, record) in enumerate(api.records(catalogue, site_url)):
        data = api.dumps(record)
        yield addresses.course_json(course.id), data
        yield addresses.ob3_achievement(course.id), api.dumps(ob3.achievement(course, site_url))
        nodes = elm.course_nodes(course, site_url, organisations)
        yield addresses.elm_course(course.id), elm.document_bytes(nodes)
        separator = b"," if index else b""
        dataset.write(separator + b",".join(nodes[:-1]))  # the organisation is added once, at the end
        ndjson.write(data)
        records.write(separator + data[:-1])  # without its newline
        table.add(tabular.row(record, course.provider.name.get(), course.provider.country))
        when = changes.modified(course, modified, catalogue.stacked_from(course.id))
        tombstones.write(
            separator + api.member(changes.entry(course, data, when))
        )  # courses come sorted by id
        dated.append((when or "", course))
    yield addresses.courses_ndjson(), _concatenated(b"", ndjson, b"")
    providers = b",".join(api.member(api.provider_record(p, site_url)) for p in catalogue.providers.values())
    # catalogue.json in canonical form (keys sorted), streamed from the records file
    yield (
        addresses.catalogue_json(),
        _concatenated(
            b'{"courses":[',
            records,
            b'],"providers":['
            + providers
            + b'],"schema_version":'
            + api.member(api.SCHEMA_VERSION)
            + b',"site":'
            + api.member(site_url)
            + b"}\n",
        ),
    )
    organisations_part = b",".join(elm.organisation_nodes(catalogue, site_url, organisations))
    yield (
        addresses.elm_dataset(),
        _concatenated(
            elm.DOCUMENT_HEAD,
            dataset,
            (b"," if catalogue.courses and organisations_part else b"")
            + organisations_part
            + elm.DOCUMENT_TAIL,
        ),
    )
    yield addresses.courses_csv(), _concatenated(b"", table.finish(), b"")
    yield (
        addresses.changes_json(),
        _concatenated(changes.DOCUMENT_HEAD, tombstones, changes.document_tail(site_url)),
    )
    yield addresses.quality_link_manifest(), api.dumps(elm.manifest(site_url, site_name))
    items = syndication.recent(dated)
    del dated
    yield addresses.atom_feed(), syndication.atom(items, site_url, site_name)
    yield addresses.json_feed(), syndication.json_feed(items, site_url, site_name)
    for name in SCHEMA_FILES:
        text = resources.files("generator.schemas").joinpath(name).read_bytes()
        yield addresses.schema_file(name.rsplit("/", 1)[-1]), text


def _concatenated(head: bytes, middle: IO[bytes], tail: bytes) -> Iterator[bytes]:
    """head, the spooled middle in 1 MiB chunks, tail: written straight to the target."""
    yield head
    middle.seek(0)
    with middle:
        while chunk := middle.read(1 << 20):
            yield chunk
    yield tail
