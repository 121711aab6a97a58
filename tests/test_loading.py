"""The hardened loader against hostile YAML: every failure is a problem at a line, never a
traceback, and nothing costs more than a second or 100 MB."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from generator.loading import Document, load_bytes, load_file

ALIAS_BOMB = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def load(raw: bytes) -> Document:
    return load_bytes(raw, Document(Path("course.yaml"), "course.yaml"))


def rules(doc: Document) -> list[tuple[str, int]]:
    return [(p.rule, p.line) for p in doc.problems]


def test_alias_bomb_is_refused_within_a_second_and_100_mb() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    doc = load(ALIAS_BOMB)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rules(doc) == [("yaml/alias", 1)]
    assert doc.data is None
    assert elapsed < 1.0
    assert peak < 100 * 1024 * 1024


def test_merge_key_needs_an_alias_and_is_refused() -> None:
    doc = load(b"base: &b {x: 1}\nother:\n  <<: *b\n")
    assert rules(doc) == [("yaml/alias", 1)]


def test_duplicate_keys_are_reported_at_the_second_key_and_the_first_value_kept() -> None:
    doc = load(b"title: First\nsummary: s\ntitle: Second\n")
    assert rules(doc) == [("yaml/duplicate-key", 3)]
    assert "line 1" in doc.problems[0].message
    assert doc.data["title"] == "First"


def test_duplicate_keys_in_nested_maps() -> None:
    doc = load(b"workload:\n  ects: 1\n  ects: 2\n")
    assert rules(doc) == [("yaml/duplicate-key", 3)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("on", "on"),
        ("Yes", "Yes"),
        ("off", "off"),
        ("y", "y"),
        ("0755", "0755"),
        ("0613", "0613"),
        ("1:30", "1:30"),
        ("2024-02-30", "2024-02-30"),
        ("2027-01-18", "2027-01-18"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        ("~", None),
        ("null", None),
        ("", None),
        ("true", True),
        ("false", False),
        ("42", 42),
        ("-3", -3),
        ("7.5", 7.5),
        ("1e3", 1000.0),
    ],
)
def test_plain_scalars_follow_yaml_1_2_and_keep_dates_and_codes_as_text(text: str, value: object) -> None:
    doc = load(f"v: {text}\n".encode())
    assert doc.problems == []
    assert doc.data["v"] == value and type(doc.data["v"]) is type(value)


def test_quoted_scalars_are_always_text() -> None:
    doc = load(b"a: \"12\"\nb: 'true'\nc: |\n  3\n")
    assert doc.data == {"a": "12", "b": "true", "c": "3\n"}


def test_a_5000_digit_integer_is_a_problem_not_a_crash() -> None:
    doc = load(b"seats: " + b"9" * 5000 + b"\n")
    assert rules(doc) == [("yaml/number", 1)]


def test_tabs_in_indentation_point_at_the_tab() -> None:
    doc = load(b"workload:\n\tects: 5\n")
    assert rules(doc) == [("yaml/syntax", 2)]
    assert "tabs" in doc.problems[0].hint


def test_a_byte_order_mark_is_accepted() -> None:
    doc = load("\ufefftitle: Svenska å\n".encode())
    assert doc.problems == [] and doc.data == {"title": "Svenska å"}


def test_latin_1_bytes_are_reported_at_their_line_and_column() -> None:
    doc = load("title: ok\nsummary: caf\u00e9\n".encode("latin-1"))
    assert [(p.rule, p.line, p.column) for p in doc.problems] == [("yaml/encoding", 2, 13)]
    assert "UTF-8" in doc.problems[0].hint


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x1b", "\x7f"])
def test_raw_control_characters_are_refused_at_their_line(char: str) -> None:
    doc = load(f"title: ok\nsummary: a{char}b\n".encode())
    assert [(p.rule, p.line, p.column) for p in doc.problems] == [("yaml/control-character", 2, 11)]


def test_control_character_after_multibyte_text_has_the_right_column() -> None:
    doc = load("summary: ååå\x02\n".encode())
    assert [(p.line, p.column) for p in doc.problems] == [(1, 13)]


def test_several_documents_are_refused_at_the_second() -> None:
    doc = load(b"title: a\n---\ntitle: b\n")
    assert rules(doc) == [("yaml/multi-document", 2)]


@pytest.mark.parametrize("raw", [b"a: 1\n...\n---\nb: 2\n", b"--- a\n--- b\n"])
def test_explicit_document_markers_still_count(raw: bytes) -> None:
    assert [r for r, _ in rules(load(raw))] == ["yaml/multi-document"]


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"title: x\n1: one\n", 2),
        (b"true: x\n", 1),
        (b"null: x\n", 1),
        (b"? [a, b]\n: c\n", 1),
        (b"? {a: b}\n: c\n", 1),
    ],
)
def test_non_string_keys_are_refused(raw: bytes, line: int) -> None:
    assert rules(load(raw)) == [("yaml/non-string-key", line)]


@pytest.mark.parametrize(
    "tag", [b"!!python/object:os.system", b"!!str", b"!custom", b"!!binary", b"!<tag:yaml.org,2002:int>"]
)
def test_tags_are_refused(tag: bytes) -> None:
    assert rules(load(b"title: ok\nsummary: " + tag + b" x\n")) == [("yaml/tag", 2)]


def test_deep_nesting_is_refused_without_recursion() -> None:
    doc = load(b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n")
    assert rules(doc) == [("yaml/too-deep", 1)]


def test_deep_block_nesting_is_refused() -> None:
    raw = b"".join(b"  " * i + f"k{i}:\n".encode() for i in range(25)) + b"  " * 25 + b"end\n"
    assert [r for r, _ in rules(load(raw))] == ["yaml/too-deep"]


def test_nesting_up_to_the_limit_is_fine() -> None:
    assert load(b"a: " + b"[" * 19 + b"]" * 19 + b"\n").problems == []


def test_files_over_256_kib_are_refused_before_parsing() -> None:
    doc = load(b"description: |\n" + b"  " + b"x" * 300_000 + b"\n")
    assert rules(doc) == [("yaml/too-large", 1)]


def test_an_empty_file_loads_as_nothing() -> None:
    assert load(b"").data is None and load(b"# only a comment\n").data is None


def test_syntax_errors_point_at_the_problem() -> None:
    doc = load(b"title: ok\nlanguages: [en, de\nfield: x\n")
    assert [r for r, _ in rules(doc)] == ["yaml/syntax"]
    assert doc.problems[0].line in (3, 4)


def test_marks_are_recorded_for_values_and_keys() -> None:
    doc = load(b"title: x\nsessions:\n  - id: a\n    start: 2027-01-01\n")
    assert doc.mark(("sessions", 0, "start")) == (4, 12)
    assert doc.key_mark(("sessions", 0, "start")) == (4, 5)
    assert doc.mark(("sessions", 0, "missing", "deeper")) == (3, 5)


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    doc = load_file(tmp_path / "missing.yaml")
    assert [p.rule for p in doc.problems] == ["yaml/unreadable"]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe\x00\x00",
        b"\x00" * 10,
        b"{" * 5000,
        b"- " * 50_000,
        b"'unterminated",
        b'"\\xZZ"',
        b"&a a: *a",
        b"a: !!binary |\n  ####\n",
        b"%YAML 9.9\n---\na: 1\n",
        b"%TAG ! tag:evil,2000:\n---\n!x a\n",
        b"a: b: c\n",
        "a: \ud7ff\n".encode("utf-8", "surrogatepass"),
        b"\xed\xa0\x80",
    ],
)
def test_hostile_bytes_never_raise(raw: bytes) -> None:
    started = time.perf_counter()
    doc = load(raw)
    assert time.perf_counter() - started < 1.0
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in doc.problems)
