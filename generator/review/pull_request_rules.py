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
from pathlib import Path, PurePosixPath
from typing import Any

from generator import lookalikes
from generator.loading import load_file
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


NEW_PROVIDERS_COMPARED = 50  # a pull request adding more is flagged by pr/several-providers anyway


def lookalike_providers(pr: PullRequest, today: date) -> list[Problem]:
    """A new provider whose id or name reads like an existing provider's could impersonate it."""
    added = [
        c.path for c in pr.catalogue_changes() if c.status == "added" and pr.entry(c.path).kind == "provider"
    ][:NEW_PROVIDERS_COMPARED]
    if not added:
        return []
    new_ids = {pr.entry(path).provider_id for path in added}
    existing = _provider_names(pr.top / pr.catalogue, new_ids)
    found = []
    for path in added:
        provider_id = pr.entry(path).provider_id
        names = _names(pr.head_data(path))
        doc = pr.head_doc(path)
        mark = doc.key_mark(("name",)) if doc is not None and names else FIRST
        like = _looks_like(provider_id, names, existing)
        if like:
            found.append(_lookalike(pr.display(path), mark, provider_id, like))
        elif any(lookalikes.mixed_scripts(name) for name in names):
            found.append(
                warning(
                    pr.display(path),
                    mark,
                    "pr/lookalike-provider",
                    f"the name of the new provider `{provider_id}` mixes Latin letters with Greek or "
                    "Cyrillic ones in one word, so it can pass for another name",
                    "write each word of the name in one alphabet",
                )
            )
    return found


def _lookalike(display: str, mark: tuple[int, int], provider_id: str, like: tuple[str, str]) -> Problem:
    other, what = like
    return warning(
        display,
        mark,
        "pr/lookalike-provider",
        f"the new provider `{provider_id}` looks like the existing provider `{other}` ({what})",
        "if you are not that provider, choose an id and a name that tell you apart; "
        "the project's maintainers check every new provider that looks like an existing one",
    )


def _provider_names(catalogue: Path, leave_out: set[str]) -> dict[str, list[str]]:
    """Existing provider id → its names (every language), read with the catalogue's loader."""
    found: dict[str, list[str]] = {}
    for file in sorted(catalogue.glob("*/provider.yaml")):
        if file.parent.name not in leave_out:
            found[file.parent.name] = _names(load_file(file).data)
    return found


def _names(data: Any) -> list[str]:
    name = data.get("name") if isinstance(data, dict) else None
    if isinstance(name, str):
        return [name]
    return [v for v in name.values() if isinstance(v, str)] if isinstance(name, dict) else []


def _looks_like(provider_id: str, names: list[str], existing: dict[str, list[str]]) -> tuple[str, str] | None:
    """(existing id, what looks alike) for the first existing provider this one reads like."""
    id_seen = lookalikes.skeleton(provider_id)
    names_seen = {lookalikes.skeleton(n) for n in names} - {""}
    for other, other_names in existing.items():
        if lookalikes.close(id_seen, lookalikes.skeleton(other)):
            return other, "its id"
        for seen in {lookalikes.skeleton(n) for n in other_names} - {""}:
            if any(lookalikes.close(mine, seen) for mine in names_seen):
                return other, "its name"
    return None


def check(pr: PullRequest, today: date, codeowners_ok: Callable[[], bool]) -> list[Problem]:
    """Every pull-request rule; ``codeowners_ok`` tells whether CODEOWNERS is as generated."""
    problems = deleted(pr, today) + renamed(pr, today) + maintainers(pr, today) + several_providers(pr, today)
    problems += lookalike_providers(pr, today)
    problems += outside_catalogue(pr, today, codeowners_ok)
    return sorted(problems, key=Problem.sort_key)
