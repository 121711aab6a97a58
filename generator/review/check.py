"""The pull-request checks put together: rules against the base, validation, the change list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.layout import Selection
from generator.problems import Problem, Severity
from generator.review import codeowners, diff, pull_request_rules
from generator.review.pullrequest import PullRequest, open_pull_request
from generator.validation import check


@dataclass
class Report:
    """Everything the summary comment says."""

    base_ref: str
    base_commit: str
    catalogue: str
    changes: diff.Changes
    blocking: list[Problem] = field(default_factory=list)  # errors: the pull request cannot be merged
    advice: list[Problem] = field(
        default_factory=list
    )  # warnings in the changed files and about the pull request
    warnings_elsewhere: int = 0  # warnings in files the pull request does not change (not listed)
    files_changed: int = 0
    files_outside: int = 0


def codeowners_current(pr: PullRequest) -> bool:
    """True when CODEOWNERS says exactly what `catalogue codeowners` would write now."""
    current = pr.top / codeowners.PATH
    try:
        return current.is_file() and current.read_text("utf-8") == codeowners.expected(
            pr.top, pr.top / pr.catalogue
        )
    except (ValueError, OSError):
        return False


def pull_request_problems(catalogue: Path, base: str, today: date) -> list[Problem]:
    """The pull-request rules only (raises ``git.GitError`` when the comparison is impossible)."""
    pr = open_pull_request(catalogue, base)
    return pull_request_rules.check(pr, today, lambda: codeowners_current(pr))


def report(catalogue: Path, base: str, today: date) -> Report:
    pr = open_pull_request(catalogue, base)
    problems = pull_request_rules.check(pr, today, lambda: codeowners_current(pr))
    result = check(Selection(catalogue.resolve(), None), today=today)
    changed = {pr.display(c.path) for c in pr.catalogue_changes()}
    problems += result.problems
    summary = Report(
        base,
        pr.base_commit,
        pr.catalogue,
        diff.describe(pr),
        files_changed=len(pr.catalogue_changes()),
        files_outside=len(pr.outside_changes()),
    )
    for problem in sorted(set(problems), key=Problem.sort_key):
        mine = problem.file in changed or problem.rule.startswith("pr/")
        if problem.severity is Severity.ERROR:
            summary.blocking.append(problem)  # an error anywhere blocks: never hide one
        elif mine:
            summary.advice.append(problem)
        else:
            summary.warnings_elsewhere += 1
    return summary
