"""The one hardened loader: YAML bytes → a ``Document`` with data and the line of every node.

Nothing else in the project reads YAML. The loader walks libyaml's event stream itself
instead of calling ``yaml.load`` so that it can refuse what the catalogue format forbids
(anchors, aliases, tags, duplicate and non-string keys, several documents, deep nesting)
*before* any of it costs time or memory, and can remember where every value stood.

Plain scalars are resolved with the YAML 1.2 core rules, not PyYAML's YAML 1.1 ones: ``NO``
stays the text "NO" (Norway), ``on``/``yes`` stay text (so a boolean field reports them),
dates and times such as ``2027-01-18`` or ``1:30`` stay text, and a number written with a
leading zero (``0613``) stays text so an ISCED-F code is never turned into 613.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, error

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20
MAX_DIGITS = 15

Mark = tuple[int, int]
NodePath = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FLOAT = re.compile(
    r"^[-+]?(?:0|[1-9][0-9]*)?(?:\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+$"
)

# libyaml is what makes the loader fast; the pure-Python parser is a fallback only.
_Parser: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """One catalogue file: its data (None when it could not be read) and where each node stood."""

    path: Path
    display: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    marks: dict[NodePath, Mark] = field(default_factory=dict)
    key_marks: dict[NodePath, Mark] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False)  # kept so marks can be found when first needed

    def mark(self, node_path: NodePath) -> Mark:
        """Line and column of the value at ``node_path``, or of its nearest ancestor."""
        self._find_marks()
        for end in range(len(node_path), -1, -1):
            found = self.marks.get(node_path[:end])
            if found:
                return found
        return (1, 1)

    def key_mark(self, node_path: NodePath) -> Mark:
        """Line and column of the key that holds ``node_path`` (the value's when it has none)."""
        self._find_marks()
        return self.key_marks.get(node_path) or self.mark(node_path)

    def _find_marks(self) -> None:
        """Most files are valid and never need a line number, so the first parse records none;
        the first problem that needs one parses the file again, recording them all."""
        if self.text is not None and not self.marks:
            text, self.text = self.text, None
            _compose(text, Document(self.path, self.display), record=self)


class _Refused(Exception):
    """Raised inside the walk to stop at the first thing the format forbids."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load_file(path: Path, display: str | None = None) -> Document:
    """Read one file; every failure becomes a problem in the returned document."""
    doc = Document(path=path, display=display or str(path))
    raw = read_regular(path, doc)
    return doc if raw is None else load_bytes(raw, doc)


def read_regular(path: Path, doc: Document) -> bytes | None:
    """The bytes of an ordinary file no larger than MAX_BYTES, or None with a problem.

    A symbolic link would let a provider's folder publish a file from anywhere (another
    provider's course, a file outside the repository), and a pipe or device could block or
    never end; the size is known before anything is read, so a huge file costs nothing.
    """
    try:
        if path.is_symlink():
            _refuse(doc, "a symbolic link")
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a link after the check
            _refuse(doc, "a symbolic link")
        else:
            doc.problems.append(
                error(doc.display, (1, 1), "yaml/unreadable", f"cannot read the file: {exc.strerror}")
            )
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            _refuse(doc, "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe, socket or device")
            return None
        if info.st_size > MAX_BYTES:
            _too_large(doc, info.st_size)
            return None
        return file.read(MAX_BYTES + 1)  # one byte more: a file that grew is still caught


def _refuse(doc: Document, what: str) -> None:
    doc.problems.append(
        error(
            doc.display,
            (1, 1),
            "layout/not-a-file",
            f"this is {what}, not an ordinary file; the catalogue reads only ordinary files",
            "replace it with the file itself (a copy of its content), or remove it",
        )
    )


def _too_large(doc: Document, size: int) -> None:
    doc.problems.append(
        error(
            doc.display,
            (1, 1),
            "yaml/too-large",
            f"the file is {size // 1024} KiB; a catalogue file may be at most {MAX_BYTES // 1024} KiB",
            "move long texts to the provider's own page and link to it with `url`",
        )
    )


def load_bytes(raw: bytes, doc: Document) -> Document:
    """Decode and parse ``raw`` into ``doc`` (used directly by tests and by ``load_file``)."""
    if len(raw) > MAX_BYTES:
        _too_large(doc, len(raw))
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    try:
        _compose(text, doc)
    except _Refused as refused:
        doc.data = None
        doc.problems.append(refused.problem)
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        doc.problems.append(_syntax_problem(doc.display, exc, _Lines(text)))
    except yaml.reader.ReaderError as exc:
        doc.data = None
        doc.problems.append(_reader_problem(doc.display, text, exc))
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError) as exc:
        doc.data = None
        doc.problems.append(error(doc.display, (1, 1), "yaml/syntax", f"the file is not valid YAML: {exc}"))
    return doc


def _decode(raw: bytes, doc: Document) -> str | None:
    utf16 = _utf16(raw)
    if utf16:
        doc.problems.append(
            error(
                doc.display,
                (1, 1),
                "yaml/encoding",
                f"the file is saved as {utf16}, not UTF-8",
                "save the file as UTF-8 (in most editors: Save with encoding → UTF-8)",
            )
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(
            error(
                doc.display,
                (line, column),
                "yaml/encoding",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8 (in most editors: Save with encoding → UTF-8)",
            )
        )
        return None
    # A byte-order mark is harmless and common from Windows editors: accept and drop it.
    return text[1:] if text.startswith("\ufeff") else text


def _utf16(raw: bytes) -> str:
    """ "UTF-16" (with its byte order) when the bytes look like it, else "".

    Windows editors save "Unicode" as UTF-16; said plainly, the fix is one menu away.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16" + (" (little-endian)" if raw[0] == 0xFF else " (big-endian)")
    head = raw[:200]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):  # ASCII text with a zero byte every other byte
        return "UTF-16 (little-endian)" if head[1] == 0 else "UTF-16 (big-endian)"
    return ""


