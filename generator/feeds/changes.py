"""changes.json: per course its status, when it last changed and a hash of its JSON, so a
harvester fetches only what changed — and sees every withdrawal as a tombstone."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from generator.feeds.api import SCHEMA_VERSION
from generator.model import Course


def modified(course: Course, changed: date | None) -> str | None:
    """The last commit that changed the course file; without git history, deterministically
    the latest date the file itself gives (review or withdrawal), else none."""
    if changed is not None:
        return changed.isoformat()
    dates = [d for d in (course.last_reviewed, course.withdrawn_date) if d]
    return max(dates).isoformat() if dates else None


def entry(course: Course, record_bytes: bytes, changed: date | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": course.id, "status": course.status, "modified": modified(course, changed),
        "sha256": hashlib.sha256(record_bytes).hexdigest(),
    }
    if course.withdrawn:
        data["withdrawn"] = {"date": course.withdrawn_date.isoformat() if course.withdrawn_date else None,
                             "replaced_by": course.replaced_by}
    return data


def document(entries: list[dict[str, Any]], site_url: str) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "site": site_url, "courses": sorted(entries, key=lambda e: e["id"])}
