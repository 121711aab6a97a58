"""Where catalogue files live, and what their paths say about them.

``catalogue/<provider-id>/provider.yaml`` and
``catalogue/<provider-id>/courses/<course-slug>.yaml`` (format §1). The ids come from the
path, so a file's place is part of its validation.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PROVIDER_ID_LENGTH = (2, 40)
COURSE_SLUG_LENGTH = (2, 80)

Kind = Literal["provider", "course", "stray"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One file found in a catalogue, with the ids its path gives it."""

    path: Path
    display: str
    kind: Kind
    provider_id: str
    slug: str = ""

    @property
    def course_id(self) -> str:
        return f"{self.provider_id}/{self.slug}"


@dataclass(frozen=True, slots=True)
class Selection:
    """A catalogue root to load whole, and the files whose problems the user asked for."""

    root: Path
    only: frozenset[Path] | None  # None: report on every file of the catalogue


def display_path(path: Path) -> str:
    """Paths relative to the working directory when possible: that is what CI annotations need."""
    cwd = Path.cwd()
    if path.is_relative_to(cwd):
        return path.relative_to(cwd).as_posix()
    return str(path)


def classify(path: Path, root: Path) -> Entry:
    parts = path.relative_to(root).parts
    display = display_path(path)
    if len(parts) == 2 and parts[1] == "provider.yaml":
        return Entry(path, display, "provider", parts[0])
    if len(parts) == 3 and parts[1] == "courses" and path.suffix == ".yaml":
        return Entry(path, display, "course", parts[0], path.stem)
    return Entry(path, display, "stray", parts[0] if len(parts) > 1 else "")


def discover(root: Path) -> list[Entry]:
    """Every YAML file under ``root``, sorted, classified (stray ones are reported later).

    Symbolic links are listed, never followed: a linked file is refused when it is read,
    and a linked folder is reported without being entered, so nothing from outside the
    provider's own folder can be published under its name.
    """
    found: list[Path] = []
    for folder, folders, files in os.walk(root, followlinks=False):
        here = Path(folder)
        found += [here / name for name in files if name.endswith((".yaml", ".yml"))]
        found += [here / name for name in folders if (here / name).is_symlink()]
    return [classify(p, root) for p in sorted(found)]


def select(target: Path) -> Selection:
    """Turn a command-line PATH into the catalogue to load and the files to report on.

    A catalogue folder is reported whole; a provider folder or single file is reported
    alone, but its whole catalogue is loaded so references can be checked.
    """
    target = target.resolve()
    if target.is_file():
        root = _catalogue_root_of(target)
        return Selection(root, frozenset({target}))
    if (target / "provider.yaml").is_file() or (target / "courses").is_dir():
        return Selection(target.parent, frozenset(p.resolve() for p in target.rglob("*.y*ml")))
    return Selection(target, None)


def _catalogue_root_of(file: Path) -> Path:
    if file.name == "provider.yaml":
        return file.parent.parent
    if file.parent.name == "courses":
        return file.parent.parent.parent
    return file.parent
