"""Trims Pagefind's bundle to what the browse page reads, and makes it byte-identical
from one build of the same commit to the next.

The browse page asks Pagefind for words only: a result is a page id, and the page's card,
facets and sort keys are rows of the tables beside the index (``tables.py``). So each page
id becomes its row number (``index.page_id``: Pagefind's own ids are random hashes, which
made its metadata file, fetched before any query, 300 KB at 50,000 courses), and the
fragments, the per-page files Pagefind would fetch for each result, are removed with the
user-interface scripts no page loads.

Pagefind's word index and metadata are the same from one run to the next once it is given
no filters or sort keys (those it wrote in hash-map order). The files are gzip-compressed
CBOR behind a ``pagefind_dcd`` signature; the small CBOR codec below covers what they use.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.writer import Writer

SIGNATURE = b"pagefind_dcd"
UNUSED = (
    "fragment",
    "filter",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)
CHECKED = 64  # rows whose fragment is read to confirm Pagefind kept the order records came in


class OrderError(RuntimeError):
    """Pagefind's pages are not the records in the order they were given: the ids would be wrong."""


def stabilise(bundle: Path, urls: Sequence[str], ids: Sequence[str]) -> None:
    """Give Pagefind's pages the ``ids`` (their rows' names) and remove what no page reads.
    ``urls`` are the records' in the order they were given."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        _check_order(bundle, meta[1], urls)
        meta[1] = _pages(meta[1], ids)
        new = _write(bundle, "pagefind." + language["hash"].split("_")[0], meta, ".pf_meta", 10)
        if meta_path.name != new + ".pf_meta":
            meta_path.unlink()
        language["hash"] = new.removeprefix("pagefind.")
    Writer(bundle).replace(entry_path.name, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    for name in UNUSED:
        path = bundle / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _pages(pages: list[list[Any]], ids: Sequence[str]) -> list[list[Any]]:
    """Each page given its id, and every page the same length (the median): a course's text is long
    mostly because it is written in several languages, which should not rank it lower, and
    one length for all takes 40 KB off the metadata file at 50,000 courses."""
    words = sorted(count for _, count in pages)[len(pages) // 2] if pages else 0  # the median
    return [[name, words] for name in ids]


def complete(bundle: Path) -> bool:
    """Whether every file the browse page reads was written whole: the entry and the script
    end as they must, and each compressed file decompresses (gzip checks length and CRC)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        if not (bundle / "pagefind.js").read_bytes().rstrip().endswith(b"};"):
            return False
        compressed = [*bundle.glob("wasm.*.pagefind"), *(bundle / "index").iterdir()]
        for language in entry["languages"].values():
            meta = bundle / f"pagefind.{language['hash']}.pf_meta"
            pages = _read(meta)[1]
            compressed += [
                meta,
                *(bundle / "fragment" / f"{pages[row][0]}.pf_fragment" for row in _sample(len(pages))),
            ]
        return all(gzip.decompress(path.read_bytes()) for path in compressed)
    except (OSError, ValueError, KeyError, IndexError, EOFError, zlib.error):
        return False


def words(bundle: Path) -> set[str]:
    """Every word in the bundle's index, as Pagefind wrote it (lower case, most diacritics
    dropped, punctuation removed): the browse page's vocabulary (``tables.py``)."""
    return {str(entry[0]) for chunk in sorted((bundle / "index").iterdir()) for entry in _read(chunk)[0]}


def drop_scripts(bundle: Path) -> None:
    """A further shard is read by the first shard's script and WebAssembly: its own go."""
    for path in [bundle / "pagefind.js", *bundle.glob("wasm.*.pagefind")]:
        path.unlink()


def _check_order(bundle: Path, pages: list[list[Any]], urls: Sequence[str]) -> None:
    if len(pages) != len(urls):
        raise OrderError(f"Pagefind indexed {len(pages)} pages for {len(urls)} records")
    for row in _sample(len(pages)):
        fragment = gzip.decompress((bundle / "fragment" / f"{pages[row][0]}.pf_fragment").read_bytes())
        if json.loads(fragment.removeprefix(SIGNATURE))["url"].strip("/") != urls[row].strip("/"):
            raise OrderError(f"Pagefind's page {row} is not record {row} ({urls[row]})")


def _sample(pages: int) -> list[int]:
    return sorted({*range(0, pages, max(1, pages // CHECKED)), pages - 1} - {-1})


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind data file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path.name} has trailing bytes")
    return value


def _write(folder: Path, prefix: str, value: Any, suffix: str, digits: int) -> str:
    """Write ``value`` under a name made from its content; returns the name without suffix."""
    data = SIGNATURE + _encode(value)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    Writer(folder).replace(name + suffix, gzip.compress(data, compresslevel=9, mtime=0))
    return name


# --- the CBOR subset Pagefind writes: unsigned and negative integers, strings, arrays, maps, simple values
def _decode(data: bytes, at: int) -> tuple[Any, int]:
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], at
        if info == 27:
            return struct.unpack(">d", data[at : at + 8])[0], at + 8
        raise ValueError(f"unsupported CBOR simple value {info}")
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError("indefinite-length CBOR is not used by Pagefind")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        raw = data[at : at + length]
        return (raw if major == 2 else raw.decode("utf-8")), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        found = {}
        for _ in range(length):
            key, at = _decode(data, at)
            found[key], at = _decode(data, at)
        return found, at
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")
