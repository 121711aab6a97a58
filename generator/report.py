"""Reporters: problems as text for people, JSON for programs, annotations for GitHub Actions.

Provider text reaches the terminal and CI logs through messages, so every reporter escapes
control characters: a course file cannot move the cursor, recolour a log or forge a
workflow command.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from generator.loading import Document, read_regular
from generator.problems import Problem, Severity

WIDTH = 160  # characters of a source line shown under a problem

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Control and bidi-override characters shown as escapes, never executed by a terminal."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def as_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2, sort_keys=True)


def as_github(problems: list[Problem]) -> str:
    """GitHub workflow commands: one annotation per problem, shown inline on the pull request."""
    lines = []
    for p in problems:
        level = "error" if p.severity is Severity.ERROR else "warning"
        props = ",".join(
            f"{k}={_escape_property(str(v))}"
            for k, v in (("file", p.file), ("line", p.line), ("col", p.column), ("title", p.rule))
        )
        body = p.message + (f" — hint: {p.hint}" if p.hint else "")
        lines.append(f"::{level} {props}::{_escape_data(body)}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_text(problems: list[Problem], files_checked: int) -> str:
    """Grouped by file, each problem with its source line and a caret, then a count."""
    out: list[str] = []
    for file, group in groupby(problems, key=lambda p: p.file):
        source = _source_lines(file)
        out.append(printable(file))
        for p in group:
            out += _describe(p, source)
        out.append("")
    out.append(summary(problems, files_checked))
    return "\n".join(out)


def summary(problems: Iterable[Problem], files_checked: int) -> str:
    problems = list(problems)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    checked = f"{files_checked} file{'s' if files_checked != 1 else ''} checked"
    if not problems:
        return f"✓ no problems ({checked})"
    mark = "✗" if errors else "!"
    counts = f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(files, 'file')}"
    return f"{mark} {counts} ({checked})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _describe(p: Problem, source: list[str]) -> list[str]:
    lines = [f"  {p.line}:{p.column}  {p.severity.value}  {p.rule}  {printable(p.message)}"]
    if 0 < p.line <= len(source):
        # Only the part of the line around the column is shown, so a problem costs the same
        # on a 240 KB line as on a short one.
        start = max(p.column - 1 - WIDTH // 2, 0)
        excerpt = source[p.line - 1][start : start + WIDTH].rstrip("\r\n").expandtabs(1)
        gutter = f"{p.line:>6} | "
        lines.append(gutter + ("…" if start else "") + printable(excerpt))
        caret = p.column - 1 - start + (1 if start else 0)
        lines.append(" " * (len(gutter) - 2) + "| " + " " * min(max(caret, 0), WIDTH) + "^")
    if p.hint:
        lines.append(f"         hint: {printable(p.hint)}")
    return lines


def _source_lines(file: str) -> list[str]:
    """The file's lines, read the way the loader reads: never through a link, never a file
    too large to be a catalogue file."""
    raw = read_regular(Path(file), Document(path=Path(file), display=file))
    # Only "\n" ends a line, as in the loader's line numbers (str.splitlines also splits at U+2028...).
    return [] if raw is None else raw.decode("utf-8", errors="replace").split("\n")
