"""The guides, searched from the one search box of the site: /courses/ shows the courses a
query finds first, then the sections of the guides that have its words.

Each section of a guide page (the text under one heading) becomes its address, its heading,
its page's title and the distinct words it holds, normalised as the browse page normalises
a query (lower case, marks and punctuation dropped). The page fetches this one file after
the courses are shown, so the guides never slow the course results.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

HEADINGS = ("h1", "h2", "h3")
_SKIPPED = ("script", "style", "svg")
_PUNCTUATION = ("Pd", "Pe", "Pf", "Pi", "Po", "Ps")  # what the page's terms() drops


@dataclass(frozen=True)
class Section:
    url: str  # the page's address, and "#heading" for a section below its first heading
    page: str  # the page's title
    title: str  # the section's heading
    words: str  # its distinct words, sorted, one space between


def normalised(text: str) -> list[str]:
    """The words of ``text`` as a query's are matched: each as the page reads it (punctuation
    dropped, so "micro-credential" is "microcredential") and each of its parts ("micro", "credential")."""
    found: list[str] = []
    for token in unicodedata.normalize("NFD", text.lower()).split():
        bare = "".join(c for c in token if not unicodedata.combining(c))
        joined = "".join(c for c in bare if unicodedata.category(c) not in _PUNCTUATION)
        parts = "".join(c if unicodedata.category(c) not in _PUNCTUATION else " " for c in bare).split()
        found += [word for word in (joined, *parts) if word]
    return found


class _Sections(HTMLParser):
    """Splits a page's content at its headings, leaving out permalink marks and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[str], list[str]]] = [("", [], [])]  # anchor, heading, text
        self._parts = self.found[0][1:]
        self._heading = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in _SKIPPED or (tag == "a" and "headerlink" in (values.get("class") or "")):
            self._skip += 1
        elif tag in HEADINGS:
            self._heading = True
            self.found.append((values.get("id") or "", [], []))
            self._parts = self.found[-1][1:]

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED or (tag == "a" and self._skip):
            self._skip = max(0, self._skip - 1)
        elif tag in HEADINGS:
            self._heading = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts[0 if self._heading else 1].append(data)


def sections(url: str, page_title: str, html: str) -> list[Section]:
    """The sections of one guide page at ``url`` (relative to the site's root)."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    found = []
    for index, (anchor, heading, text) in enumerate(parser.found):
        body = " ".join(text)
        if index == 0 and not body.strip():  # nothing before the first heading
            continue
        title = " ".join("".join(heading).split()) or page_title
        words = sorted(set(normalised(title + " " + body)))
        top = index <= 1 or not anchor  # the page's title heading is the page itself
        found.append(Section(url if top else f"{url}#{anchor}", page_title, title, " ".join(words)))
    return found


def data(found: list[Section]) -> bytes:
    """The file the browse page reads: one ``[url, page, title, words]`` per section, in site order."""
    rows = [[s.url, s.page, s.title, s.words] for s in found]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
