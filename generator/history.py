"""When each catalogue file last changed, from git: the date aggregators and crawlers see.

One ``git log`` for the whole catalogue (not one per file: 50,000 processes would take
minutes). Never the build clock: a file git does not know has no date here, and callers
fall back to data in the file itself. When the history is shallow or missing, the dates
are wrong or absent, and ``History.gap`` says so, so that a build can warn instead of
publishing them silently.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

NO_GIT = (
    "the catalogue is not in a git checkout (or git is not installed): pages, the sitemap and "
    "the feeds have no last-changed dates"
)
SHALLOW = (
    "the git history is shallow: files last changed before its first commit get that commit's "
    "date; fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in the checkout step)"
)


@dataclass(frozen=True)
class History:
    changed: dict[Path, date] = field(default_factory=dict)  # resolved path → date (UTC)
    gap: str = ""  # why some dates are missing or wrong; "" when the history is whole


def last_changed(root: Path) -> History:
    """The date of the last commit that touched each file under ``root``."""
    try:
        top, shallow = _git(root, "rev-parse", "--show-toplevel", "--is-shallow-repository").splitlines()
        log = _git(root, "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", ".")
    except (OSError, subprocess.SubprocessError, ValueError):
        return History(gap=NO_GIT)
    changed: dict[Path, date] = {}
    when: date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            when = datetime.fromisoformat(line[1:]).date()
        elif line and when is not None:
            changed.setdefault((Path(top) / line).resolve(), when)
    return History(changed, SHALLOW if shallow == "true" else "")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, timeout=600
    ).stdout
