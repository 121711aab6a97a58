"""Problems: what validation finds, as values rather than exceptions.

Every stage (loading, schema, rules, catalogue-wide checks) returns ``Problem`` objects;
the reporters turn them into text, JSON or CI annotations. Nothing raises on bad input.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any


class Severity(enum.StrEnum):
    """Errors block a pull request; warnings block only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file, at a line and column (both 1-based)."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def error(file: str, mark: tuple[int, int], rule: str, message: str, hint: str = "") -> Problem:
    return Problem(file, mark[0], mark[1], rule, Severity.ERROR, message, hint)


def warning(file: str, mark: tuple[int, int], rule: str, message: str, hint: str = "") -> Problem:
    return Problem(file, mark[0], mark[1], rule, Severity.WARNING, message, hint)


def has_errors(problems: list[Problem], strict: bool = False) -> bool:
    """True when these problems should fail a check (warnings count under ``strict``)."""
    return any(p.severity is Severity.ERROR or strict for p in problems)
