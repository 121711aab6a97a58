"""changes.json: per course its status, when it last changed and a hash of its JSON, so a
harvester fetches only what changed — and sees every withdrawal as a tombstone."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Any

from generator.feeds.api import SCHEMA_VERSION, member
from generator.model import Course


def modified(course: Course, changed: Mapping[str, date], stacked_from: tuple[str, ...] = ()) -> str | None:
    """When the course's record last changed: the last commit of any file its record is made
    from (the course, its provider, the providers awarding it, the courses stacking into it).
    Without git history, deterministically the latest date the course file gives, else none."""
    sources = {
        course.id,
        course.provider.id,
        *(b.provider_id for b in course.awarding_bodies if b.provider_id),
        *stacked_from,
    }
    dates = [changed[s] for s in sources if s in changed]
    if dates:
        return max(dates).isoformat()
    own = [d for d in (course.last_reviewed, course.withdrawn_date) if d]
    return max(own).isoformat() if own else None


def entry(course: Course, record_bytes: bytes, when: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": course.id,
        "status": course.status,
        "modified": when,
        "sha256": hashlib.sha256(record_bytes).hexdigest(),
    }
    if course.withdrawn:
        data["withdrawn"] = {
            "date": course.withdrawn_date.isoformat() if course.withdrawn_date else None,
            "replaced_by": course.replaced_by,
        }
    return data


# changes.json is {"courses": [entries, by id], "schema_version": ..., "site": ...} in
# canonical form; the build streams the entries between these two ends.
DOCUMENT_HEAD = b'{"courses":['


def document_tail(site_url: str) -> bytes:
    return b'],"schema_version":' + member(SCHEMA_VERSION) + b',"site":' + member(site_url) + b"}\n"
