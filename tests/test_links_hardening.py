"""The link checker cannot be turned inward: disguised, private and local addresses are never
connected to, directly or by redirect; a name is resolved once and the checked address is
the one connected to; one deadline bounds a whole fetch; the body read is capped.

A local listener counts the connections it accepts, and every connection attempt the
checker makes is recorded, so "refused" means "nothing was sent", not just an error text.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.links import probe as probe_module
from generator.links.probe import IPAddress, fetch_once, probe


class Listener:
    """A TCP server on 127.0.0.1 that only counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    server = Listener()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture()
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every address the checker tries to connect to (then connects for real)."""
    seen: list[tuple[str, int]] = []
    real = socket.create_connection

    def recording(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        seen.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(probe_module.socket, "create_connection", recording)
    return seen


def disguises(port: int) -> list[str]:
    """Loopback written every way a URL parser, a resolver or a browser might accept."""
    hosts = [
        "127.0.0.1",
        "localhost",
        "LOCALHOST",
        "localhost.",
        "%31%32%37.0.0.1",
        "localhos%74",
        "127.0.0.1%2f",
        "2130706433",
        "0x7f000001",
        "0x7f.1",
        "0177.0.0.1",
        "0177.0.0.01",
        "127.1",
        "127.0.1",
        "127.000.000.001",
        "0",
        "0.0.0.0",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[0:0:0:0:0:0:0:1]",
        "[::]",
        "１２７.０.０.１",  # full-width digits: IDNA folds them to 127.0.0.1
        "127。0。0。1",  # ideographic full stops
        "user@127.0.0.1",
        "www.example.org@127.0.0.1",
        "127.0.0.1#@www.example.org",
    ]
    return [f"{scheme}://{host}:{port}/" for host in hosts for scheme in ("http", "https")]


# Addresses that cannot be listened on here: private ranges, link-local, carrier-grade NAT,
# cloud metadata services, multicast, documentation and the unspecified address.
ELSEWHERE = [
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://[fd00:ec2::254]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://2852039166/",  # 169.254.169.254 as one number
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://0251.0376.0251.0376/",
    "http://224.0.0.1/",
    "http://192.0.2.1/",
    "http://metadata.google.internal/",
    "http://%6d%65%74%61%64%61%74%61.google.internal/",
]


def test_no_disguise_of_loopback_is_connected_to(listener: Listener, attempts: list[tuple[str, int]]) -> None:
    for url in disguises(listener.port):
        outcome = fetch_once(url, timeout=1.0)
        assert not outcome.ok and not outcome.transient, (url, outcome)
    assert attempts == []
    assert listener.accepted == 0


def test_no_private_link_local_or_metadata_address_is_connected_to(attempts: list[tuple[str, int]]) -> None:
    for url in ELSEWHERE:
        outcome = probe(url, timeout=1.0, retries=0)
        assert not outcome.ok, url
    assert attempts == []


class Server(ThreadingHTTPServer):
    daemon_threads = True


class RedirectHandler(BaseHTTPRequestHandler):
    """``/to?u=<url>`` answers 302 to ``<url>``."""

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        self.send_response(302)
        self.send_header("Location", query["u"][0])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    """A threaded HTTP server on 127.0.0.1 for the test's duration; yields its port."""
    httpd = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture()
def redirector() -> Iterator[int]:
    yield from serving(RedirectHandler)


def only(port: int) -> Callable[[IPAddress, int], bool]:
    """A policy that treats the redirector as a public server, and nothing else local."""
    return lambda ip, p: ip == ipaddress.ip_address("127.0.0.1") and p == port


def test_a_redirect_to_any_disguise_of_loopback_or_a_private_address_is_refused(
    listener: Listener, redirector: int, attempts: list[tuple[str, int]]
) -> None:
    hostile = [*disguises(listener.port), *ELSEWHERE, f"//127.0.0.1:{listener.port}/"]
    for destination in hostile:
        start = f"http://127.0.0.1:{redirector}/to?u={quote(destination, safe='')}"
        outcome = fetch_once(start, timeout=1.0, reachable=only(redirector))
        assert not outcome.ok, destination
    assert set(attempts) == {("127.0.0.1", redirector)}
    assert listener.accepted == 0


