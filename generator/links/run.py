"""Checking many links at once: bounded concurrency overall and per host, cache first."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from generator.links import state
from generator.links.probe import Outcome, probe

PER_HOST = 2  # a provider's server sees at most two requests at a time from us


@dataclass(frozen=True)
class Options:
    workers: int = 8
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    max_age: timedelta = timedelta(days=7)
    min_gap: timedelta = timedelta(hours=20)
    allow_private: bool = False
    offline: bool = False  # report from the cache only; fetch nothing


@dataclass
class Run:
    records: dict[str, state.Record]
    fetched: int
    cached: int


def check(
    urls: Iterable[str],
    cache: dict[str, state.Record],
    now: datetime,
    options: Options,
    fetch: Callable[..., Outcome] = probe,
) -> Run:
    """Fetch what is due, keep the rest from the cache; URLs no longer used are forgotten."""
    urls = sorted(set(urls))
    due = [] if options.offline else [u for u in urls if state.due(cache.get(u), now, options.max_age)]
    hosts: dict[str, threading.Semaphore] = {}
    lock = threading.Lock()

    def one(url: str) -> Outcome:
        with lock:
            gate = hosts.setdefault(urlsplit(url).netloc.lower(), threading.Semaphore(PER_HOST))
        with gate:
            return fetch(
                url,
                timeout=options.timeout,
                retries=options.retries,
                backoff=options.backoff,
                allow_private=options.allow_private,
            )

    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        outcomes = dict(zip(due, pool.map(one, due), strict=True))
    records = {u: state.update(cache.get(u), outcomes[u], now, options.min_gap) for u in due}
    records |= {u: cache[u] for u in urls if u not in outcomes and u in cache}
    return Run(records, len(due), len(records) - len(due))
