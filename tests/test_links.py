"""The link checker against a local HTTP server on 127.0.0.1: 200, 404, a redirect, a slow
answer and a flaky one; the cache and the two-runs rule; the report and the site page."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.links import probe as probe_module
from generator.links import run as links_run
from generator.links import state
from generator.links.probe import Outcome, probe

NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
FAST = {"timeout": 0.5, "backoff": 0.01, "allow_private": True}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    hits: Counter[str]
    flaky_failures: int


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        if self.path == "/ok":
            self._answer(200)
        elif self.path == "/moved":
            self._answer(301, location="/ok")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._answer(200)
        elif self.path == "/flaky" and self.server.hits[self.path] <= self.server.flaky_failures:
            self._answer(503)
        elif self.path == "/flaky":
            self._answer(200)
        else:
            self._answer(404)

    def _answer(self, status: int, location: str = "") -> None:
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the slow answer's client has given up

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[Server]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.hits, httpd.flaky_failures = Counter(), 1
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def url(server: Server, path: str, scheme: str = "http") -> str:
    return f"{scheme}://127.0.0.1:{server.server_address[1]}{path}"


def test_200_is_ok(server: Server) -> None:
    outcome = probe(url(server, "/ok"), **FAST)
    assert outcome.ok and outcome.status == 200


def test_404_fails_at_once_without_retrying(server: Server) -> None:
    outcome = probe(url(server, "/gone"), retries=3, **FAST)
    assert (outcome.ok, outcome.status, outcome.error, outcome.transient) == (False, 404, "HTTP 404", False)
    assert server.hits["/gone"] == 1


def test_a_redirect_is_followed(server: Server) -> None:
    outcome = probe(url(server, "/moved"), **FAST)
    assert outcome.ok and outcome.final_url == url(server, "/ok")


def test_a_slow_answer_times_out_and_is_retried(server: Server) -> None:
    outcome = probe(url(server, "/slow"), retries=1, **FAST)
    assert not outcome.ok and outcome.transient and outcome.error == "timed out"
    assert server.hits["/slow"] == 2


def test_a_flaky_link_passes_on_retry(server: Server) -> None:
    outcome = probe(url(server, "/flaky"), retries=2, **FAST)
    assert outcome.ok and server.hits["/flaky"] == 2


def test_a_flaky_link_with_no_retry_is_a_transient_failure(server: Server) -> None:
    outcome = probe(url(server, "/flaky"), retries=0, **FAST)
    assert not outcome.ok and outcome.status == 503 and outcome.transient


def test_local_addresses_are_not_fetched_unless_allowed(server: Server) -> None:
    outcome = probe(url(server, "/ok"), timeout=0.5)
    assert not outcome.ok and "private or local" in outcome.error
    assert server.hits["/ok"] == 0


def _check(
    server: Server, paths: list[str], cache: dict[str, state.Record], now: datetime, **options: object
) -> links_run.Run:
    settings = links_run.Options(timeout=0.5, retries=0, backoff=0.01, allow_private=True, **options)  # type: ignore[arg-type]
    return links_run.check([url(server, p) for p in paths], cache, now, settings)


def test_broken_only_after_failing_on_two_separate_runs(server: Server) -> None:
    first = _check(server, ["/gone", "/ok"], {}, NOW)
    gone = first.records[url(server, "/gone")]
    assert not gone.ok and gone.failed_runs == 1 and not gone.broken
    again_soon = _check(server, ["/gone", "/ok"], first.records, NOW + timedelta(minutes=5))
    assert not again_soon.records[url(server, "/gone")].broken, "a re-run minutes later is not a separate run"
    next_day = _check(server, ["/gone", "/ok"], again_soon.records, NOW + timedelta(days=1))
    record = next_day.records[url(server, "/gone")]
    assert record.broken and record.failing_since == NOW.isoformat(timespec="seconds")


def test_a_link_that_works_again_is_forgiven(server: Server) -> None:
    server.flaky_failures = 1
    first = _check(server, ["/flaky"], {}, NOW)
    assert first.records[url(server, "/flaky")].failed_runs == 1
    second = _check(server, ["/flaky"], first.records, NOW + timedelta(days=1))
    assert second.records[url(server, "/flaky")].ok and second.records[url(server, "/flaky")].failed_runs == 0


def test_the_cache_spares_working_links_until_they_are_old(server: Server, tmp_path: Path) -> None:
    first = _check(server, ["/ok", "/gone"], {}, NOW)
    state.save(tmp_path / "links.json", first.records)
    cache = state.load(tmp_path / "links.json")
    assert cache == first.records
    second = _check(server, ["/ok", "/gone"], cache, NOW + timedelta(days=1))
    assert (second.fetched, second.cached) == (1, 1) and server.hits["/ok"] == 1 and server.hits["/gone"] == 2
    _check(server, ["/ok"], cache, NOW + timedelta(days=8))
    assert server.hits["/ok"] == 2


def test_an_unreadable_cache_is_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / "links.json").write_text("{not json")
    assert state.load(tmp_path / "links.json") == {}


def test_concurrency_is_bounded_overall_and_per_host() -> None:
    lock, active, peak, per_host = threading.Lock(), Counter[str](), [0], Counter[str]()

    def fake(link: str, **_: object) -> Outcome:
        host = link.split("/")[2]
        with lock:
            active[host] += 1
            peak[0] = max(peak[0], sum(active.values()))
            per_host[host] = max(per_host[host], active[host])
        time.sleep(0.05)
        with lock:
            active[host] -= 1
        return Outcome(True, 200, "", link)

    urls = [f"https://host{i % 4}.example/{i}" for i in range(24)]
    links_run.check(urls, {}, NOW, links_run.Options(workers=6), fetch=fake)
    assert 1 < peak[0] <= 6
    assert max(per_host.values()) <= links_run.PER_HOST


def named(link: str) -> str:
    return link.replace("127.0.0.1", "localhost")


def test_the_command_writes_the_cache_and_a_report_per_provider(
    server: Server, base_catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Catalogue URLs must be https with a host name; the test server speaks http on
    # 127.0.0.1 only, and no test leaves this machine: the catalogue names it
    # https://localhost:PORT/, and the sample's other (example.org-style) links go to /ok.
    real = probe_module.fetch_once

    def local(link: str, *args: object, **kwargs: object) -> Outcome:
        return real(
            link.replace("https://localhost", "http://127.0.0.1")
            if "localhost" in link
            else url(server, "/ok"),
            *args,
            **kwargs,
        )

    monkeypatch.setattr(probe_module, "fetch_once", local)
    course = base_catalogue / "case-provider" / "courses" / "feeder-course.yaml"
    course.write_text(
        course.read_text().replace(
            "https://www.case-provider.example/courses/feeder", named(url(server, "/gone", "https"))
        )
    )
    provider = base_catalogue / "second-provider" / "provider.yaml"
    provider.write_text(
        provider.read_text().replace("https://second.example/", named(url(server, "/moved", "https")))
    )
    cache, report = tmp_path / "cache.json", tmp_path / "report.json"
    args = [
        "links",
        "--catalogue",
        str(base_catalogue),
        "--cache",
        str(cache),
        "--report",
        str(report),
        "--timeout",
        "0.5",
        "--retries",
        "0",
        "--min-gap",
        "0",
        "--allow-private-addresses",
    ]
    first = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "0 broken, 1 failing once" in first.output
    assert json.loads(report.read_text())["providers"]["case-provider"]["broken"] == []
    second = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert "1 broken, 0 failing once" in second.output
    found = json.loads(report.read_text())
    assert list(found["providers"]) == ["case-provider"]
    [broken] = found["providers"]["case-provider"]["broken"]
    assert broken["url"] == named(url(server, "/gone", "https")) and broken["status"] == 404
    assert broken["used_in"] == [{"course": "case-provider/feeder-course", "field": "url"}]
    assert server.hits["/moved"] == 1, "a working link is taken from the cache on the second run"


def test_the_site_lists_broken_links_per_provider(base_catalogue: Path, tmp_path: Path) -> None:
    from sitebuild import build, page

    report = {
        "generated": "2026-11-29T03:00:00+00:00",
        "counts": {"links": 9, "fetched": 9, "from_cache": 0, "broken": 1, "failing_once": 0},
        "providers": {
            "case-provider": {
                "broken": [
                    {
                        "url": "https://www.case-provider.example/courses/feeder?a=<b>",
                        "status": 404,
                        "error": "HTTP 404",
                        "since": "2026-11-28T03:00:00+00:00",
                        "failed_runs": 2,
                        "used_in": [{"course": "case-provider/feeder-course", "field": "url"}],
                    }
                ],
                "failing_once": [],
            }
        },
    }
    (tmp_path / "report.json").write_text(json.dumps(report))
    out = tmp_path / "site"
    done = build(
        out,
        base_catalogue,
        extra_env={"CATALOGUE_LINKS_REPORT": str(tmp_path / "report.json"), "CATALOGUE_FEEDS": "false"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    links = page(out, "reports/links")
    section = links.find("h2", id="case-provider")
    assert section.get_text(strip=True) == "Case Provider College"
    item = section.find_next("ul").li
    assert (
        item.code.get_text() == "https://www.case-provider.example/courses/feeder?a=<b>"
    )  # shown as text, escaped
    assert item.find("a", href="../../courses/case-provider/feeder-course/") is not None
    assert links.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None


def test_without_a_report_there_is_no_links_page(base_catalogue: Path, tmp_path: Path) -> None:
    from sitebuild import build

    out = tmp_path / "site"
    assert build(out, base_catalogue, extra_env={"CATALOGUE_FEEDS": "false"}).returncode == 0
    assert not (out / "reports").exists()
