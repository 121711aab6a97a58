"""The few git questions the pull-request checks ask, each one `git` process.

Changes are measured from the merge base of the base ref and HEAD to the working tree: a
pull request is what its branch changed, not what the base branch gained since the fork
(comparing with the base's tip would show a course added on main meanwhile as "deleted").
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Status = Literal["added", "modified", "deleted", "renamed"]
_STATUS: dict[str, Status] = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "T": "modified",
    "C": "added",
}


class GitError(Exception):
    """git is missing, this is not a checkout, or the base ref is unknown."""


@dataclass(frozen=True, slots=True)
class Change:
    """One changed file, with paths relative to the top of the repository (POSIX)."""

    status: Status
    path: str  # the path now (for a deleted file, the path it had)
    old_path: str = ""  # only for renames


def _git(top: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(top), *args], capture_output=True, text=True, timeout=300, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {args[0]} failed")
    return done.stdout


def top_of(path: Path) -> Path:
    """The top folder of the checkout that holds ``path``."""
    return Path(
        _git(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel").strip()
    ).resolve()


def merge_base(top: Path, ref: str) -> str:
    """The commit the branch forked from ``ref`` at."""
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(
            f"`{ref}` is not a branch, tag or commit here; fetch it first "
            f"(on CI: actions/checkout with fetch-depth: 0)"
        ) from None
    return _git(top, "merge-base", ref, "HEAD").strip()


def changes(top: Path, base: str) -> list[Change]:
    """Files changed between commit ``base`` and the working tree, untracked new files included."""
    fields = _git(
        top, "diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", base, "--"
    ).split("\0")
    found: list[Change] = []
    i = 0
    while i < len(fields) - 1:
        code = fields[i][:1]
        if code == "R":
            found.append(Change("renamed", fields[i + 2], fields[i + 1]))
            i += 3
        elif code == "C":
            found.append(Change("added", fields[i + 2]))
            i += 3
        else:
            found.append(Change(_STATUS.get(code, "modified"), fields[i + 1]))
            i += 2
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    found += [Change("added", path) for path in untracked if path]
    return sorted(found, key=lambda c: c.path)


def read_at(top: Path, commit: str, path: str) -> bytes | None:
    """A file's bytes at ``commit``; None when it did not exist there."""
    try:
        done = subprocess.run(
            ["git", "-C", str(top), "cat-file", "blob", f"{commit}:{path}"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"cannot run git: {exc}") from None
    return done.stdout if done.returncode == 0 else None
