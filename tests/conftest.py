"""Shared fixtures: where the repository, its test data and the sample catalogue are."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "catalogue"
CASES = Path(__file__).resolve().parent / "cases"
DATA = REPO / "tests" / "data"  # third-party files the tests read: see tests/data/README.md
STANDARDS = DATA / "standards"
TODAY = date(2026, 11, 29)  # the rules depend on the date: tests pin it


@pytest.fixture(scope="session")
def blns() -> list[str]:
    return json.loads((DATA / "blns.json").read_text("utf-8"))


@pytest.fixture()
def base_catalogue(tmp_path: Path) -> Path:
    """A small valid catalogue (tests/cases/base) copied to a temporary folder."""
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    return root


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalogue built once with the real `mkdocs build --strict`."""
    from sitebuild import build

    out = tmp_path_factory.mktemp("site") / "site"
    done = build(out)
    assert done.returncode == 0, done.stderr[-3000:]
    return out
