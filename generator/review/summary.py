"""The pull request in words: Markdown for the one summary comment, plain text for a terminal.

Provider text reaches a comment that maintainers read, so in Markdown every value from a
file goes into a code span (no links, images, HTML or @mentions can come out of it) and
every message is escaped.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence

from generator.problems import Problem
from generator.report import printable
from generator.review.check import Report
from generator.review.diff import FieldChange, ItemChange, Status

MARKER = "<!-- catalogue-pull-request-summary -->"  # how the comment workflow finds its one comment
MAX_ITEMS = 40  # per section: a comment has at most 65,536 characters
_MD_SPECIAL = re.compile(r"([\\`*_\[\]!|~>])")  # enough that no link, image, emphasis or table cell can form


def code(text: str, limit: int = 80) -> str:
    """Provider text as an inline code span: shown as typed, never interpreted."""
    text = " ".join(printable(text).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def escape(text: str) -> str:
    """Plain text for Markdown: no markup, no HTML, no @mention."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace("@", "&#64;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _plural(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def headline(report: Report) -> str:
    c = report.changes
    parts = [
        _plural(len(c.of("course", "new")), "new course"),
        _plural(len(c.of("course", "withdrawn")), "withdrawn course"),
        _plural(len(c.of("course", "changed", "reinstated")), "changed course"),
        _plural(len(c.of("course", "renamed", "deleted")), "renamed or deleted course"),
        _plural(len(c.of("provider", "new")), "new provider"),
        _plural(len(c.of("provider", "changed", "renamed", "deleted")), "changed provider"),
    ]
    counts = ", ".join(p for p in parts if not p.startswith("0 ")) or "no course or provider changes"
    verdict = (
        f"✗ {_plural(len(report.blocking), 'blocking problem')}"
        if report.blocking
        else "✓ no blocking problems"
    )
    return f"{counts} — {verdict}, {_plural(len(report.advice), 'piece of advice', 'pieces of advice')}"


def _field(change: FieldChange, show: Callable[[str], str]) -> str:
    if change.how == "added":
        return f"{show(change.name)} added" + (f": {show(change.new)}" if change.new is not None else "")
    if change.how == "removed":
        return f"{show(change.name)} removed" + (
            f" (was {show(change.old)})" if change.old is not None else ""
        )
    if change.old is not None and change.new is not None:
        return f"{show(change.name)}: {show(change.old)} → {show(change.new)}"
    return f"{show(change.name)} changed"


def _details(item: ItemChange, show: Callable[[str], str]) -> list[str]:
    lines = [f"withdrawn {show(item.withdrawal)}"] if item.withdrawal else []
    lines += [f"new session {show(s)}" for s in item.new_sessions]
    lines += [f"removed session {show(s)}" for s in item.removed_sessions]
    lines += [f"price — {show(p)}" for p in item.prices]
    return lines + [_field(f, show) for f in item.fields]


def _item_line(item: ItemChange, show: Callable[[str], str]) -> str:
    title = f" — {show(item.title)}" if item.title else ""
    moved = f" → {show(item.new_id)}" if item.new_id else ""
    return f"{show(item.id)}{moved}{title}"


_SECTIONS: list[tuple[str, str, tuple[Status, ...], bool]] = [
    ("New courses", "course", ("new",), False),
    ("Withdrawn courses", "course", ("withdrawn",), True),
    ("Reinstated courses", "course", ("reinstated",), True),
    ("Changed courses", "course", ("changed",), True),
    ("Renamed or deleted (refused: see the blocking problems)", "course", ("renamed", "deleted"), False),
    ("New providers", "provider", ("new",), False),
    ("Changed providers", "provider", ("changed", "renamed", "deleted"), True),
]


def _capped(lines: Sequence[str], more: Callable[[int], str]) -> list[str]:
    return list(lines[:MAX_ITEMS]) + ([more(len(lines) - MAX_ITEMS)] if len(lines) > MAX_ITEMS else [])


