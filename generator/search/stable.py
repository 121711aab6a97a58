"""Makes Pagefind's bundle byte-identical from one build of the same commit to the next.

Pagefind writes its filter files and the lists in its metadata file in hash-map order,
which changes from run to run (its fragments and word index are already stable). Here the
filter files and those lists are decoded, sorted, encoded again, renamed after their new
content, and the metadata and entry files follow. The files are gzip-compressed CBOR
behind a ``pagefind_dcd`` signature; the small CBOR codec below covers what they use.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def stabilise(bundle: Path) -> None:
    """Rewrite ``bundle``'s filter, metadata and entry files in a canonical order."""
    renamed = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, entries = _read(path)
        old = path.stem
        new = _write(bundle / "filter", old.split("_")[0], [name, sorted(entries, key=lambda e: e[0])], ".pf_filter", 7)
        if new != old:
            path.unlink()
        renamed[old] = new
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _canonical_meta(_read(meta_path), renamed)
        new = _write(bundle, "pagefind." + language["hash"].split("_")[0], meta, ".pf_meta", 10)
        if meta_path.name != new + ".pf_meta":
            meta_path.unlink()
        language["hash"] = new.removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _canonical_meta(meta: list[Any], renamed: dict[str, str]) -> list[Any]:
    """Filter references renamed, and the keyed lists (filters, sorts) in key order."""
    out = []
    for item in meta:
        if _keyed_list(item):
            item = sorted(([key, renamed.get(value, value)] if isinstance(value, str) else [key, value])
                          for key, value in item)
        out.append(item)
    return out


def _keyed_list(item: Any) -> bool:
    return (isinstance(item, list) and bool(item)
            and all(isinstance(e, list) and len(e) == 2 and isinstance(e[0], str) and isinstance(e[1], (str, list))
                    for e in item))


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
    (folder / (name + suffix)).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
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
            return struct.unpack(">d", data[at:at + 8])[0], at + 8
        raise ValueError(f"unsupported CBOR simple value {info}")
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError("indefinite-length CBOR is not used by Pagefind")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        raw = data[at:at + length]
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
