"""Validation of a whole catalogue: every file through the loader, the schema (``schema.py``)
and the checks of one file (``file_rules.py``), then the checks across the files of the
catalogue (``catalogue_rules.py``). One bad file never stops the others from being checked.

``check`` is the single entry point used by the CLI, the MkDocs plugin and the tests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.layout import Entry, Selection, discover
from generator.loading import Document, load_file
from generator.problems import Problem, Severity, error
from generator.validation.catalogue_rules import CourseFacts, check_catalogue, course_facts
from generator.validation.context import Context
from generator.validation.file_rules import ANY_SHAPE_RULES, COURSE_RULES, PROVIDER_RULES, Rule
from generator.validation.schema import LIMIT as SCHEMA_LIMIT
from generator.validation.schema import check_schema

log = logging.getLogger(__name__)


@dataclass
class CheckResult:
    """Problems found, how many files were read, and (on request) the data of valid files.

    Only the data is kept, not the documents' line marks: at 50,000 courses the marks
    would cost several times the data's memory, and a valid file needs none.
    """

    root: Path
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    courses: dict[str, dict[str, Any]] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)  # provider or course id → its file

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def check(
    selection: Selection, today: date | None = None, keep: bool = False, focus: bool = False
) -> CheckResult:
    """Validate the catalogue at ``selection.root``; report on ``selection.only`` (or all).

    With ``keep``, the documents of valid files are returned for the model; without it,
    each document is dropped once checked, so memory stays flat on large catalogues.
    With ``focus`` (a provider's preview), only the selected course files are read; the
    other courses take part by their ids alone (references to them resolve), so a
    preview does not wait for 50,000 files. What needs their contents (a stacking cycle
    through another provider, a replacement that is itself withdrawn) is left to the
    full check a pull request runs.
    """
    today = today or date.today()
    result = CheckResult(root=selection.root)
    if not selection.root.is_dir():
        result.problems.append(
            error(
                str(selection.root),
                (1, 1),
                "layout/not-found",
                "there is no catalogue folder here",
                "pass the folder that holds the provider folders, e.g. catalogue/",
            )
        )
        return result
    entries = discover(selection.root)
    providers = [e for e in entries if e.kind == "provider"]
    courses = [e for e in entries if e.kind == "course"]
    result.problems += [_stray(e) for e in entries if e.kind == "stray"]
    provider_data = _check_providers(providers, today, result, keep)
    if focus and selection.only is not None:
        courses_read = [e for e in courses if e.path in selection.only]
    else:
        courses_read = courses
    facts = _check_courses(
        courses_read, provider_data, {e.provider_id for e in providers}, today, result, keep
    )
    result.problems += check_catalogue(
        facts, {e.course_id for e in courses}, {e.provider_id for e in providers}
    )
    result.files = len(entries)
    if selection.only is not None:
        chosen = {e.display for e in entries if e.path in selection.only}
        result.problems = [p for p in result.problems if p.file in chosen]
        result.files = sum(e.path in selection.only for e in entries)
    result.problems.sort(key=Problem.sort_key)
    return result


def _check_providers(
    entries: list[Entry], today: date, result: CheckResult, keep: bool
) -> dict[str, dict[str, Any]]:
    valid: dict[str, dict[str, Any]] = {}
    for entry in entries:
        doc, ok = _check_file(entry, "provider", PROVIDER_RULES, today, None, result)
        if ok:
            valid[entry.provider_id] = doc.data
            if keep:
                result.providers[entry.provider_id] = doc.data
                result.paths[entry.provider_id] = entry.path
    return valid


def _check_courses(
    entries: list[Entry],
    providers: dict[str, dict[str, Any]],
    provider_ids: set[str],
    today: date,
    result: CheckResult,
    keep: bool,
) -> list[CourseFacts]:
    facts: list[CourseFacts] = []
    for entry in entries:
        if entry.provider_id not in provider_ids:
            result.problems.append(
                error(
                    entry.display,
                    (1, 1),
                    "layout/no-provider",
                    f"the folder `{entry.provider_id}` has no provider.yaml",
                    f"add catalogue/{entry.provider_id}/provider.yaml "
                    f"(`catalogue new provider {entry.provider_id}` writes one)",
                )
            )
        doc, ok = _check_file(entry, "course", COURSE_RULES, today, providers.get(entry.provider_id), result)
        if ok or (doc.data is not None and not _has_schema_errors(doc)):
            facts.append(course_facts(entry.course_id, doc))
        if ok and keep and entry.provider_id in providers:
            result.courses[entry.course_id] = doc.data
            result.paths[entry.course_id] = entry.path
    return facts


def _check_file(
    entry: Entry,
    kind: str,
    rules: Iterable[Rule],
    today: date,
    provider: dict[str, Any] | None,
    result: CheckResult,
) -> tuple[Document, bool]:
    """Load, schema-check and rule-check one file; (document, True when it has no error)."""
    doc = load_file(entry.path, entry.display)
    problems = list(doc.problems)
    loaded = doc.data is not None and not any(p.severity is Severity.ERROR for p in doc.problems)
    if doc.data is not None or not doc.problems:
        # A value the loader already reported (a 20-digit number) needs no second message from the schema.
        reported = {(p.line, p.column) for p in doc.problems}
        problems += [p for p in check_schema(doc, kind) if (p.line, p.column) not in reported]
    context = Context(doc, entry, today, provider)
    if loaded:
        schema_valid = len(problems) == len(doc.problems)
        problems += _run_rules(ANY_SHAPE_RULES, context)
        if schema_valid:
            problems += _run_rules(rules, context)
    doc.problems = problems
    result.problems += _capped(problems, entry)
    return doc, not any(p.severity is Severity.ERROR for p in problems)


SHOWN = 100  # problems listed for one file; one mistake repeated 100,000 times is one mistake


def _capped(problems: list[Problem], entry: Entry) -> list[Problem]:
    """At most SHOWN problems of one file, then one line saying how many more there are."""
    if len(problems) <= SHOWN:
        return problems
    ordered = sorted(problems, key=Problem.sort_key)
    hidden = ordered[SHOWN:]
    worst = Severity.ERROR if any(p.severity is Severity.ERROR for p in hidden) else Severity.WARNING
    counted = "at least " if len(problems) >= SCHEMA_LIMIT else ""
    return [
        *ordered[:SHOWN],
        Problem(
            entry.display,
            hidden[0].line,
            hidden[0].column,
            "file/too-many-problems",
            worst,
            f"… and {counted}{len(hidden):,} more problems in this file (only the first {SHOWN} are listed)",
            "fix the problems listed: most often one mistake is repeated, e.g. numbers in a list of texts",
        ),
    ]


def _has_schema_errors(doc: Document) -> bool:
    return any(p.rule.startswith(("schema/", "yaml/")) and p.severity is Severity.ERROR for p in doc.problems)


def _run_rules(rules: Iterable[Rule], ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for rule in rules:
        try:
            problems += rule(ctx)
        except Exception:  # a bug in one rule must not hide the other rules' findings
            log.exception("rule %s failed on %s", rule.__name__, ctx.doc.display)
            problems.append(
                error(
                    ctx.doc.display,
                    (1, 1),
                    "internal/rule-failed",
                    f"the check `{rule.__name__}` failed on this file; this is a bug in the validator",
                    "please report it with this file attached",
                )
            )
    return problems


def _stray(entry: Entry) -> Problem:
    if entry.path.is_symlink():  # a linked folder: listed, never entered (layout.discover)
        return error(
            entry.display,
            (1, 1),
            "layout/not-a-file",
            "this folder is a symbolic link; the catalogue reads only ordinary files and folders",
            "replace the link with the folder itself (a copy of its files), or remove it",
        )
    hint = (
        "course files go in catalogue/<provider-id>/courses/<course-slug>.yaml; "
        "provider files are catalogue/<provider-id>/provider.yaml"
    )
    if entry.path.suffix == ".yml":
        hint = f"rename it to {entry.path.stem}.yaml; " + hint
    return error(
        entry.display,
        (1, 1),
        "layout/unexpected-file",
        "this YAML file is not where the catalogue looks for files, so it is ignored",
        hint,
    )
