"""Search benchmark: the Pagefind index of synthetic catalogues, and /courses/ in Chromium.

    python benchmarks/bench_search.py                        # 10,000 and 50,000 courses
    python benchmarks/bench_search.py --sizes 1000 --keep /tmp/bench-search

For each size, in a child process: validate and model the catalogue (reported, not
counted), make the records, write the search bundle (time, the Pagefind processes' CPU
and the largest one's peak memory, the size on disk of the Pagefind index and of the
tables). Baseline, in the same run: the stock Pagefind Python API on the first
BASELINE_RECORDS records, whose per-record cost is compared with ours.

Then /courses/ (the real template and script) is served on 127.0.0.1 as a static host
serves it and driven in headless Chromium, at desktop and phone width: after the page has
loaded, the word at once (the box filled in one step, so nothing of the search is fetched
before it), then a filter, then a sort; and, in a fresh page, the word typed a key every
KEY_MS after a click in the box. Reported: bytes transferred (as encoded on the wire) and
time to results, on the page's own clock from the last input event to the frame that shows
the results. Goals at 50,000 courses: first query at most 300 KB, results within 500 ms of
typing, a filter change within 200 ms. Each width is driven --repeat times (the machines
are shared and noisy): medians are reported, with the range of each time.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gzip
import http.server
import io
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TEMPLATES = REPO / "site_templates"
BASELINE_RECORDS = 300
QUERY = "data"
KEY_MS = 150  # between keys: a quick typist
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def index_child(catalogue: Path, out: Path) -> dict[str, float]:
    """Runs in the child: everything the build does for search, measured step by step."""
    sys.path.insert(0, str(REPO))
    from datetime import date

    from generator import addresses, model
    from generator.layout import Selection
    from generator.render import browse, environment, pages
    from generator.search import index
    from generator.search.records import catalogue_records, counts
    from generator.validation import check

    today = date(2026, 11, 29)
    started = time.perf_counter()
    catalogue_model = model.build(check(Selection(catalogue.resolve(), None), today=today, keep=True))
    loaded = time.perf_counter()
    records = catalogue_records(catalogue_model.courses.values(), today)
    recorded = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = index.write(records, out)
    written = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    site = pages.Site(
        url="https://bench.example/",
        name="Bench",
        today=today,
        env=environment.create(TEMPLATES),
        catalogue=catalogue_model,
        modified={},
    )
    page = browse.browse_page(site, counts(records))
    (out / page.path).mkdir(parents=True, exist_ok=True)
    stylesheet = addresses.relative_root(page.path) + addresses.asset("catalogue.css")
    (out / page.path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        f'<link rel="stylesheet" href="{stylesheet}"><title>{browse.TITLE}</title></head>'
        f'<body><article class="md-typeset">{page.body}</article></body></html>',
        encoding="utf-8",
    )
    shutil.copytree(TEMPLATES / "assets", out / addresses.assets_folder(), dirs_exist_ok=True)
    baseline = _stock_api(records[:BASELINE_RECORDS], Path(tempfile.mkdtemp()))
    return {
        "courses": summary.records,
        "load_s": loaded - started,
        "records_s": recorded - loaded,
        "index_wall_s": written - recorded,
        "pagefind_cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "pagefind_peak_mb": after.ru_maxrss / 1024,
        "python_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "index_mb": sum(f.stat().st_size for f in (out / "pagefind").rglob("*") if f.is_file()) / 1e6,
        "index_files": sum(1 for f in (out / "pagefind").rglob("*") if f.is_file()),
        "tables_mb": sum(f.stat().st_size for f in (out / "search-tables").rglob("*") if f.is_file()) / 1e6,
        "tables_files": sum(1 for f in (out / "search-tables").rglob("*") if f.is_file()),
        "stock_api_ms_per_record": baseline * 1000 / len(records[:BASELINE_RECORDS]),
        "ours_ms_per_record": (written - recorded) * 1000 / summary.records,
    }


def _stock_api(records: list, out: Path) -> float:
    from pagefind.index import PagefindIndex

    async def run() -> None:
        async with PagefindIndex(config={"output_path": str(out / "pagefind")}) as stock:
            for item in records:
                await stock.add_custom_record(
                    url=item.url,
                    content=item.content,
                    language="en",
                    meta=item.meta,
                    filters=item.filters,
                    sort=item.sort,
                )

    started = time.perf_counter()
    asyncio.run(run())
    return time.perf_counter() - started


class _Host(http.server.SimpleHTTPRequestHandler):
    """Serves like a static host: text compressed in transit (as GitHub Pages and most CDNs do),
    Pagefind's and the tables' binary files as they are (they are gzip already)."""

    TEXT = frozenset({".html", ".js", ".css", ".json", ".svg"})

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in self.TEXT
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


def browse(site: Path, viewport: dict[str, int]) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Host, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    requests: list = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport=viewport)
            page.add_init_script(FIRST_SCREEN)
            page.on("requestfinished", lambda request: requests.append(request))  # noqa: PLW0108  # Playwright cannot call a bound list method

            def transferred(since: int) -> float:  # bytes as sent, compressed where the host compresses
                page.wait_for_load_state("networkidle")
                return sum(r.sizes()["responseBodySize"] for r in requests[since:]) / 1024

            def settle() -> None:
                page.wait_for_function(
                    "document.getElementById('mc-browse').dataset.state === 'done'", polling=5
                )

            def step(action) -> tuple[float, float]:  # type: ignore[no-untyped-def]
                mark = len(requests)
                page.evaluate("document.getElementById('mc-browse').dataset.state = 'changing'")
                action()
                settle()
                page.wait_for_function("window.__clock.done > window.__clock.start", polling=5)
                return _clock(page), transferred(mark)

            page.goto(f"http://127.0.0.1:{httpd.server_port}/courses/", wait_until="networkidle")
            settle()  # the first screen: every current course, soonest first
            page.wait_for_function("window.__firstScreen > 0", polling=5)
            first_screen_ms = page.evaluate("window.__firstScreen")
            page.evaluate(CLOCK, QUERY)
            loaded = transferred(0)
            names = [r.url.rsplit("/", 1)[-1] for r in requests]
            first_ms, first_kb = step(lambda: page.fill("#mc-q", QUERY))  # focus and the whole word at once
            fetched = {
                r.url.split("/courses/")[-1].split("127.0.0.1")[-1]: round(
                    r.sizes()["responseBodySize"] / 1024, 1
                )
                for r in requests[len(names) :]
            }
            # the guides are fetched once the courses are shown: reported on their own
            guides_kb = sum(kb for name, kb in fetched.items() if name.endswith("/guides.json"))
            first_kb -= guides_kb
            count = page.inner_text("#mc-count")
            # on a phone the filters are a drawer: the person opens it first (not counted)
            if page.locator("#mc-open").is_visible():
                page.click("#mc-open")
            page.evaluate("document.querySelector('.mc-facet[data-facet=level]').open = true")
            settle()
            page.wait_for_load_state("networkidle")
            filter_ms, filter_kb = step(page.locator('input[name="level"]').first.check)
            if page.locator("#mc-show").is_visible():  # the drawer closes on "Show N courses"
                page.click("#mc-show")
            sort_ms, sort_kb = step(lambda: page.select_option("#mc-sort", "price"))
            typed_ms = _typed(browser, f"http://127.0.0.1:{httpd.server_port}/courses/", viewport)
            browser.close()
    finally:
        httpd.shutdown()
    return {
        "first_screen_kb": loaded,
        "first_screen_ms": first_screen_ms,
        "guides_kb": guides_kb,
        "first_query_kb": first_kb,
        "first_query_ms": first_ms,
        "typed_query_ms": typed_ms,
        "filter_kb": filter_kb,
        "filter_ms": filter_ms,
        "sort_kb": sort_kb,
        "sort_ms": sort_ms,
        "found": count,
        "first_query_files": _grouped(fetched),
    }


def _typed(browser, url: str, viewport: dict[str, int]) -> float:  # type: ignore[no-untyped-def]
    """A person's first query in a fresh page: click the box, type the word a key every
    KEY_MS; the time from the last key to the results."""
    page = browser.new_page(viewport=viewport)
    page.goto(url, wait_until="networkidle")
    page.evaluate(CLOCK, QUERY)
    page.click("#mc-q")
    for key in QUERY:
        page.keyboard.type(key)
        page.wait_for_timeout(KEY_MS)
    page.wait_for_function("window.__clock.done > window.__clock.start", polling=5)
    typed = _clock(page)
    page.close()
    return typed


# The first screen: from the start of navigation to the frame that shows the first cards of
# every current course (the page's state "done" for the first time).
FIRST_SCREEN = """new MutationObserver((_, watch) => {
  const form = document.getElementById('mc-browse');
  if (!form || form.dataset.state !== 'done') return;
  watch.disconnect();
  requestAnimationFrame(() => setTimeout(() => { window.__firstScreen = performance.now(); }));
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });"""


# The page's own clock, so the automation's round trips are not counted: from the last input
# or change event to the frame that shows the results for QUERY (the page's state "done").
CLOCK = """(words) => {
  const form = document.getElementById('mc-browse');
  window.__clock = { start: 0, done: 0 };
  for (const type of ['input', 'change']) {
    form.addEventListener(type, () => { window.__clock.start = performance.now(); }, true);
  }
  new MutationObserver(() => {
    if (form.dataset.state !== 'done' || form.dataset.shown !== words) return;
    // after the next frame is painted (a frame, then a task): the results are on screen
    requestAnimationFrame(() => setTimeout(() => { window.__clock.done = performance.now(); }));
  }).observe(form, { attributes: true, attributeFilter: ['data-state'] });
}"""


def _clock(page) -> float:  # type: ignore[no-untyped-def]
    return page.evaluate("window.__clock.done - window.__clock.start")


def repeated(site: Path, viewport: dict[str, int], times: int) -> dict[str, object]:
    """``browse`` ``times`` over, in fresh browsers: the median of each figure, and the range of the times."""
    runs = [browse(site, viewport) for _ in range(times)]
    figures: dict[str, object] = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, (int, float)):
            values = sorted(float(run[key]) for run in runs)  # type: ignore[arg-type]
            figures[key] = statistics.median(values)
            if key.endswith("_ms"):
                figures[key + "_range"] = [values[0], values[-1]]
    return figures


def _grouped(fetched: dict[str, float]) -> dict[str, float]:
    """The first query's bytes by kind of file (cards and index chunks summed)."""
    groups: dict[str, float] = {}
    for name, kb in fetched.items():
        kind = (
            "cards"
            if "/card/" in name
            else "index chunks"
            if "/index/" in name
            else name.rsplit("/", 1)[-1].split(".")[0]
            if "pf_meta" not in name
            else "pagefind metadata"
        )
        groups[kind] = round(groups.get(kind, 0) + kb, 1)
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--keep", type=Path, help="keep catalogues and bundles here")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--repeat", type=int, default=5, help="browser runs per width (medians reported)")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(index_child(*args.child)))
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    figures = []
    for size in args.sizes:
        catalogue, out = work / f"catalogue-{size}", work / f"site-{size}"
        if not catalogue.exists():
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "synth.py"),
                    str(catalogue),
                    "--courses",
                    str(size),
                    "--invalid-share",
                    "0",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        shutil.rmtree(out, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(catalogue), str(out)],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["desktop"] = repeated(out, {"width": 1280, "height": 900}, args.repeat)
        row["phone"] = repeated(out, {"width": 390, "height": 844}, args.repeat)
        row["speedup_vs_stock_api"] = row["stock_api_ms_per_record"] / row["ours_ms_per_record"]
        figures.append(row)
        print(json.dumps(row, indent=1), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
