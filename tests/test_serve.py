"""`mkdocs serve` rebuilds the site when a catalogue file changes (a provider's preview)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import CASES, REPO


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and text in body:
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_course_file_changes(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", catalogue)
    port = _free_port()
    env = {
        **os.environ,
        "CATALOGUE_DIR": str(catalogue),
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": f"http://127.0.0.1:{port}/",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(REPO / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/courses/case-provider/feeder-course/"
        assert _wait_for(url, "Introduction to data analysis", 90), "the preview did not come up"
        course = catalogue / "case-provider" / "courses" / "feeder-course.yaml"
        course.write_text(
            course.read_text().replace("Introduction to data analysis", "Data analysis for beginners")
        )
        assert _wait_for(url, "Data analysis for beginners", 90), "the preview did not rebuild"
        assert not (REPO / "site.partial").exists()
    finally:
        server.terminate()
        server.wait(timeout=30)
