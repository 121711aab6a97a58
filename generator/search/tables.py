"""The tables behind the filters, sorts and result cards of /courses/, written beside the index.

Pagefind finds the words; the browser answers everything else from these tables, so a filter
change never runs a search again and nothing is fetched that the page does not show:

- ``search-tables/manifest.json``: the number of rows, how the index is sharded, and the
  folder of this build's tables. It is fetched revalidated; the folder is named after the
  tables' content, so every other file can be cached for good and a rebuild never mixes old
  rows with new.
- ``facet-KEY.bin``: one cell per course, the index of the course's *set* of values in that
  facet (most courses share a few sets: one language, one level). A facet is fetched when it is
  shown or chosen, not before.
- ``sort-KEY.bin``: one cell per course, its rank for that sort, fetched when the sort is chosen.
- ``card/ROW.json``: what a result card shows, one small file per course.
- ``guides.json``: the sections of the guides and their words (``search/guides.py``),
  fetched after the courses a query finds are shown.
- ``order-N.bin``: /courses/ before anything is chosen: the rows of the current (not
  withdrawn) courses, soonest start first, ``ORDER_CHUNK`` rows a file. The first screen
  fetches one small file and twelve cards, whatever the size of the catalogue; the manifest
  says how many rows there are in all (``listed``).
- ``words-KEY.txt``: the vocabulary, every word of Pagefind's index that begins with KEY
  (its first ``VOCABULARY_KEY`` characters, KEY in hexadecimal UTF-8), gzip over the sorted
  words one a line. Pagefind answers a word no indexed word begins with by the longest word
  that begins it ("Pflege" found "P…" words), so the page checks each query word here first,
  and offers the close words of the same file when nothing is found. The manifest lists the
  keys (``words``), so the page never asks for a file that does not exist.

Row ``i`` is the ``i``-th record; ``index.page_id`` says which Pagefind page it is.
A table file is gzip over: a 4-byte little-endian header length, the header in JSON (``values``,
``sets``, ``rows``, ``width``, ``per_byte``, ``base``), zero padding to a multiple of 4, then the
cells, ``width`` bytes each, little-endian; where ``per_byte`` > 1, that many cells share a byte
as digits in ``base``, the first cell lowest.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator import addresses
from generator.search.guides import Section
from generator.search.guides import data as guides_data
from generator.search.records import FILTER_KEYS, Record
from generator.writer import Writer


def _version(files: dict[str, bytes]) -> str:
    """The folder's name, from every file's name and content."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:12]


def row_name(row: int, rows: int) -> str:
    """A row's name, Pagefind's page id and the card's file name: hexadecimal, as wide as the
    last row's, because Pagefind's metadata file lists every id and fixed-width ids compress best."""
    return f"{row:0{len(f'{max(rows - 1, 0):x}')}x}"


VOCABULARY_KEY = 2  # characters: a query word's file holds the words that begin like it


def vocabulary_key(word: str) -> str:
    """The name part of the vocabulary file that holds ``word``."""
    return word[:VOCABULARY_KEY].encode().hex()


def write(
    records: Sequence[Record],
    shards: int,
    per_shard: int,
    site_dir: Path,
    words: Iterable[str] = (),
    guides: Sequence[Section] = (),
) -> str:
    """Write the tables of ``records``, the vocabulary ``words`` and the ``guides``' sections;
    returns the name of their folder."""
    files = {f"facet-{key}.bin": _facet(records, key) for key in FILTER_KEYS}
    files["guides.json"] = guides_data(list(guides))
    grouped: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        grouped.setdefault(vocabulary_key(word), []).append(word)
    for key, group in grouped.items():
        files[f"words-{key}.txt"] = gzip.compress("\n".join(group).encode(), compresslevel=9, mtime=0)
    for key in sorted({key for r in records for key in r.sort}):
        files[f"sort-{key}.bin"] = _sort(records, key)
    order = browse_order(records)
    for at in range(0, len(order), ORDER_CHUNK):
        files[f"order-{at // ORDER_CHUNK}.bin"] = _table({}, order[at : at + ORDER_CHUNK])
    for row, item in enumerate(records):
        files[f"card/{row_name(row, len(records))}.json"] = _json({"url": item.url, **item.meta})
    version = _version(files)
    out = Writer(site_dir)
    folder = addresses.search_tables_version(version)
    for name, data in files.items():
        out.write(folder + name, data)
    manifest = {
        "rows": len(records),
        "shards": shards,
        "per_shard": per_shard,
        "digits": len(row_name(0, len(records))),
        "folder": version + "/",
        "words": sorted(grouped),
        "listed": len(order),
        "order_chunk": ORDER_CHUNK,
    }
    out.write(addresses.search_tables_manifest(), _json(manifest))
    return version


