"""A temporary git repository holding a small catalogue, for simulated pull requests.

``main`` holds tests/cases/base as ``catalogue/`` plus a generated CODEOWNERS; the fixture
leaves the checkout on a branch ``pr`` made from it, as a provider's fork would be.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CASES

from generator.cli import cli

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}
PROJECT = "@catalogue-project/maintainers"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def run(*args: str) -> Result:
    """The `catalogue` command in-process (click's runner); cwd is the repository."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("CATALOGUE_DIR", raising=False)
    root = tmp_path / "repo"
    shutil.copytree(CASES / "base", root / "catalogue")
    git(root, "init", "-q", "-b", "main")
    monkeypatch.chdir(root)
    done = run("codeowners", "--catalogue", "catalogue", "--project-owner", PROJECT)
    assert done.exit_code == 0, done.output
    commit_all(root, "the published catalogue")
    git(root, "checkout", "-q", "-b", "pr")
    return root


def course(repo: Path, slug: str, provider: str = "case-provider") -> Path:
    return repo / "catalogue" / provider / "courses" / f"{slug}.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
