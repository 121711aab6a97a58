"""The checks of a pull request against its base: the rules only a comparison with the
base branch can check, one function each.

Ids are permanent (format §1): a published file is withdrawn, never deleted or renamed.
A provider's maintainers decide who may change its folder, so a change to them is
reviewed on its own. A provider's pull request stays inside its own folder.

Their ids are in ``generator/rule_ids.py`` (family ``PULL_REQUEST``), each with a simulated
pull request in ``tests/test_review.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from generator.problems import Problem, error, warning
from generator.review.codeowners import PATH as CODEOWNERS
from generator.review.git import Change
from generator.review.pullrequest import PullRequest

FIRST = (1, 1)


def withdrawal_lines(today: date, replaced_by: str = "") -> str:
    """The lines a provider writes to withdraw a course (format §4: `status`, `withdrawn`)."""
    lines = f"    status: withdrawn\n    withdrawn:\n      date: {today.isoformat()}"
    return lines + (f"\n      replaced_by: {replaced_by}" if replaced_by else "")


def deleted(pr: PullRequest, today: date) -> list[Problem]:
    found = []
    for change in pr.catalogue_changes():
        if change.status != "deleted" or pr.entry(change.path).kind == "stray":
            continue
        found.append(_deleted(pr, change.path, today))
    return found


def _deleted(pr: PullRequest, path: str, today: date) -> Problem:
    entry = pr.entry(path)
    if entry.kind == "provider":
        return error(
            pr.display(path),
            FIRST,
            "pr/deleted",
            f"the provider file of `{entry.provider_id}` was deleted; "
            "a provider id is permanent and its file stays",
            "restore provider.yaml; to stop offering courses, withdraw each course instead "
            f"by adding these three lines to its file:\n{withdrawal_lines(today)}",
        )
    return error(
        pr.display(path),
        FIRST,
        "pr/deleted",
        f"the course `{entry.course_id}` was deleted; "
        "a published course is never deleted, so its address keeps working",
        f"restore the file (`git checkout {pr.base_ref} -- {path}`) and withdraw the course instead: "
        f"add these three lines to it (a `reason:` line too, if you like):\n{withdrawal_lines(today)}",
    )


def renamed(pr: PullRequest, today: date) -> list[Problem]:
    found = []
    for change in pr.catalogue_changes():
        if (
            change.status == "renamed"
            and pr.in_catalogue(change.old_path)
            and pr.entry(change.old_path).kind != "stray"
        ):
            found.append(_renamed(pr, change, today))
    return found


def _renamed(pr: PullRequest, change: Change, today: date) -> Problem:
    old = pr.entry(change.old_path)
    new = pr.entry(change.path) if pr.in_catalogue(change.path) else None
    what = "course" if old.kind == "course" else "provider"
    old_id = old.course_id if old.kind == "course" else old.provider_id
    if new is not None and new.kind == old.kind:
        new_id = new.course_id if new.kind == "course" else new.provider_id
        moved = f"it changes the {what} id from `{old_id}` to `{new_id}`"
    else:
        new_id, moved = "", f"`{old_id}` would disappear"
    if old.kind == "course":
        hint = (
            f"keep {change.old_path} where it was and withdraw it with these lines; "
            "add the new course as a new file:\n"
            f"{withdrawal_lines(today, new_id if new is not None and new.kind == 'course' else '')}"
        )
    else:
        hint = (
            f"move the folder back to {PurePosixPath(change.old_path).parent}/: "
            "a provider id cannot change once published"
        )
    return error(
        pr.display(change.path),
        FIRST,
        "pr/renamed",
        f"{change.old_path} was renamed to {change.path}: {moved}, and ids are permanent",
        hint,
    )


def maintainers(pr: PullRequest, today: date) -> list[Problem]:
    found = []
    for change in pr.catalogue_changes():
        if change.status != "modified" or pr.entry(change.path).kind != "provider":
            continue
        before, after = pr.base_data(change.path), pr.head_data(change.path)
        if (
            not isinstance(before, dict)
            or not isinstance(after, dict)
            or before.get("maintainers") == after.get("maintainers")
        ):
            continue
        others = _other_changes(pr, change.path, before, after)
        if others:
            doc = pr.head_doc(change.path)
            mark = doc.key_mark(("maintainers",)) if doc is not None else FIRST
            found.append(
                error(
                    pr.display(change.path),
                    mark,
                    "pr/maintainers",
                    f"the maintainers changed in a pull request that also changes {', '.join(others[:5])}"
                    + (f" and {len(others) - 5} more" if len(others) > 5 else ""),
                    "change `maintainers` in a pull request of its own (with the regenerated "
                    f"{CODEOWNERS}), so that the current maintainers review exactly that",
                )
            )
    return found


def _other_changes(pr: PullRequest, path: str, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    fields = sorted(
        k for k in set(before) | set(after) if k != "maintainers" and before.get(k) != after.get(k)
    )
    files = [c.path for c in pr.changes if c.path not in (path, CODEOWNERS)]
    return [f"`{f}`" for f in fields] + files


def several_providers(pr: PullRequest, today: date) -> list[Problem]:
    changed = pr.catalogue_changes()
    folders = sorted(
        {pr.provider_folder(p) for c in changed for p in (c.path, c.old_path) if p and pr.in_catalogue(p)}
        - {""}
    )
    if len(folders) < 2:
        return []
    first = next((c.path for c in changed if c.status != "deleted"), changed[0].path)
    return [
        warning(
            pr.display(first),
            FIRST,
            "pr/several-providers",
            f"this pull request changes {len(folders)} provider folders: "
            + ", ".join(f"`{f}`" for f in folders),
            "open one pull request per provider, "
            "so that each provider's maintainers review their own courses",
        )
    ]


def outside_catalogue(pr: PullRequest, today: date, codeowners_ok: Callable[[], bool]) -> list[Problem]:
    if not pr.catalogue_changes():
        return []  # not a provider's pull request
    found = []
    for change in pr.outside_changes():
        if change.path == CODEOWNERS and codeowners_ok():
            continue  # regenerated by `catalogue codeowners` after a maintainers change: expected
        found.append(
            warning(
                pr.display(change.path),
                FIRST,
                "pr/outside-catalogue",
                f"this pull request changes catalogue files and also {change.path}, outside {pr.catalogue}/",
                f"a provider's pull request changes only its own folder in {pr.catalogue}/; "
                "remove this change, or explain it to the project's maintainers, "
                "who review everything outside the catalogue",
            )
        )
    return found


def check(pr: PullRequest, today: date, codeowners_ok: Callable[[], bool]) -> list[Problem]:
    """Every pull-request rule; ``codeowners_ok`` tells whether CODEOWNERS is as generated."""
    problems = deleted(pr, today) + renamed(pr, today) + maintainers(pr, today) + several_providers(pr, today)
    problems += outside_catalogue(pr, today, codeowners_ok)
    return sorted(problems, key=Problem.sort_key)