def as_markdown(report: Report) -> str:
    out = [MARKER, "## Catalogue check", "", f"**{escape(headline(report))}**", ""]
    out += _md_problems(
        "Blocking problems", "These must be fixed before the pull request can be merged.", report.blocking
    )
    if not report.blocking:
        out += [
            "No blocking problems in the catalogue. "
            "(Building the site is a separate check: see the checks list.)",
            "",
        ]
    for title, kind, statuses, detailed in _SECTIONS:
        items = report.changes.of(kind, *statuses)
        if items:
            out += [
                f"### {title}",
                "",
                *_capped([_md_item(i, detailed) for i in items], lambda n: f"- … and {n} more"),
                "",
            ]
    if report.changes.unreadable:
        out += [
            "### Files that could not be read",
            "",
            *[f"- {code(p)}" for p in report.changes.unreadable],
            "",
        ]
    out += _md_problems(
        "Advice", "Warnings do not block the merge, but learners would notice most of them.", report.advice
    )
    elsewhere = (
        f" {_plural(report.warnings_elsewhere, 'warning')} "
        "in files this pull request does not change are not listed."
        if report.warnings_elsewhere
        else ""
    )
    out += [
        f"<sub>Compared with {code(report.base_ref)} at {code(report.base_commit[:12])} "
        f"(where this branch started): {_plural(report.files_changed, 'catalogue file')} changed, "
        f"{_plural(report.files_outside, 'other file')}.{elsewhere}</sub>"
    ]
    return "\n".join(out) + "\n"


def _md_item(item: ItemChange, detailed: bool) -> str:
    lines = [f"- {_item_line(item, code)}"]
    if detailed:
        lines += _capped([f"  - {d}" for d in _details(item, code)], lambda n: f"  - … and {n} more changes")
    return "\n".join(lines)


def _md_problems(title: str, lead: str, problems: list[Problem]) -> list[str]:
    if not problems:
        return []
    out = [f"### {title} ({len(problems)})", "", lead, ""]
    out += _capped(
        [_md_problem(p) for p in problems],
        lambda n: f"- … and {n} more: run `catalogue validate` to see them all",
    )
    return [*out, ""]


def _md_problem(p: Problem) -> str:
    where = f"{code(p.file, 120)} line {p.line}"
    line = f"- {where}: {escape(p.message)} ({code(p.rule)})"
    if not p.hint:
        return line
    first, _, block = p.hint.partition("\n")
    line += f"<br>**What to do:** {escape(first)}"
    if block:
        body = textwrap.dedent(printable(block))
        fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", body)), default=0) + 1)
        line += (
            "\n\n  " + fence + "yaml\n" + "\n".join("  " + row for row in body.splitlines()) + "\n  " + fence
        )
    return line


def as_text(report: Report) -> str:
    out = [headline(report), ""]
    for title, problems in (
        ("Blocking problems (must be fixed)", report.blocking),
        ("Advice (does not block)", report.advice),
    ):
        if problems:
            out += [f"{title}:"] + [_text_problem(p) for p in problems] + [""]
    for title, kind, statuses, detailed in _SECTIONS:
        items = report.changes.of(kind, *statuses)
        if items:
            out.append(f"{title}:")
            for item in items:
                out.append(f"  {_item_line(item, printable)}")
                out += [f"      {d}" for d in (_details(item, printable) if detailed else [])]
            out.append("")
    out.append(
        f"Compared with {report.base_ref} at {report.base_commit[:12]}: "
        f"{_plural(report.files_changed, 'catalogue file')} changed, "
        f"{_plural(report.files_outside, 'other file')}."
    )
    return "\n".join(out)


def _text_problem(p: Problem) -> str:
    hint = ("\n      hint: " + printable(p.hint).replace("\n", "\n      ")) if p.hint else ""
    return f"  {printable(p.file)}:{p.line}:{p.column}  {p.rule}  {printable(p.message)}{hint}"
