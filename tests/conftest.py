"""Shared fixtures: where the repository, its test data and the sample catalogue are."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "catalogue"
CASES = Path(__file__).resolve().parent / "cases"
DATA = REPO / "tests" / "data"  # third-party files the tests read: see tests/data/README.md
STANDARDS = DATA / "standards"
TODAY = date(2026, 11, 29)  # the rules depend on the date: tests pin it


class StandAlone:
    """Tells whether a path is beside the repository: in its parent folder but not in it.

    The repository must stand alone: a fresh clone runs every test, so no test may read (or
    write) a file next to it. Temporary folders that happen to be in the parent folder are
    allowed. Nothing can be told when the parent folder is the file system's root or the
    temporary folder itself, so then the guard is off (``active`` is false).
    """

    def __init__(self, repo: str | Path, temp: str | Path) -> None:
        self.repo = os.path.realpath(repo)
        self.parent = os.path.dirname(self.repo)
        self.active = self.parent != os.path.dirname(self.parent) and self.parent not in {
            os.path.abspath(temp),
            os.path.realpath(temp),
        }
        self._repo = self.repo + os.sep
        self._parent = self.parent.rstrip(os.sep) + os.sep
        self.allowed: list[str] = []
        self.allow(temp)

    def allow(self, folder: str | Path) -> None:
        """Let tests use ``folder`` (a temporary one), if it is in the parent folder at all."""
        for path in {os.path.abspath(folder), os.path.realpath(folder)}:
            if path.startswith(self._parent) and not path.startswith(self._repo):
                self.allowed.append(path.rstrip(os.sep) + os.sep)

    def refuses(self, name: str) -> bool:
        """Whether opening ``name`` would reach beside the repository. Prefix tests only, no I/O,
        except the current folder for a relative path. A bare name (``x.json``) is let through:
        it may be relative to a folder descriptor (``os.open(name, dir_fd=...)``, as
        ``shutil.rmtree`` does), which the audit event does not carry."""
        if not self.active or (not os.path.isabs(name) and os.sep not in name):
            return False
        try:
            probe = os.path.abspath(name) + os.sep  # abspath folds "..": tests/../../x is beside
        except OSError:  # the current folder was removed
            return False
        if probe == self._parent or not probe.startswith(self._parent) or probe.startswith(self._repo):
            return False
        return not any(probe.startswith(folder) for folder in self.allowed)

    def message(self, name: str) -> str:
        return (
            f"{os.path.abspath(name)} is outside the repository ({self.repo}), beside it: the repository "
            "must stand alone, so tests open only files inside it or in a temporary folder "
            "(put third-party test data in tests/data, with its source and licence)"
        )


GUARD = StandAlone(REPO, tempfile.gettempdir())
if os.environ.get("PYTEST_DEBUG_TEMPROOT"):  # where pytest makes its temporary folders, if set
    GUARD.allow(os.environ["PYTEST_DEBUG_TEMPROOT"])


def _refuse_files_beside_the_repository(event: str, args: tuple[Any, ...]) -> None:
    """Audit hook: every file the test process opens goes through here, so keep it cheap."""
    if event != "open":
        return
    name = args[0]
    if isinstance(name, os.PathLike):
        name = os.fspath(name)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if isinstance(name, str) and GUARD.refuses(name):  # int: an open file descriptor, nothing to check
        raise PermissionError(GUARD.message(name))


if GUARD.active:
    sys.addaudithook(_refuse_files_beside_the_repository)


def pytest_configure(config: pytest.Config) -> None:
    if config.option.basetemp:  # --basetemp=../tmp puts pytest's temporary folders beside the repository
        GUARD.allow(os.path.join(config.invocation_params.dir, config.option.basetemp))


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
