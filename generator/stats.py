"""Counts of the catalogue's courses by the facets people browse by."""

from __future__ import annotations

from collections import Counter

from generator import vocabularies as vocab
from generator.model import Catalogue

Counts = dict[str, dict[str, int]]


def count(catalogue: Catalogue) -> Counts:
    """Active courses by country, ISCED-F broad field, EQF level, mode and language; plus totals."""
    active = [c for c in catalogue.courses.values() if not c.withdrawn]
    fields = vocab.isced_fields()
    facets: dict[str, Counter[str]] = {
        k: Counter() for k in ("country", "field", "level", "mode", "language")
    }
    for course in active:
        facets["country"][course.provider.country] += 1
        for broad in sorted({f.broad for f in course.fields}):
            facets["field"][f"{broad} {fields[broad].label}"] += 1
        facets["level"][f"EQF {course.eqf}" if course.eqf else "no level"] += 1
        for mode in sorted({course.participation, *(s.participation for s in course.sessions)}):
            facets["mode"][mode] += 1
        for language in course.languages:
            facets["language"][language] += 1
    totals = {
        "providers": len(catalogue.providers),
        "courses": len(catalogue.courses),
        "active": len(active),
        "withdrawn": len(catalogue.courses) - len(active),
        "ila_eligible": sum(c.ila_eligible for c in active),
    }
    return {"totals": totals, **{k: dict(sorted(v.items())) for k, v in facets.items()}}


def as_text(counts: Counts) -> str:
    lines: list[str] = []
    for facet, values in counts.items():
        lines.append(f"{facet}:")
        width = max((len(k) for k in values), default=0)
        lines += [f"  {name:<{width}}  {n:>6}" for name, n in values.items()]
    return "\n".join(lines)
