"""What a pull request changes, course by course, as values a reviewer can read in seconds.

Both sides of each changed file come from ``PullRequest`` (the one loader); only files the
loader could read are compared field by field. Long values are reported as "changed",
short ones as old → new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from generator.review.git import Change
from generator.review.pullrequest import PullRequest

Data = dict[str, Any]  # a parsed provider or course file, as YAML gave it

SHORT = 60  # longer values are "changed", not quoted
Status = Literal["new", "withdrawn", "reinstated", "changed", "deleted", "renamed"]
_SPECIAL = {"sessions", "price", "status"}


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    old: str | None  # short form of the old value; None when absent or too long to quote
    new: str | None
    how: Literal["added", "removed", "changed"] = "changed"


@dataclass(frozen=True)
class ItemChange:
    """One provider or course file the pull request adds, changes, withdraws, renames or deletes."""

    kind: Literal["provider", "course"]
    id: str
    title: str
    status: Status
    path: str
    fields: tuple[FieldChange, ...] = ()
    new_sessions: tuple[str, ...] = ()
    removed_sessions: tuple[str, ...] = ()
    prices: tuple[str, ...] = ()  # "course price: 450 EUR → 500 EUR"
    withdrawal: str = ""  # "on 2027-06-30, replaced by acme/new"
    new_id: str = ""  # for a renamed course: the id it would get


@dataclass
class Changes:
    items: list[ItemChange] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # changed files the loader could not read

    def of(self, kind: str, *statuses: Status) -> list[ItemChange]:
        return [i for i in self.items if i.kind == kind and i.status in statuses]


def describe(pr: PullRequest) -> Changes:
    found = Changes()
    for change in pr.catalogue_changes():
        entry = pr.entry(
            change.old_path
            if change.status == "renamed" and pr.in_catalogue(change.old_path)
            else change.path
        )
        if entry.kind == "stray":
            continue
        item = _item(pr, change, entry.kind, entry.course_id if entry.kind == "course" else entry.provider_id)
        if item is None:
            found.unreadable.append(change.path)
        else:
            found.items.append(item)
    return found


def _item(pr: PullRequest, change: Change, kind: Any, item_id: str) -> ItemChange | None:
    before = pr.base_data(change.old_path or change.path) if change.status != "added" else {}
    after = pr.head_data(change.path) if change.status != "deleted" else {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return None
    if change.status in ("added", "deleted"):
        title = _title(after or before)
        return ItemChange(kind, item_id, title, "new" if change.status == "added" else "deleted", change.path)
    status = _status(before, after)
    new_id = pr.entry(change.path).course_id if change.status == "renamed" and kind == "course" else ""
    return ItemChange(
        kind,
        item_id,
        _title(after),
        "renamed" if change.status == "renamed" else status,
        change.path,
        fields=_fields(before, after, skip=("withdrawn",) if status == "withdrawn" else ())
        + _session_fields(before, after),
        new_sessions=_new_sessions(before, after),
        removed_sessions=_removed_sessions(before, after),
        prices=_prices(before, after),
        withdrawal=_withdrawal(after) if status == "withdrawn" else "",
        new_id=new_id,
    )


def _status(before: Data, after: Data) -> Status:
    was, now = before.get("status", "active"), after.get("status", "active")
    if now == "withdrawn" and was != "withdrawn":
        return "withdrawn"
    if was == "withdrawn" and now != "withdrawn":
        return "reinstated"
    return "changed"


def _title(data: Data) -> str:
    raw = data.get("title", data.get("name", ""))
    if isinstance(raw, dict):
        listed = data.get("languages")
        languages: list[Any] = listed if isinstance(listed, list) else []
        preferred = [lang for lang in (*languages, data.get("default_language"), "en") if lang in raw]
        raw = raw[preferred[0]] if preferred else next(iter(raw.values()), "")
    return raw if isinstance(raw, str) else ""


def short(value: Any) -> str | None:
    """A value as a reviewer reads it inline; None when it is too long or nested to quote."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return value if "\n" not in value.strip() and len(value) <= SHORT else None
    parts: list[str | None]
    if isinstance(value, dict):
        parts = [None if (s := short(v)) is None else f"{k}: {s}" for k, v in value.items()]
    elif isinstance(value, list):
        parts = [short(v) if not isinstance(v, (dict, list)) else None for v in value]
    else:
        return None
    if None in parts:
        return None
    joined = ", ".join(p for p in parts if p is not None)
    return joined if len(joined) <= SHORT + 20 else None


def _fields(
    before: Data, after: Data, skip: tuple[str, ...] = (), label: str = ""
) -> tuple[FieldChange, ...]:
    skip = (*skip, *_SPECIAL) if not label else skip
    names = [k for k in after if k not in skip] + [k for k in before if k not in after and k not in skip]
    found = []
    for name in names:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        how: Any = "added" if name not in before else "removed" if name not in after else "changed"
        found.append(FieldChange(label + name, short(old), short(new), how))
    return tuple(found)


def _session_fields(before: Data, after: Data) -> tuple[FieldChange, ...]:
    """Changes inside sessions that stay (new and removed ones, and prices, are listed apart)."""
    old = _sessions(before)
    found: tuple[FieldChange, ...] = ()
    for sid, session in _sessions(after).items():
        if sid in old and old[sid] != session:
            found += _fields(old[sid], session, skip=("price", "id"), label=f"session {sid}: ")
    return found


def _sessions(data: Data) -> dict[str, Data]:
    raw = data.get("sessions")
    return (
        {s["id"]: s for s in raw if isinstance(s, dict) and isinstance(s.get("id"), str)}
        if isinstance(raw, list)
        else {}
    )


def _session_words(session: Data) -> str:
    if session.get("schedule") == "self-paced" and not session.get("start"):
        return f"{session['id']} (self-paced)"
    return f"{session['id']} ({session.get('start', '?')} → {session.get('end', '?')})"


def _new_sessions(before: Data, after: Data) -> tuple[str, ...]:
    old = _sessions(before)
    return tuple(_session_words(s) for sid, s in _sessions(after).items() if sid not in old)


def _removed_sessions(before: Data, after: Data) -> tuple[str, ...]:
    new = _sessions(after)
    return tuple(_session_words(s) for sid, s in _sessions(before).items() if sid not in new)


def money(price: Any) -> str:
    if not isinstance(price, dict):
        return "none"
    return f"{short(price.get('amount'))} {price.get('currency', '')}".strip()


def _prices(before: Data, after: Data) -> tuple[str, ...]:
    found = []
    if before.get("price") != after.get("price"):
        found.append(f"course price: {money(before.get('price'))} → {money(after.get('price'))}")
    old_sessions = _sessions(before)
    for sid, session in _sessions(after).items():
        if sid in old_sessions:
            was = money(old_sessions[sid].get("price", before.get("price")))
            now = money(session.get("price", after.get("price")))
            if was != now:
                found.append(f"session {sid}: {was} → {now}")
    return tuple(found)


def _withdrawal(after: Data) -> str:
    given = after.get("withdrawn")
    details: Data = given if isinstance(given, dict) else {}
    words = f"on {details['date']}" if details.get("date") else "with no date"
    return words + (f", replaced by {details['replaced_by']}" if details.get("replaced_by") else "")
