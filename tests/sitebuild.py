"""Helpers for tests that build the real site with the real `mkdocs` command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from bs4 import BeautifulSoup
from conftest import REPO

BUILD_EPOCH = "1795910400"  # 2026-11-29 UTC: builds are reproducible and dated like the tests
SITE_URL = "https://microcredentials.example/"


def build(
    out: Path,
    catalogue: Path | None = None,
    strict: bool = True,
    site_dir_flag: bool = True,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    env.pop("CATALOGUE_DIR", None)
    if catalogue is not None:  # a temporary catalogue, not under git: no dates, and no warning
        env["CATALOGUE_DIR"] = str(catalogue)
        env["CATALOGUE_HISTORY"] = "false"
    env.update(extra_env or {})
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(REPO / "mkdocs.yml")]
    if site_dir_flag:
        command += ["-d", str(out)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "lxml")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def internal_target(site: Path, source: Path, href: str) -> tuple[Path, str] | None:
    """The file (and fragment) an internal link points at; None for external links."""
    parsed = urlparse(href)
    if parsed.scheme or href.startswith("//"):
        if href.startswith(SITE_URL):
            href = "/" + href[len(SITE_URL) :]
        else:
            return None
    url, fragment = urldefrag(href)
    base = "/" + source.relative_to(site).as_posix()
    resolved = unquote(urlparse(urljoin(base, url)).path) if url else base
    target = site / resolved.lstrip("/")
    if resolved.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, fragment
