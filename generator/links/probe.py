"""One URL, fetched the way a browser would, with a deadline and retries for transient failures.

A GET, not a HEAD: many servers answer HEAD with 403, 404 or 405 for pages that work.
Only the first kilobyte is read. A 404 or 410 is definite for this run; timeouts, refused
connections, 429 and 5xx are retried with a growing pause.

Provider text chooses the URLs, so it must never make the checker reach the machine it runs
on or its network. Each host is checked before anything is sent, and the check holds for
the connection that follows:

- the host must be written plainly: no percent-escapes, no user name, no numeric forms
  other than a dotted quad (``http://%31%32%37.0.0.1/``, ``http://2130706433/`` and
  ``http://0x7f.1/`` are refused unread, whatever a resolver would make of them);
- the name is resolved once, every address it resolves to must be public, and the
  connection goes to that checked address (a second lookup could answer differently:
  DNS rebinding);
- every redirect goes through the same checks;
- the whole fetch, redirects included, has one deadline that a slow-drip server cannot
  stretch, and the body read is capped.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from generator import addresses

USER_AGENT = (
    "micro-credential-catalogue-linkcheck/1 "
    f"(+{addresses.url('https://microcredentials.example/', addresses.links_report_page())})"
)
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
BODY_CAP = 1024  # bytes read of a page: enough to know it answers

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Reachable = Callable[[IPAddress, int], bool]

_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_DOTTED_QUAD = re.compile(
    r"^(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"
)
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    status: int | None  # HTTP status of the last answer; None when there was none
    error: str  # "" when ok
    final_url: str  # after redirects
    transient: bool = False  # worth trying again


class Refused(Exception):
    """The URL is not fetched: its host is disguised, private or local (not worth retrying)."""


def public(ip: IPAddress, port: int) -> bool:
    """The default policy: only globally routable addresses, on any port."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return public(ip.ipv4_mapped, port)
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def anywhere(ip: IPAddress, port: int) -> bool:
    """Tests only: a local test server is private by nature."""
    return True


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str
    host: str  # as sent in the Host header and for TLS: lower case, IDNA-encoded
    port: int
    path: str  # path and query, as sent in the request line


def target(url: str) -> Target:
    """The URL's parts once its host is known to be written plainly; ``Refused`` otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused("not a web address")
    if "@" in parts.netloc or "%" in parts.netloc:
        raise Refused("not checked: the host is disguised (user name or percent-escapes)")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused("not checked: the port is not a number") from None
    host = _plain_host(parts.hostname or "")
    path = parts.path or "/"
    return Target(parts.scheme, host, port, path + (f"?{parts.query}" if parts.query else ""))


def _plain_host(host: str) -> str:
    if ":" in host:  # an IPv6 literal (brackets already removed)
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError:
            raise Refused("not checked: the host is not a valid address") from None
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise Refused("not checked: the host is not a valid name") from None
    labels = ascii_host.split(".")
    if not labels or not all(_LABEL.match(label) for label in labels):
        raise Refused("not checked: the host is not a valid name")
    if _NUMERIC_LABEL.match(labels[-1]) and not _DOTTED_QUAD.match(ascii_host):
        raise Refused("not checked: the host is an unusual form of a numeric address")
    return ascii_host


def resolve(host: str, port: int, reachable: Reachable) -> str:
    """The one address the connection will use, after checking every address the name has."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise ConnectionError(f"the name does not resolve ({exc})") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses or not all(reachable(ip, port) for ip in addresses):
        raise Refused("not checked: the address is private or local")
    return str(addresses[0])


class _Pinned(http.client.HTTPConnection):
    """Plain HTTP to the address that was checked, whatever the name resolves to now."""

    def __init__(self, target: Target, address: str, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    """TLS to the checked address; the certificate is verified against the name."""

    def __init__(self, target: Target, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


def _cut(connection: http.client.HTTPConnection) -> None:
    """At the deadline: end the connection under whatever read is waiting on it."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _request(where: Target, address: str, deadline: float) -> tuple[int, str]:
    """(status, Location header) of one GET, with at most BODY_CAP bytes read."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("timed out")
    kind = _PinnedTLS if where.scheme == "https" else _Pinned
    connection = kind(where, address, remaining)
    watchdog = threading.Timer(remaining, _cut, (connection,))
    watchdog.start()
    try:
        connection.request(
            "GET",
            where.path,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8", "Connection": "close"},
        )
        response = connection.getresponse()
        response.read(BODY_CAP)
        return response.status, response.getheader("Location") or ""
    finally:
        watchdog.cancel()
        connection.close()


def fetch_once(
    url: str, timeout: float, allow_private: bool = False, reachable: Reachable | None = None
) -> Outcome:
    """One attempt, redirects included, within ``timeout`` seconds in all."""
    allowed = reachable or (anywhere if allow_private else public)
    deadline = time.monotonic() + timeout
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            where = target(current)
            status, location = _request(where, resolve(where.host, where.port, allowed), deadline)
            if status in REDIRECT_STATUS and location:
                current = urljoin(current, location)
                continue
            if status >= 400:
                return Outcome(False, status, f"HTTP {status}", current, status in RETRY_STATUS)
            return Outcome(True, status, "", current)
        return Outcome(False, None, "too many redirects", current)
    except Refused as exc:
        return Outcome(False, None, str(exc), current)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        late = time.monotonic() >= deadline
        return Outcome(False, None, "timed out" if late else _reason(exc), current, True)


def _reason(reason: BaseException) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    return str(reason) or reason.__class__.__name__


def probe(
    url: str,
    timeout: float = 10.0,
    retries: int = 2,
    backoff: float = 1.0,
    allow_private: bool = False,
    reachable: Reachable | None = None,
) -> Outcome:
    """``retries`` more attempts after a transient failure, pausing ``backoff`` × 1, 2, 4… seconds."""
    outcome = fetch_once(url, timeout, allow_private, reachable)
    for attempt in range(retries):
        if outcome.ok or not outcome.transient:
            break
        time.sleep(backoff * 2**attempt)
        outcome = fetch_once(url, timeout, allow_private, reachable)
    return outcome