def test_a_name_is_resolved_once_and_the_checked_address_is_connected_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: the first answer is public, every later one is loopback."""
    answers = iter(["93.184.216.34"] + ["127.0.0.1"] * 10)
    lookups: list[str] = []
    connected: list[tuple[str, int]] = []

    def rebinding(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def refuse(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        connected.append(address)
        raise ConnectionRefusedError("refused in the test")

    monkeypatch.setattr(probe_module.socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(probe_module.socket, "create_connection", refuse)
    outcome = fetch_once("https://rebind.example/", timeout=1.0)
    assert not outcome.ok and outcome.transient
    assert lookups == ["rebind.example"]
    assert connected == [("93.184.216.34", 443)]


def test_a_name_with_one_private_address_among_public_ones_is_refused(
    monkeypatch: pytest.MonkeyPatch, attempts: list[tuple[str, int]]
) -> None:
    def mixed(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
            for address in ("93.184.216.34", "10.1.2.3")
        ]

    monkeypatch.setattr(probe_module.socket, "getaddrinfo", mixed)
    outcome = fetch_once("https://mixed.example/", timeout=1.0)
    assert not outcome.ok and "private or local" in outcome.error and not outcome.transient
    assert attempts == []


class DripHandler(BaseHTTPRequestHandler):
    """``/drip`` sends its status line a byte every 0.1 s, forever; ``/endless`` sends an
    endless body quickly."""

    def do_GET(self) -> None:
        try:
            if self.path == "/drip":
                for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 10_000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
                while True:
                    self.wfile.write(b"<p>more</p>" * 1000)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def drip() -> Iterator[int]:
    yield from serving(DripHandler)


def test_a_slow_drip_server_cannot_stretch_the_deadline(drip: int) -> None:
    """Each byte comes well within the socket timeout; the whole fetch still ends on time."""
    began = time.monotonic()
    outcome = fetch_once(f"http://127.0.0.1:{drip}/drip", timeout=1.0, allow_private=True)
    took = time.monotonic() - began
    assert not outcome.ok and outcome.error == "timed out" and outcome.transient
    assert took < 3.0  # the deadline is 1 s; without it the drip would take over 1,000 s


def test_an_endless_body_is_not_read_to_its_end(drip: int) -> None:
    outcome = fetch_once(f"http://127.0.0.1:{drip}/endless", timeout=5.0, allow_private=True)
    assert outcome.ok and outcome.status == 200


def test_the_links_command_on_a_catalogue_of_inward_urls_connects_to_none(
    listener: Listener, base_catalogue: Path, tmp_path: Path, attempts: list[tuple[str, int]]
) -> None:
    """Disguised hosts cannot be in a valid catalogue (the schema refuses them, so the command
    stops before fetching); names that resolve inward are refused when checked."""
    course = base_catalogue / "case-provider/courses/feeder-course.yaml"
    original = course.read_text("utf-8")
    link = "https://www.case-provider.example/courses/feeder"
    args = ["links", "--catalogue", str(base_catalogue), "--cache", str(tmp_path / "cache.json")]
    args += ["--report", str(tmp_path / "report.json"), "--timeout", "1", "--retries", "0"]
    for disguised in disguises(listener.port)[::2]:
        course.write_text(original.replace(link, disguised.replace("http://", "https://")), "utf-8")
        refused = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert refused.exit_code != 0 or "localhost" in disguised.lower(), (disguised, refused.output)
    course.write_text(original.replace(link, f"https://localhost:{listener.port}/courses/feeder"), "utf-8")
    done = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert listener.accepted == 0
    assert not [a for a in attempts if a[0] in ("127.0.0.1", "::1")]