ORDER_CHUNK = 240  # rows: twenty screens of twelve cards, about half a kilobyte a file


def browse_order(records: Sequence[Record]) -> list[int]:
    """The rows /courses/ lists before anything is chosen: every current course, soonest start
    first (self-paced ones first of all, those with no date last), then by title."""
    current = [row for row, item in enumerate(records) if "status" not in item.filters]
    return sorted(current, key=lambda row: (records[row].sort["start"], records[row].sort["title"]))


def _facet(records: Sequence[Record], key: str) -> bytes:
    values = sorted({value for r in records for value in r.filters.get(key, ())})
    index = {value: i for i, value in enumerate(values)}
    per_row = [tuple(sorted(index[v] for v in r.filters.get(key, ()))) for r in records]
    sets = sorted(set(per_row))
    number = {s: i for i, s in enumerate(sets)}
    return _table({"values": values, "sets": [list(s) for s in sets]}, [number[s] for s in per_row])


def _sort(records: Sequence[Record], key: str) -> bytes:
    """Dense ranks: equal keys share a rank, so the order among them stays by relevance."""
    keys = [r.sort.get(key, "") for r in records]
    rank = {value: i for i, value in enumerate(sorted(set(keys)))}
    return _table({}, [rank[k] for k in keys])


def _table(header: dict[str, object], cells: list[int]) -> bytes:
    top = max(cells, default=0)
    width, code = (1, "B") if top < 1 << 8 else (2, "H") if top < 1 << 16 else (4, "I")
    per_byte = _per_byte(top + 1) if width == 1 else 1
    head = json.dumps(
        {**header, "rows": len(cells), "width": width, "per_byte": per_byte, "base": top + 1},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    padding = b"\0" * (-(4 + len(head)) % 4)
    body = array(code, _packed(cells, top + 1, per_byte))
    if sys.byteorder == "big":
        body.byteswap()
    return gzip.compress(
        len(head).to_bytes(4, "little") + head + padding + body.tobytes(), compresslevel=9, mtime=0
    )


def _per_byte(base: int) -> int:
    """How many cells of ``base`` values fit one byte: 3 for 5 levels (5³ = 125 < 256)."""
    count = 1
    while base > 1 and base ** (count + 1) <= 256:
        count += 1
    return count


def _packed(cells: list[int], base: int, per_byte: int) -> list[int]:
    """Several small cells to a byte, first cell lowest: gzip's whole-bit codes then waste less
    on a facet of a few values (a fifth less at 50,000 courses)."""
    if per_byte == 1:
        return cells
    packed = []
    for at in range(0, len(cells), per_byte):
        byte = 0
        for cell in reversed(cells[at : at + per_byte]):
            byte = byte * base + cell
        packed.append(byte)
    return packed


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def read_words(path: Path) -> list[str]:
    """A vocabulary file's words, as the browse page reads them."""
    return gzip.decompress(path.read_bytes()).decode().split("\n")


def read(path: Path) -> tuple[dict[str, object], list[int]]:
    """A table file's header and cells: the format in Python, as the browse page reads it."""
    data = gzip.decompress(path.read_bytes())
    size = int.from_bytes(data[:4], "little")
    header = json.loads(data[4 : 4 + size])
    width, per_byte = header["width"], header["per_byte"]
    start = 4 + size + (-(4 + size) % 4)
    words = [int.from_bytes(data[at : at + width], "little") for at in range(start, len(data), width)]
    if per_byte == 1:
        return header, words
    base, rows = header["base"], header["rows"]
    return header, [word // base**i % base for word in words for i in range(per_byte)][:rows]
