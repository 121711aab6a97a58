"""Writing the site: catalogue pages into the theme's shell, crawler files, and the swap
that replaces the published site only when a build has succeeded.

Every file under the site is written through ``generator.writer``; Pagefind's own process
writes its bundle into a staging folder that is checked before it is moved in.
"""

from __future__ import annotations

import fcntl
import gzip
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from generator import addresses
from generator.render.pages import Page
from generator.writer import WriteError
from generator.writer import Writer as FileWriter

# Markers the theme renders into a placeholder page; each catalogue page fills them in.
TITLE = "CATALOGUE-SHELL-TITLE"
DESCRIPTION = "CATALOGUE-SHELL-DESCRIPTION"
HEAD = "<!--CATALOGUE-SHELL-HEAD-->"
BODY = "<p>CATALOGUE-SHELL-BODY</p>"
SKIP_LINK = 'href="#catalogue-shell-title"'  # Material's "skip to content" link, to the placeholder's heading


PublishError = WriteError  # the name the build's callers know


@dataclass(frozen=True)
class Shell:
    """Material's rendered page around a hole: the same navigation, header and assets for
    every catalogue page at one depth, without running the theme 50,000 times."""

    parts: tuple[str, ...]
    canonical: str

    @classmethod
    def parse(cls, html: str, canonical: str) -> Shell:
        html = re.sub(r"<h1[^>]*>\s*" + re.escape(TITLE) + r"\s*</h1>\s*", "", html, count=1)
        markers = (TITLE, DESCRIPTION, HEAD, BODY, SKIP_LINK, canonical)
        pieces = re.split("(" + "|".join(re.escape(m) for m in markers) + ")", html)
        for marker in (TITLE, HEAD, BODY):
            if marker not in pieces:
                raise PublishError(
                    f"the theme did not render the marker {marker!r}; check site_templates/theme/main.html"
                )
        return cls(tuple(pieces), canonical)

    def fill(self, page: Page, site_url: str) -> str:
        values = {
            TITLE: escape(page.title, quote=True),
            DESCRIPTION: escape(page.description, quote=True),
            HEAD: page.head,
            BODY: page.body,
            SKIP_LINK: 'href="#title"',
            self.canonical: escape(addresses.url(site_url, page.path), quote=True),
        }
        return "".join(values.get(piece, piece) for piece in self.parts)


class Writer(FileWriter):
    """The site's writer, with the two kinds of files only a build writes: catalogue pages
    in the theme's shell, and the sitemaps."""

    def pages(
        self, pages: Iterable[Page], shells: dict[int, Shell], site_url: str
    ) -> list[tuple[str, date | None]]:
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
        """The sitemap files (from ``crawlers.sitemaps``) and the gzipped copy of the main one."""
        for path, xml in files.items():
            self.write(path, xml)
        # MkDocs writes a gzipped copy; ours has no timestamp in it, so rebuilds are identical.
        main = files[addresses.sitemap()].encode("utf-8")
        self.write(addresses.sitemap_gz(), gzip.compress(main, mtime=0))


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


class Busy(PublishError):
    """Another build is writing into the same output folder."""


class BuildLock:
    """One build at a time per output folder.

    Two builds into one folder share ``<site>.partial``: each would delete or overwrite the
    other's files, and both could swap a half-written site in. The lock is an exclusive
    ``flock`` on ``<site>.lock``; the operating system releases it when its process ends,
    so a killed build never leaves a stale lock behind.
    """

    def __init__(self, final: Path) -> None:
        self.path = final.with_name(final.name + ".lock")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise Busy(
                f"another build is writing into {final} right now (it holds {self.path}); "
                "wait for it to finish, or build into another folder with -d"
            ) from None

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = -1
