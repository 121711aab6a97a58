"""What a per-file rule sees: the document, where it lives, its provider, and today's date."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from generator.layout import Entry
from generator.loading import Document, NodePath
from generator.problems import Problem, Severity


@dataclass(frozen=True)
class Context:
    doc: Document
    entry: Entry
    today: date
    provider: dict[str, Any] | None = None  # the course's provider.yaml data, when it is valid

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.doc.data
        return data

    @cached_property
    def strings(self) -> list[tuple[NodePath, str]]:
        """Every string value in the file with its path (several rules scan them all)."""
        return list(_all_strings(self.doc.data, ()))

    def error(self, path: NodePath, rule: str, message: str, hint: str = "", on_key: bool = False) -> Problem:
        return self._problem(path, rule, Severity.ERROR, message, hint, on_key)

    def warning(
        self, path: NodePath, rule: str, message: str, hint: str = "", on_key: bool = False
    ) -> Problem:
        return self._problem(path, rule, Severity.WARNING, message, hint, on_key)

    def _problem(
        self, path: NodePath, rule: str, severity: Severity, message: str, hint: str, on_key: bool
    ) -> Problem:
        line, column = self.doc.key_mark(path) if on_key else self.doc.mark(path)
        return Problem(self.doc.display, line, column, rule, severity, message, hint)

    def default_language(self) -> str:
        if self.entry.kind == "course":
            return str((self.data.get("languages") or [""])[0])
        return str(self.data.get("default_language", ""))

    def sessions(self) -> Iterator[tuple[NodePath, dict[str, Any]]]:
        for index, session in enumerate(self.data.get("sessions") or []):
            yield ("sessions", index), session

    def effective_qa(self) -> list[dict[str, Any]]:
        own = list(self.data.get("quality_assurance") or [])
        inherited = (self.provider or {}).get("quality_assurance") or []
        return own + list(inherited)


def _all_strings(node: Any, path: NodePath) -> Iterator[tuple[NodePath, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _all_strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _all_strings(value, (*path, index))


def parse_date(text: str) -> date | None:
    """A real calendar date from YYYY-MM-DD text, or None (the schema checked the shape)."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def field_label(path: NodePath) -> str:
    """A node path as providers read it: ``sessions[2].price.amount`` (lists count from 1)."""
    return "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "the file"
