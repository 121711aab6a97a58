"""The one way the generator writes files: under a root folder, never outside it, never
one path twice, and whole.

Every file of the site (pages, feeds, the search tables, Pagefind's rewritten files) and
the link checker's report and cache are written here. Provider ids become paths, so a
path is checked against the root before anything is made; links inside the root that
lead out of it are refused too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


class WriteError(Exception):
    """A file would be written outside its root, or twice."""


class Writer:
    """Writes files under ``root``: never outside it, never one path twice.

    Containment is checked on the resolved folder (once per folder: resolving every one of
    100,000 file paths would cost more than writing them) and on the file name. Files are
    written with bare ``os`` calls: a build writes 150,000 of them, and a file object's
    extra system calls and a ``Path`` per file cost more than the data."""

    _FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._root = str(self.root)
        self.written: set[str] = set()
        self.folders: set[str] = set()

    def write(self, relative: str, content: str | bytes | Iterable[bytes]) -> int:
        """Write one file; the number of bytes written."""
        key = os.path.normpath(relative)
        if key.startswith(("..", "/")) or os.path.basename(key) in ("", ".", ".."):
            raise WriteError(f"refusing to write outside the site: {relative}")
        target = os.path.join(self._root, key)
        folder = os.path.dirname(target)
        if folder not in self.folders:
            if not Path(folder).resolve().is_relative_to(self.root):  # before mkdir: nothing is made outside
                raise WriteError(f"refusing to write outside the site: {relative}")
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        if key in self.written:
            raise WriteError(f"two outputs for one path: {relative}")
        self.written.add(key)
        if isinstance(content, str):
            content = content.encode("utf-8")
        descriptor = os.open(target, self._FLAGS, 0o666)
        try:
            if isinstance(content, bytes):
                return _write_all(descriptor, content)
            return sum(_write_all(descriptor, chunk) for chunk in content)  # a large feed, in chunks
        finally:
            os.close(descriptor)

    def replace(self, relative: str, content: str | bytes) -> int:
        """Write a file that may exist already (a cache, a file another program wrote) whole:
        into a temporary file beside it, then renamed over it, so a killed run never leaves
        half a file."""
        temporary = relative + ".partial"
        size = self.write(temporary, content)
        self.written.discard(os.path.normpath(temporary))
        os.replace(os.path.join(self._root, temporary), os.path.join(self._root, relative))
        return size


def _write_all(descriptor: int, data: bytes) -> int:
    """``os.write`` may write less than it was given; go on until all of it is written."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    return len(data)
