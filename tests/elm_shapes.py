"""Validate ELM JSON-LD offline against the official LOQ SHACL shapes (with pyshacl).

The shapes file is used as published except for three Java-syntax regexes Python cannot
compile; those are rewritten in memory (see tests/data/standards/README.md). The
official context URL is mapped to the local copy of the context.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import rdflib
from conftest import STANDARDS
from pyshacl import validate

ELM = STANDARDS / "elm"
CONTEXT_URL = "http://data.europa.eu/snb/model/context/edc-ap"


@cache
def shapes() -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in ("LOQ-constraints.ttl", "LOQ-constraints-mdr.ttl"):
        text = (ELM / name).read_text("utf-8")
        text = (
            text.replace("^(?i)", "(?i)^")
            .replace("\\\\p{L}\\\\p{Nl}\\\\p{Nd}", "\\\\w")
            .replace("\\p{L}\\p{Nl}\\p{Nd}", "\\w")
        )
        graph.parse(data=text, format="turtle")
    return graph


@cache
def _context() -> dict[str, Any]:
    return json.loads((ELM / "edc-ap-context.jsonld").read_text("utf-8"))["@context"]


def to_graph(document: dict[str, Any]) -> rdflib.Graph:
    contexts = document["@context"] if isinstance(document["@context"], list) else [document["@context"]]
    local = [_context() if c == CONTEXT_URL else c for c in contexts]
    graph = rdflib.Graph()
    graph.parse(data=json.dumps({**document, "@context": local}), format="json-ld")
    return graph


def violations(document: dict[str, Any]) -> list[str]:
    conforms, _report, text = validate(
        to_graph(document), shacl_graph=shapes(), inference="none", abort_on_first=False
    )
    if conforms:
        return []
    return re.findall(r"Constraint Violation.*?(?=\nConstraint Violation|\Z)", text, re.S) or [text]
