"""What the checker remembers between runs: the cache file, and when a link counts as broken.

A link is *broken* after failing on two separate runs; one failure makes it *failing once*
(shown in the report, never as broken). Runs closer together than ``min_gap`` count as one,
so re-running a job a minute later cannot turn a provider's short outage into "broken".
A working link is not fetched again until it is ``max_age`` old.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from generator.links.probe import Outcome
from generator.writer import Writer

VERSION = 1
BROKEN_AFTER = 2  # failed runs


@dataclass(frozen=True, slots=True)
class Record:
    ok: bool
    status: int | None
    error: str
    checked: str  # ISO date-time (UTC) of the last fetch
    failed_runs: int = 0  # consecutive runs that failed
    failing_since: str = ""  # first failure of this streak
    counted: str = ""  # when the last failed run was counted

    @property
    def broken(self) -> bool:
        return self.failed_runs >= BROKEN_AFTER


def load(path: Path) -> dict[str, Record]:
    """The cache; empty when there is none or it cannot be read (the next run rebuilds it)."""
    try:
        raw = json.loads(path.read_text("utf-8"))
        if raw.get("version") != VERSION:
            return {}
        return {url: Record(**fields) for url, fields in raw["links"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def save(path: Path, records: dict[str, Record]) -> None:
    """Written whole to a temporary file, then renamed: a killed run never leaves half a cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": VERSION, "links": {url: asdict(r) for url, r in sorted(records.items())}}
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    Writer(path.parent).replace(path.name, text)


def due(record: Record | None, now: datetime, max_age: timedelta) -> bool:
    """Fetch again: never checked, failing, or working but checked too long ago."""
    return record is None or not record.ok or now - datetime.fromisoformat(record.checked) >= max_age


def update(before: Record | None, outcome: Outcome, now: datetime, min_gap: timedelta) -> Record:
    stamp = now.isoformat(timespec="seconds")
    if outcome.ok:
        return Record(True, outcome.status, "", stamp)
    failing = before is not None and not before.ok
    if failing and before is not None and now - datetime.fromisoformat(before.counted) < min_gap:
        runs, counted = before.failed_runs, before.counted  # the same run, as far as "separate runs" go
    else:
        runs, counted = (before.failed_runs if failing and before else 0) + 1, stamp
    since = before.failing_since if failing and before else stamp
    return Record(False, outcome.status, outcome.error, stamp, runs, since, counted)
