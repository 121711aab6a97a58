"""The JSON API: one normalised record per course (language maps always, effective QA and
prices resolved, codes with labels and URIs), the whole catalogue, and NDJSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from generator import addresses
from generator import vocabularies as vocab
from generator.display import label
from generator.model import Catalogue, Course, Price, Provider, QualityAssurance, Session, Text

SCHEMA_VERSION = 1

# One encoder for every feed (json.dumps would make a new one per call, 150,000 times).
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def dumps(data: Any) -> bytes:
    """Canonical bytes: sorted keys, no insignificant space, UTF-8, one trailing newline."""
    return (_ENCODER.encode(data) + "\n").encode("utf-8")


def member(data: Any) -> bytes:
    """Canonical bytes without the newline: a member of a larger document, spliced in as is."""
    return _ENCODER.encode(data).encode("utf-8")


def _text(value: Text | None) -> dict[str, str] | None:
    return None if value is None else dict(value.values)


def _price(price: Price | None) -> dict[str, Any] | None:
    if price is None:
        return None
    amount = int(price.amount) if price.amount == price.amount.to_integral_value() else float(price.amount)
    return {"amount": amount, "currency": price.currency, "free": price.free}


def _qa(entries: tuple[QualityAssurance, ...], scope: str) -> list[dict[str, Any]]:
    return [
        {
            "type": qa.type,
            "label": label("qa", qa.type),
            "body": _text(qa.body),
            "url": qa.url,
            "valid_until": qa.valid_until.isoformat() if qa.valid_until else None,
            "external": qa.external,
            "scope": scope,
        }
        for qa in entries
    ]


def _session(session: Session) -> dict[str, Any]:
    location = session.location
    return {
        "id": session.id,
        "start": session.start.isoformat() if session.start else None,
        "end": session.end.isoformat() if session.end else None,
        "enrol_by": session.enrol_by.isoformat() if session.enrol_by else None,
        "participation": session.participation,
        "languages": list(session.languages),
        "schedule": session.schedule,
        "self_paced": session.self_paced,
        "seats": session.seats,
        "url": session.url,
        "price": _price(session.price),
        "location": None
        if location is None
        else {
            "city": location.city,
            "country": location.country,
            "address": location.address,
            "postcode": location.postcode,
        },
    }


def provider_record(provider: Provider, site_url: str) -> dict[str, Any]:
    return {
        "id": provider.id,
        "name": _text(provider.name),
        "legal_name": provider.legal_name,
        "type": provider.type,
        "type_label": label("provider_type", provider.type),
        "country": provider.country,
        "region": provider.region,
        "url": provider.url,
        "default_language": provider.default_language,
        "description": _text(provider.description),
        "quality_assurance": _qa(provider.quality_assurance, "provider"),
        "identifiers": dict(provider.identifiers),
        "contact": dict(provider.contact),
        "page": addresses.url(site_url, addresses.provider_page(provider.id)),
    }


def course_record(course: Course, catalogue: Catalogue, site_url: str) -> dict[str, Any]:
    """Everything about one course, normalised; the payload of courses/<id>.json."""
    fields = vocab.isced_fields()
    eqf = vocab.eqf_levels().get(course.eqf) if course.eqf else None
    return {
        "schema_version": SCHEMA_VERSION,
        "id": course.id,
        "provider": course.provider.id,
        "slug": course.slug,
        "status": course.status,
        "page": addresses.url(site_url, addresses.course_page(course.id)),
        "json": addresses.url(site_url, addresses.course_json(course.id)),
        "url": course.url,
        "title": _text(course.title),
        "summary": _text(course.summary),
        "description": _text(course.description),
        "languages": list(course.languages),
        "default_language": course.default_language,
        "fields": [
            {
                "code": f.code,
                "label": f.label,
                "level": f.level,
                "uri": f.uri,
                "broad": {"code": f.broad, "label": fields[f.broad].label, "uri": fields[f.broad].uri},
            }
            for f in course.fields
        ],
        "learning_outcomes": [_text(o) for o in course.learning_outcomes],
        "workload": {"ects": course.ects, "hours": course.hours},
        "level": {
            "eqf": None if eqf is None else {"level": course.eqf, "uri": eqf["uri"], "label": eqf["label"]},
            "qf_ehea": course.qf_ehea,
            "nqf": dict(course.nqf) if course.nqf else None,
        },
        "assessment": {
            "methods": list(course.assessment_methods),
            "description": _text(course.assessment_description),
            "identity_verification": course.identity_verification,
            "grading": course.grading,
        },
        "participation": course.participation,
        "credential": {
            "type": course.credential_type,
            "formats": list(course.credential_formats),
            "awarding_bodies": [
                {"name": _text(b.name), "country": b.country, "url": b.url, "provider": b.provider_id}
                for b in course.awarding_bodies
            ],
        },
        "quality_assurance": _qa(course.own_quality_assurance, "course")
        + _qa(course.provider.quality_assurance, "provider"),
        "prerequisites": _text(course.prerequisites),
        "stackability": {
            "standalone": course.standalone,
            "stacks_into": list(course.stacks_into),
            "stacked_from": list(catalogue.stacked_from(course.id)),
            "qualifications": [
                {"name": _text(name), "url": url} for name, url in course.stacks_into_qualifications
            ],
        },
        "skills": [{"label": _text(s.label), "esco": s.esco} for s in course.skills],
        "keywords": list(course.keywords),
        "price": _price(course.price),
        "sessions": [_session(s) for s in course.sessions],
        "funding": {
            "ila_eligible": course.ila_eligible,
            "schemes": [_text(s) for s in course.funding_schemes],
        },
        "contact": dict(course.contact),
        "last_reviewed": course.last_reviewed.isoformat() if course.last_reviewed else None,
        "withdrawn": None
        if not course.withdrawn
        else {
            "date": course.withdrawn_date.isoformat() if course.withdrawn_date else None,
            "reason": _text(course.withdrawn_reason),
            "replaced_by": course.replaced_by,
        },
    }


def records(catalogue: Catalogue, site_url: str) -> Iterator[tuple[Course, dict[str, Any]]]:
    for course in catalogue.courses.values():  # already sorted by id
        yield course, course_record(course, catalogue, site_url)


def catalogue_document(catalogue: Catalogue, site_url: str, courses: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "site": site_url,
        "providers": [provider_record(p, site_url) for p in catalogue.providers.values()],
        "courses": courses,
    }
