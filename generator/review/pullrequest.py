"""A pull request as the checks see it: the changed files, and both sides of each, read with
the one loader (``generator.loading``) the validator uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.layout import Entry, classify, display_path
from generator.loading import Document, load_bytes, load_file
from generator.review import git
from generator.review.git import Change


@dataclass
class PullRequest:
    top: Path  # top of the checkout
    catalogue: str  # the catalogue folder, relative to ``top`` (POSIX), e.g. "catalogue"
    base_ref: str
    base_commit: str  # merge base of ``base_ref`` and HEAD
    changes: list[Change]
    _docs: dict[tuple[str, str], Document | None] = field(default_factory=dict, repr=False)

    def in_catalogue(self, path: str) -> bool:
        return PurePosixPath(path).is_relative_to(self.catalogue) and path != self.catalogue

    def catalogue_changes(self) -> list[Change]:
        """Changes to catalogue files (a rename counts when either side is in the catalogue)."""
        return [
            c
            for c in self.changes
            if self.in_catalogue(c.path) or (c.old_path and self.in_catalogue(c.old_path))
        ]

    def outside_changes(self) -> list[Change]:
        return [c for c in self.changes if not self.in_catalogue(c.path)]

    def entry(self, path: str) -> Entry:
        """What a catalogue path is (provider file, course file, stray) and the ids it gives."""
        return classify(self.top / path, self.top / self.catalogue)

    def provider_folder(self, path: str) -> str:
        parts = PurePosixPath(path).relative_to(self.catalogue).parts
        return parts[0] if len(parts) > 1 else ""

    def display(self, path: str) -> str:
        """How problems name the file: relative to the working folder, as annotations need."""
        return display_path(self.top / path)

    def base_doc(self, path: str) -> Document | None:
        """The file as it was at the merge base; None when it did not exist."""
        key = ("base", path)
        if key not in self._docs:
            raw = git.read_at(self.top, self.base_commit, path)
            self._docs[key] = (
                None if raw is None else load_bytes(raw, Document(self.top / path, self.display(path)))
            )
        return self._docs[key]

    def head_doc(self, path: str) -> Document | None:
        """The file in the working tree; None when it is not there."""
        key = ("head", path)
        if key not in self._docs:
            file = self.top / path
            self._docs[key] = load_file(file, self.display(path)) if file.is_file() else None
        return self._docs[key]

    def base_data(self, path: str) -> Any:
        doc = self.base_doc(path)
        return None if doc is None else doc.data

    def head_data(self, path: str) -> Any:
        doc = self.head_doc(path)
        return None if doc is None else doc.data


def open_pull_request(catalogue: Path, base_ref: str) -> PullRequest:
    """Compare the checkout holding ``catalogue`` with ``base_ref``; raises ``git.GitError``."""
    root = catalogue.resolve()
    top = git.top_of(root if root.exists() else root.parent)
    if not root.is_relative_to(top):
        raise git.GitError(f"{catalogue} is not inside the git checkout at {top}")
    commit = git.merge_base(top, base_ref)
    return PullRequest(
        top, root.relative_to(top).as_posix() or ".", base_ref, commit, git.changes(top, commit)
    )