class _Lines:
    """Line and column as editors and GitHub count them: only "\n" ends a line.

    libyaml also breaks lines at U+0085, U+2028 and U+2029; where the text holds one of
    those, positions are recomputed from the character index.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None
        if any(c in text for c in "\x85\u2028\u2029"):
            self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def of(self, event: Any) -> Mark:
        return self.at(event.start_mark)

    def first_odd_break(self) -> tuple[Mark, str] | None:
        if self.starts is None:
            return None
        index = min(i for i in (self.text.find(c) for c in "\x85\u2028\u2029") if i >= 0)
        line = bisect.bisect_right(self.starts, index)
        return (line, index - self.starts[line - 1] + 1), self.text[index]

    def at(self, mark: Any) -> Mark:
        if self.starts is None:
            return (mark.line + 1, mark.column + 1)
        line = bisect.bisect_right(self.starts, mark.index)
        return (line, mark.index - self.starts[line - 1] + 1)


class _NeedMarks(Exception):
    """A problem was found while marks were not recorded: parse again, recording them."""


def _compose(text: str, doc: Document, record: Document | None = None) -> None:
    """Build plain Python data from the event stream, refusing forbidden constructs early.

    Without ``record`` no line marks are kept (the fast path for valid files); with it,
    every value's and key's mark goes into ``record``. One loop with local names, because
    this runs once per event of every file in the catalogue.
    """
    parser = _Parser(text)
    lines = _Lines(text)
    where = lines.of
    marks = record.marks if record is not None else None
    key_marks = record.key_marks if record is not None else None
    stack: list[list[Any]] = []  # frames: [container, path, pending key, pending key's mark]
    root: Any = None
    documents = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                _allowed(event, doc, where)
                frame = stack[-1] if stack else None
                if frame is not None and frame[2] is None and type(frame[0]) is dict:
                    _take_key(event, frame, doc, where, key_marks)
                    continue
                value = (
                    _scalar(event, doc, where)
                    if kind is yaml.ScalarEvent
                    else ({} if kind is yaml.MappingStartEvent else [])
                )
                if doc.problems and marks is None:
                    raise _NeedMarks
                if frame is None:
                    path: NodePath = ()
                    root = value
                elif type(frame[0]) is list:
                    path = (*frame[1], len(frame[0]))
                    frame[0].append(value)
                else:
                    path = (*frame[1], str(frame[2]))
                    if type(frame[2]) is not _Duplicate:  # the first value wins; the duplicate is reported
                        frame[0][frame[2]] = value
                        if key_marks is not None:
                            key_marks[path] = frame[3]
                    frame[2] = None
                if marks is not None:
                    marks[path] = where(event)
                if kind is not yaml.ScalarEvent:
                    if len(stack) >= MAX_DEPTH:
                        raise _Refused(
                            error(
                                doc.display,
                                where(event),
                                "yaml/too-deep",
                                f"the data is nested more than {MAX_DEPTH} levels deep",
                                "the catalogue format never needs that much nesting; check the indentation",
                            )
                        )
                    stack.append([value, path, None, None])
                continue
            if kind is yaml.AliasEvent:
                _allowed(event, doc, where)
            elif kind is yaml.StreamEndEvent:
                break
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(
                        error(
                            doc.display,
                            where(event),
                            "yaml/multi-document",
                            "the file holds more than one YAML document",
                            "a catalogue file holds exactly one document: remove the `---` line and what"
                            " follows, or split it into two files",
                        )
                    )
        doc.data = root
        if record is None:
            doc.text = text
    except _NeedMarks:
        parser.dispose()
        doc.problems.clear()
        _compose(text, doc, record=doc)
    finally:
        parser.dispose()


def _allowed(event: Any, doc: Document, where: Callable[[Any], Mark]) -> None:
    if type(event) is yaml.AliasEvent or event.anchor is not None:
        raise _Refused(
            error(
                doc.display,
                where(event),
                "yaml/alias",
                "anchors (&name) and aliases (*name) are not allowed",
                "write the value out in full where it is needed",
            )
        )
    if event.tag is not None and event.tag != "!":
        raise _Refused(
            error(
                doc.display,
                where(event),
                "yaml/tag",
                f"YAML tags such as `{event.tag.replace('tag:yaml.org,2002:', '!!')}` are not allowed",
                "remove the tag; write text in quotes if it must stay text",
            )
        )


def _take_key(
    event: Any,
    frame: list[Any],
    doc: Document,
    where: Callable[[Any], Mark],
    key_marks: dict[NodePath, Mark] | None,
) -> None:
    if type(event) is not yaml.ScalarEvent:
        raise _Refused(
            error(
                doc.display,
                where(event),
                "yaml/non-string-key",
                "a key must be a plain name, not a list or a map",
                "write `name: value` pairs with simple names",
            )
        )
    key = _scalar(event, doc, where)
    if not isinstance(key, str):
        raise _Refused(
            error(
                doc.display,
                where(event),
                "yaml/non-string-key",
                f"the key `{event.value}` is read as a {_kind(key)}, not as a name",
                f'put the key in quotes: "{event.value}":',
            )
        )
    if key in frame[0]:
        if key_marks is None:
            raise _NeedMarks
        first = key_marks.get((*frame[1], key), (0, 0))[0]
        doc.problems.append(
            error(
                doc.display,
                where(event),
                "yaml/duplicate-key",
                f"the key `{key}` appears twice in the same map (first on line {first})",
                "keep one of the two; with duplicates it is unclear which value you meant",
            )
        )
        key = _Duplicate(key)
    frame[2] = key
    frame[3] = where(event) if key_marks is not None else None


class _Duplicate(str):
    """A key already present in its map: its value is parsed (for errors) but not kept."""


def _scalar(event: Any, doc: Document, where: Callable[[Any], Mark]) -> Any:
    """Resolve a scalar by the YAML 1.2 core schema; quoted and block scalars are always text."""
    value: str = event.value
    if event.style != "" or event.tag == "!":
        return value
    first = value[:1]
    if first.isalpha() and first not in "tfnTFN":  # most scalars are words: no number, bool or null
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        digits = len(value.lstrip("+-"))
        if digits > MAX_DIGITS:
            doc.problems.append(
                error(
                    doc.display,
                    where(event),
                    "yaml/number",
                    f"the number has {digits} digits; no field takes a number that long",
                    "check the value; write it in quotes if it is meant as text",
                )
            )
            return value
        return int(value)
    if _FLOAT.match(value) and len(value) <= 40:
        return float(value)
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null (empty value)"
    if isinstance(value, bool):
        return "true/false value"
    return "number"


def _syntax_problem(display: str, exc: yaml.MarkedYAMLError, lines: _Lines) -> Problem:
    odd = lines.first_odd_break()
    if odd is not None:  # libyaml breaks lines there, editors do not: that is the likely cause
        where, char = odd
        return error(
            display,
            where,
            "yaml/syntax",
            f"invalid YAML: the invisible character U+{ord(char):04X} acts as a line break here",
            "delete it (it often comes from copying text out of a PDF or a word processor),"
            " or put the text in quotes",
        )
    mark = exc.problem_mark or exc.context_mark
    where = lines.at(mark) if mark else (1, 1)
    what = exc.problem or exc.context or "invalid YAML"
    if "nesting depth" in what:  # newer libyaml stops deep nesting itself, before our own limit sees it
        return error(
            display,
            where,
            "yaml/too-deep",
            f"the data is nested more than {MAX_DEPTH} levels deep",
            "the catalogue format never needs that much nesting; check the indentation",
        )
    hint = "check the indentation and the quotes around this point"
    if "\t" in what or "tab" in what.lower() or "cannot start any token" in what:
        hint = "YAML indentation must use spaces, never tabs; also check for stray characters"
    elif exc.context and exc.context_mark and mark is not exc.context_mark:
        hint = f"{exc.context} (line {lines.at(exc.context_mark)[0]}); {hint}"
    return error(display, where, "yaml/syntax", f"invalid YAML: {what}", hint)


def _reader_problem(display: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    # libyaml counts bytes, not characters: find the offending character ourselves.
    found = _NON_PRINTABLE.search(text)
    position = found.start() if found else min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    char = text[position] if found else "\x00"
    return error(
        display,
        (line, column),
        "yaml/control-character",
        f"the character U+{ord(char):04X} is not allowed in a YAML file",
        "delete the invisible control character (often pasted from a word processor)",
    )
