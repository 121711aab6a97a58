"""Writes the search bundle from records: Pagefind's word index, and the tables beside it.

Pagefind's Python API drives its binary as a service; records go in as data, so the
index never depends on how a page happens to be laid out. Pagefind gets only the words:
its filters, sorts and per-page metadata would all be fetched with the first query (at
50,000 courses its metadata file alone was 787 KB), so facets, sorts and cards come from
``tables.py`` instead, and ``stable.py`` trims the bundle to what the browse page reads.
"""

from __future__ import annotations

import asyncio
import base64
import html
import json
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pagefind.index import PagefindIndex
from pagefind.service import PagefindService

from generator import addresses
from generator.search import stable, tables
from generator.search.guides import Section
from generator.search.records import Record

# One index for every course, whatever its language: the browse page searches it all at once, so
# a German title is found from the English page. Pagefind's per-language indexes would each
# bring their own ~70 KB WebAssembly stemmer to the first query (see docs/reference/decisions.md).
INDEX_LANGUAGE = "und"
DESCRIPTION_WEIGHT = 0.5  # a paragraph weighs 1, a first-level heading (the title) 7
SHARD_SIZE = 25_000
ATTEMPTS = 3
VOCABULARY_ID = "words"  # Pagefind's id of the vocabulary page: not hexadecimal, so never a row


@dataclass(frozen=True)
class IndexSummary:
    records: int
    tables: str  # the name of this build's tables' folder (``addresses.search_tables_version``)


class _Service(PagefindService):
    """The API's service reads one response every 100 ms (a fixed sleep in its polling
    loop): 50,000 records would take 80 minutes. This reads responses as they come."""

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        while True:
            output = await self._backend.stdout.readuntil(b",")
            response: dict[str, Any] | None = json.loads(base64.b64decode(output[:-1]))
            future = self._responses.pop(response.get("message_id"), None) if response else None  # type: ignore[arg-type]
            if future is None:
                continue
            payload = response["payload"]  # type: ignore[index]
            if payload["type"] == "Error":
                future.set_exception(RuntimeError(f"pagefind: {payload['message']}"))
            else:
                future.set_result(payload)


class _Index(PagefindIndex):
    async def _start(self) -> PagefindIndex:
        self._service = await _Service().launch()
        self._index_id = (await self._service.create_index(self._config))._index_id
        return self


def shard_count(records: int) -> int:
    """Pagefind scores each result against every match of the query's words, so a search costs
    the square of the pages it finds (a word in a sixth of 50,000 courses took 420 ms). Shards
    of at most SHARD_SIZE courses, searched one after the other, cut that by the number of
    shards; each costs the query one more index chunk (about 20 KB). They also bound the
    indexer's memory."""
    return max(1, -(-records // SHARD_SIZE))


def write(records: Iterable[Record], site_dir: Path, guides: Sequence[Section] = ()) -> IndexSummary:
    """Index every record into the search bundle under ``site_dir`` and write its tables beside
    it (``addresses.search_bundle``, ``addresses.search_tables``), with the ``guides``' sections.

    Row ``r`` goes to shard ``r % shards`` (each shard gets courses of every provider, so the
    shards weigh words alike), and is that shard's page ``r // shards`` (see ``page_id``)."""
    records = list(records)
    if not records:  # nothing to index: Pagefind would write no files; the page finds nothing
        return IndexSummary(0, tables.write(records, 0, 0, site_dir, guides=guides))
    shards = shard_count(len(records))
    parts: list[Sequence[Record]] = [records[shard::shards] for shard in range(shards)]
    if shards > 1:
        words = vocabulary(records)
        parts = [[*part, words] for part in parts]
    staging = [site_dir / f".search-bundle-{shard}" for shard in range(shards)]  # renamed when complete
    asyncio.run(_write_all(parts, staging))
    per_shard = -(-len(records) // shards)
    known: set[str] = set()
    for shard, (part, folder) in enumerate(zip(parts, staging, strict=True)):
        ids = [page_id(shard, row // shards, per_shard, shards) for row in range(shard, len(records), shards)]
        stable.stabilise(folder, [item.url for item in part], ids + [VOCABULARY_ID] * (shards > 1))
        known |= stable.words(folder)
        if shard:
            stable.drop_scripts(folder)
        shutil.rmtree(site_dir / addresses.search_bundle(shard), ignore_errors=True)  # a dirty rebuild's
        folder.rename(site_dir / addresses.search_bundle(shard))
    return IndexSummary(len(records), tables.write(records, shards, per_shard, site_dir, known, guides))


def page_id(shard: int, page: int, per_shard: int, shards: int) -> str:
    """Pagefind's id of a shard's page: numbered shard after shard, so each shard's ids run in
    sequence, which compresses best (its metadata file lists them all, and is fetched before
    the first result). The browse page turns id ``shard * per_shard + page`` back into row
    ``page * shards + shard``."""
    return tables.row_name(shard * per_shard + page, per_shard * shards)


def vocabulary(records: Sequence[Record]) -> Record:
    """A page with every word of the catalogue, once, added to every shard. Where no word starts
    with what was typed, Pagefind matches the longest word that begins it ("data" finds "da"):
    were a word missing from one shard, that shard would answer with such near misses. With
    every word in every shard, all shards match the same words. The page is no course: its id
    is not a row, and the browse page leaves it out."""
    words = sorted({word for item in records for word in item.text.split()})
    return Record(url=addresses.SEARCH_VOCABULARY, content=" ".join(words), meta={}, filters={}, sort={})


async def _write_all(shards: list[Sequence[Record]], outs: list[Path]) -> None:
    # each shard has its own Pagefind process: they index side by side
    await asyncio.gather(*(_write_whole(records, out) for records, out in zip(shards, outs, strict=True)))


async def _write_whole(records: Sequence[Record], out: Path) -> None:
    """Pagefind answers "files written" while its last writes may still be in flight, and the
    API then stops it: a busy machine was seen to leave an empty entry file. Such a bundle is
    written again, from scratch (Pagefind does not rewrite a file that exists)."""
    for _ in range(ATTEMPTS):
        shutil.rmtree(out, ignore_errors=True)
        await _write(records, out)
        if stable.complete(out):
            return
    raise RuntimeError(f"Pagefind left an incomplete bundle in {out} {ATTEMPTS} times")


async def _write(records: Sequence[Record], out: Path) -> None:
    async with _Index(config={"output_path": str(out)}) as index:
        for item in records:
            # one at a time: Pagefind numbers its pages in the order they come, which is what
            # makes page i row i of the tables (records in flight together were no faster)
            await index.add_html_file(url=item.url, content=page(item))


def page(item: Record) -> str:
    """The record as the page Pagefind indexes: each title a first-level heading, which Pagefind
    weighs seven times a paragraph, and the description at half a paragraph's weight, so a
    word in a title ranks a course above one that has it only in its description."""
    title = "".join(f"<h1>{html.escape(line)}</h1>" for line in item.title.splitlines())
    body = "".join(f"<p>{html.escape(line)}</p>" for line in item.content.splitlines())
    more = "".join(
        f'<p data-pagefind-weight="{DESCRIPTION_WEIGHT}">{html.escape(line)}</p>'
        for line in item.description.splitlines()
    )
    return (
        f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><head></head><body>{title}{body}{more}</body></html>'
    )
