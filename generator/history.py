"""When each catalogue file last changed, from git: the date aggregators and crawlers see.

One ``git log`` for the whole catalogue (not one per file: 50,000 processes would take
minutes). Never the build clock: a file git does not know has no date here, and callers
fall back to data in the file itself.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path


def last_changed(root: Path) -> dict[Path, date]:
    """Resolved path → date (UTC) of the last commit that touched it; {} outside a git checkout."""
    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changed: dict[Path, date] = {}
    when: date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            when = datetime.fromisoformat(line[1:]).date()
        elif line and when is not None:
            changed.setdefault((Path(top) / line).resolve(), when)
    return changed
