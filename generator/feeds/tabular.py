"""courses.csv: one row per course, for spreadsheets.

Lists are joined with " | "; language maps give the default language's text. A cell that
a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage return)
is prefixed with an apostrophe, so provider text can never run as a formula.
"""

from __future__ import annotations

import csv
import io
import tempfile
import unicodedata
from typing import IO, Any

JOIN = " | "
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "course id: provider/slug (permanent)"),
    ("status", "active or withdrawn"),
    ("provider", "provider id"),
    ("provider_name", "provider's name in its default language"),
    ("country", "provider's country (ISO 3166-1)"),
    ("title", "title in the course's default language"),
    ("summary", "summary in the course's default language"),
    ("languages", "languages of instruction (ISO 639-1), joined with ' | '"),
    ("fields", "ISCED-F 2013 codes, joined with ' | '"),
    ("ects", "ECTS credits"),
    ("hours", "notional learning hours"),
    ("eqf", "EQF level"),
    ("participation", "online, onsite or blended"),
    ("credential_type", "micro-credential, certificate, badge or statement-of-attainment"),
    ("ila_eligible", "true or false"),
    ("price", "course price amount (sessions may differ)"),
    ("currency", "ISO 4217 currency of the course price"),
    ("next_start", "earliest session start date (YYYY-MM-DD), empty if none"),
    ("sessions", "number of sessions"),
    ("url", "the course page at the provider"),
    ("page", "the course page in this catalogue"),
    ("last_reviewed", "YYYY-MM-DD"),
    ("withdrawn_date", "YYYY-MM-DD, for withdrawn courses"),
    ("replaced_by", "course id of the replacement, for withdrawn courses"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """The cell with an apostrophe before it when a spreadsheet could read it as a formula.

    Spreadsheets skip leading spaces (also no-break and ideographic ones) and line breaks,
    and some read a full-width "＝" or a small "﹦" as "="; compatibility normalisation
    (NFKC) maps those to the ASCII signs.
    """
    if value.startswith(_FORMULA_START):
        return "'" + value
    first = value.lstrip()[:1]
    return "'" + value if first and unicodedata.normalize("NFKC", first).startswith(_FORMULA_START) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return neutralise(str(value))


def row(record: dict[str, Any], provider_name: str, country: str) -> list[str]:
    """One course's cells, in COLUMNS order."""
    lang = record["default_language"]
    starts = sorted(s["start"] for s in record["sessions"] if s["start"])
    price = record["price"] or {}
    withdrawn = record["withdrawn"] or {}
    values = {
        "id": record["id"],
        "status": record["status"],
        "provider": record["provider"],
        "provider_name": provider_name,
        "country": country,
        "title": record["title"].get(lang) or next(iter(record["title"].values())),
        "summary": record["summary"].get(lang) or next(iter(record["summary"].values())),
        "languages": JOIN.join(record["languages"]),
        "fields": JOIN.join(f["code"] for f in record["fields"]),
        "ects": record["workload"]["ects"],
        "hours": record["workload"]["hours"],
        "eqf": (record["level"]["eqf"] or {}).get("level"),
        "participation": record["participation"],
        "credential_type": record["credential"]["type"],
        "ila_eligible": record["funding"]["ila_eligible"],
        "price": price.get("amount"),
        "currency": price.get("currency"),
        "next_start": starts[0] if starts else None,
        "sessions": len(record["sessions"]),
        "url": record["url"],
        "page": record["page"],
        "last_reviewed": record["last_reviewed"],
        "withdrawn_date": withdrawn.get("date"),
        "replaced_by": withdrawn.get("replaced_by"),
    }
    return [_cell(values[name]) for name, _ in COLUMNS]


class Table:
    """courses.csv (RFC 4180, UTF-8 with a byte-order mark so spreadsheets pick the
    encoding), written row by row to a temporary file: 50,000 rows stay out of memory."""

    def __init__(self) -> None:
        # The file lives as long as the table: finish() hands it to the writer, which closes it.
        self._text = io.TextIOWrapper(tempfile.TemporaryFile(), encoding="utf-8", newline="")  # noqa: SIM115
        self._text.write("\ufeff")
        self._writer = csv.writer(self._text, lineterminator="\r\n")
        self._writer.writerow([name for name, _ in COLUMNS])

    def add(self, cells: list[str]) -> None:
        self._writer.writerow(cells)

    def finish(self) -> IO[bytes]:
        """The CSV file's bytes, to be read from the start; the table takes no more rows."""
        self._text.flush()
        return self._text.detach()
