"""Writes the Pagefind bundle (index, filters, sort keys, the search script) from records.

Pagefind's Python API drives its binary as a service; records go in as data, so the
index never depends on how a page happens to be laid out.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pagefind.index import PagefindIndex
from pagefind.service import PagefindService

from generator.search import stable
from generator.search.records import Record

BUNDLE = "pagefind"  # site-relative folder of the bundle
# One index for every course, whatever its language: the browse page searches it all at once, so
# a German title is found from the English page. Pagefind's per-language indexes would each
# bring their own ~70 KB WebAssembly stemmer to the first query (see docs/reference/decisions.md).
INDEX_LANGUAGE = "en"


@dataclass(frozen=True)
class IndexSummary:
    records: int


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


def write(records: Iterable[Record], site_dir: Path) -> IndexSummary:
    """Index every record and write the bundle to ``site_dir/pagefind/``."""
    summary = asyncio.run(_write(records, site_dir / BUNDLE))
    stable.stabilise(site_dir / BUNDLE)
    return summary


async def _write(records: Iterable[Record], out: Path) -> IndexSummary:
    count = 0
    async with _Index(config={"output_path": str(out)}) as index:
        for item in records:
            # one at a time: records in flight together are indexed in a varying order
            # (different bytes from the same commit), and are no faster
            await index.add_custom_record(url=item.url, content=item.content, language=INDEX_LANGUAGE,
                                          meta=item.meta, filters=item.filters, sort=item.sort)
            count += 1
    return IndexSummary(count)
