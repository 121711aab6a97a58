"""The JSON Schemas: valid 2020-12, documented on every property, and the fast gate agrees
with jsonschema on every example file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, SAMPLE
from jsonschema import Draft202012Validator

from generator.loading import load_file
from generator.render.environment import safe_href
from generator.validation.schema import _validator, is_valid, load_schema

KINDS = ("provider", "course")


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{path}.{name}", sub
        for key, value in node.items():
            if key not in ("if", "then", "else", "not"):  # conditions, not declarations
                yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{path}[{index}]")


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_a_title_and_a_description(kind: str) -> None:
    missing = [
        path
        for path, sub in _properties(load_schema(kind))
        if not sub.get("title") or not sub.get("description")
    ]
    assert missing == []


@pytest.mark.parametrize("kind", KINDS)
def test_urls_are_https_only_and_objects_closed(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["$defs"]["https_url"]["pattern"].startswith("^https://")
    assert schema["additionalProperties"] is False


def _example_files() -> list[Path]:
    return sorted(SAMPLE.rglob("*.yaml")) + sorted((CASES).rglob("*.yaml"))


def test_fast_gate_agrees_with_jsonschema_on_every_example() -> None:
    checked = 0
    for path in _example_files():
        doc = load_file(path)
        if doc.data is None:
            continue
        kind = "provider" if path.name.endswith("provider.yaml") else "course"
        assert is_valid(doc.data, kind) == _validator(kind).is_valid(doc.data), path
        checked += 1
    assert checked >= 80


def test_every_url_the_schema_accepts_is_shown_as_a_link(blns: list[str]) -> None:
    """Pages drop a link they cannot write safely; the schema refuses every such URL, so no
    accepted link disappears from a page without a word."""
    pattern = re.compile(re.sub(r"\$$", r"\\Z", load_schema("course")["$defs"]["https_url"]["pattern"]))
    accepted = 0
    for text in blns:
        for url in (f"https://www.example.eu/{text}", f"https://www.example.eu/?q={text}"):
            if pattern.search(url):
                accepted += 1
                assert safe_href(url) == url, repr(url)
    assert accepted > 100  # the comparison means something only if many are accepted
