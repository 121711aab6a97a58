"""Writing the site: catalogue pages into the theme's shell, crawler files, and the swap
that replaces the published site only when a build has succeeded.

This module and the CLI are the only code that writes files.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from generator.render.pages import Page

# Markers the theme renders into a placeholder page; each catalogue page fills them in.
TITLE = "CATALOGUE-SHELL-TITLE"
DESCRIPTION = "CATALOGUE-SHELL-DESCRIPTION"
HEAD = "<!--CATALOGUE-SHELL-HEAD-->"
BODY = "<p>CATALOGUE-SHELL-BODY</p>"
SKIP_LINK = 'href="#catalogue-shell-title"'  # Material's "skip to content" link, to the placeholder's heading
SHELL_DIR = "catalogue-shell"


class PublishError(Exception):
    """A page would be written outside the site, or twice."""


@dataclass(frozen=True)
class Shell:
    """Material's rendered page around a hole: the same navigation, header and assets for
    every catalogue page at one depth, without running the theme 50,000 times."""

    parts: tuple[str, ...]
    canonical: str

    @classmethod
    def parse(cls, html: str, canonical: str) -> Shell:
        html = re.sub(r'<h1[^>]*>\s*' + re.escape(TITLE) + r'\s*</h1>\s*', "", html, count=1)
        markers = (TITLE, DESCRIPTION, HEAD, BODY, SKIP_LINK, canonical)
        pieces = re.split("(" + "|".join(re.escape(m) for m in markers) + ")", html)
        for marker in (TITLE, HEAD, BODY):
            if marker not in pieces:
                raise PublishError(f"the theme did not render the marker {marker!r}; check site_templates/theme/main.html")
        return cls(tuple(pieces), canonical)

    def fill(self, page: Page, site_url: str) -> str:
        values = {TITLE: escape(page.title, quote=True), DESCRIPTION: escape(page.description, quote=True),
                  HEAD: page.head, BODY: page.body, SKIP_LINK: 'href="#title"',
                  self.canonical: escape(site_url + page.path, quote=True)}
        return "".join(values.get(piece, piece) for piece in self.parts)


def shell_path(depth: int) -> str:
    """Site path of the placeholder page for pages ``depth`` folders deep."""
    return f"{SHELL_DIR}/" + "/".join(f"d{depth}" for _ in range(depth - 1)) + "/"


class Writer:
    """Writes pages under ``root``: never outside it, never one path twice.

    Containment is checked on the resolved folder (once per folder: resolving every one of
    100,000 file paths would cost more than writing them) and on the file name."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.written: set[str] = set()
        self.folders: set[Path] = set()

    def write(self, relative: str, content: str | bytes | Iterable[bytes]) -> Path:
        key = os.path.normpath(relative)
        target = self.root / key
        if key.startswith(("..", "/")) or target.name in ("", ".", ".."):
            raise PublishError(f"refusing to write outside the site: {relative}")
        folder = target.parent
        if folder not in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            if not folder.resolve().is_relative_to(self.root):
                raise PublishError(f"refusing to write outside the site: {relative}")
            self.folders.add(folder)
        if key in self.written:
            raise PublishError(f"two outputs for one path: {relative}")
        self.written.add(key)
        if isinstance(content, (str, bytes)):
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        else:  # a large feed, in chunks
            with target.open("wb") as out:
                for chunk in content:
                    out.write(chunk)
        return target

    def pages(self, pages: Iterable[Page], shells: dict[int, Shell], site_url: str) -> list[tuple[str, date | None]]:
        """Write each page as it comes (never all of them in memory); (path, lastmod) of each."""
        written = []
        for page in pages:
            shell = shells.get(page.depth)
            if shell is None:
                raise PublishError(f"no page shell for depth {page.depth} ({page.path})")
            self.write(page.path + "index.html", shell.fill(page, site_url))
            written.append((page.path, page.lastmod))
        return written

    def sitemaps(self, files: dict[str, str]) -> None:
        for name, xml in files.items():
            self.write(name, xml)
        # MkDocs writes a gzipped copy; ours has no timestamp in it, so rebuilds are identical.
        self.write("sitemap.xml.gz", gzip.compress(files["sitemap.xml"].encode("utf-8"), mtime=0))


def swap_in(partial: Path, final: Path) -> None:
    """Replace ``final`` by the freshly built ``partial`` (the old site is kept until then)."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    if old.exists():
        shutil.rmtree(old)
