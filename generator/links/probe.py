"""One URL, fetched the way a browser would, with a timeout and retries for transient failures.

A GET, not a HEAD: many servers answer HEAD with 403, 404 or 405 for pages that work.
Only the first bytes are read. A 404 or 410 is definite for this run; timeouts, refused
connections, 429 and 5xx are retried with a growing pause.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator import addresses

USER_AGENT = (
    "micro-credential-catalogue-linkcheck/1 "
    f"(+{addresses.url('https://microcredentials.example/', addresses.links_report_page())})"
)
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    status: int | None  # HTTP status of the last answer; None when there was none
    error: str  # "" when ok
    final_url: str  # after redirects
    transient: bool = False  # worth trying again


def private_address(url: str) -> bool:
    """True when the host is (or resolves to) a loopback, private, link-local or reserved address.
    Provider text must not make the checker probe the machine it runs on or its network."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False  # unresolvable: the fetch itself will fail and say so
    return any(_internal(ipaddress.ip_address(str(a).split("%")[0])) for a in addresses)


def _internal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects, but never to a private address (unless allowed) or away from http(s)."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme not in ("http", "https") or (
            not self.allow_private and private_address(newurl)
        ):
            raise urllib.error.HTTPError(
                newurl, code, "redirect to a private or non-web address", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_once(url: str, timeout: float, allow_private: bool = False) -> Outcome:
    if urlsplit(url).scheme not in ("http", "https"):
        return Outcome(False, None, "not a web address", url)
    if not allow_private and private_address(url):
        return Outcome(False, None, "not checked: the address is private or local", url)
    opener = urllib.request.build_opener(_Redirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"})
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read(1024)
            return Outcome(True, response.status, "", response.geturl())
    except urllib.error.HTTPError as exc:
        return Outcome(False, exc.code, f"HTTP {exc.code}", exc.geturl() or url, exc.code in RETRY_STATUS)
    except urllib.error.URLError as exc:
        return Outcome(False, None, _reason(exc.reason), url, True)
    except (TimeoutError, ConnectionError, http.client.HTTPException, OSError, ValueError) as exc:
        return Outcome(False, None, _reason(exc), url, True)


def _reason(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    return str(reason) or reason.__class__.__name__


def probe(
    url: str, timeout: float = 10.0, retries: int = 2, backoff: float = 1.0, allow_private: bool = False
) -> Outcome:
    """``retries`` more attempts after a transient failure, pausing ``backoff`` × 1, 2, 4… seconds."""
    outcome = fetch_once(url, timeout, allow_private)
    for attempt in range(retries):
        if outcome.ok or not outcome.transient:
            break
        time.sleep(backoff * 2**attempt)
        outcome = fetch_once(url, timeout, allow_private)
    return outcome
