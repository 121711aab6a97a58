"""`catalogue preview PROVIDER`: one provider's pages, served with live reload, nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import CASES, REPO
from test_serve import _free_port, _wait_for

CATALOGUE = shutil.which("catalogue") or "catalogue"


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_preview_serves_only_the_providers_pages_and_reloads(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", catalogue)
    other = catalogue / "second-provider" / "courses" / "other-course.yaml"
    other.parent.mkdir()
    shutil.copyfile(catalogue / "case-provider" / "courses" / "feeder-course.yaml", other)
    other.write_text(
        other.read_text().replace("stacks_into:", "stacks_into_typo:")
    )  # another provider's error
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CATALOGUE_")}
    server = subprocess.Popen(
        [
            CATALOGUE,
            "preview",
            "case-provider",
            "--catalogue",
            str(catalogue),
            "--address",
            f"127.0.0.1:{port}",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        started = time.monotonic()
        assert _wait_for(
            base + "courses/case-provider/feeder-course/", "Introduction to data analysis", 90
        ), "no preview"
        print(f"preview up after {time.monotonic() - started:.1f} s")
        assert _status(base + "providers/case-provider/") == 200
        assert _status(base + "courses/case-provider/target-course/") == 200
        assert _status(base + "courses/second-provider/other-course/") == 404, (
            "another provider's course was built"
        )
        assert _status(base + "providers/second-provider/") == 404
        assert _status(base + "api/v1/catalogue.json") == 404, "feeds are not part of a preview"
        course = catalogue / "case-provider" / "courses" / "feeder-course.yaml"
        course.write_text(
            course.read_text().replace("Introduction to data analysis", "Data analysis for beginners")
        )
        assert _wait_for(base + "courses/case-provider/feeder-course/", "Data analysis for beginners", 90), (
            "no reload"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert _status_or_none(f"http://127.0.0.1:{port}/") is None, "stopping the preview must stop its server"


def _status_or_none(url: str) -> int | None:
    try:
        return _status(url)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_preview_of_a_provider_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copytree(CASES / "base", tmp_path / "catalogue")
    done = subprocess.run(
        [CATALOGUE, "preview", "no-such-provider", "--catalogue", str(tmp_path / "catalogue")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "there is no provider folder" in done.stderr


def test_a_focused_check_reads_only_the_providers_course_files(tmp_path: Path) -> None:
    """A preview does not read other providers' course files: a broken one elsewhere is not
    even opened, references to other providers' courses still resolve, and the provider's
    own problems are exactly those of the full check."""
    from conftest import SAMPLE, TODAY

    from generator.layout import select
    from generator.problems import Problem
    from generator.validation import check

    catalogue = tmp_path / "catalogue"
    shutil.copytree(SAMPLE, catalogue)
    mine = "nordhavn-university"
    stacking = [
        p for p in (catalogue / mine / "courses").glob("*.yaml") if "stacks_into" in p.read_text("utf-8")
    ]
    target = stacking[0].read_text("utf-8")
    unreadable = catalogue / "kallio-adult-learning" / "courses" / "unreadable.yaml"
    unreadable.write_bytes(b"\xff\xfe not UTF-8")
    full = check(select(catalogue / mine), today=TODAY)
    focused = check(select(catalogue / mine), today=TODAY, focus=True)
    assert sorted(map(Problem.sort_key, focused.problems)) == sorted(map(Problem.sort_key, full.problems))
    assert check(select(unreadable), today=TODAY, focus=True).errors == 1  # the focus is what is read
    # a reference to another provider's course resolves without reading that course
    other = next(p for p in (catalogue / "apennine-polytechnic" / "courses").glob("*.yaml"))
    for slug, problems in ((other.stem, 0), ("no-such-course", 1)):
        stacking[0].write_text(
            target.replace(
                "  stacks_into:\n", f"  stacks_into:\n    - course: apennine-polytechnic/{slug}\n", 1
            ),
            "utf-8",
        )
        found = check(select(catalogue / mine), today=TODAY, focus=True).problems
        assert [p.rule for p in found if p.severity.value == "error"] == ["ref/stacks-into"] * problems
