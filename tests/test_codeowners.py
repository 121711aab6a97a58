"""`catalogue codeowners`: CODEOWNERS from every provider's maintainers, and its staleness check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import REPO
from review_repo import PROJECT, edit, repo, run  # noqa: F401  (repo is a fixture)

from generator.review.codeowners import render


def test_each_provider_folder_is_owned_by_its_maintainers_and_the_rest_by_the_project(repo: Path) -> None:
    text = (repo / ".github/CODEOWNERS").read_text("utf-8")
    rules = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        ["*", PROJECT],
        ["/catalogue/bare-provider/", "@bare-provider"],
        ["/catalogue/case-provider/", "@case-provider"],
        ["/catalogue/second-provider/", "@second-provider"],
    ]


def test_the_check_passes_when_up_to_date_and_fails_when_stale(repo: Path) -> None:
    assert run("codeowners", "--check").exit_code == 0
    edit(
        repo / "catalogue/second-provider/provider.yaml",
        '["@second-provider"]',
        '["@second-provider", "@org/team"]',
    )
    stale = run("codeowners", "--check")
    assert stale.exit_code == 1
    assert "out of date: run `catalogue codeowners` and commit it" in stale.output
    assert "+ /catalogue/second-provider/ @second-provider @org/team" in stale.output
    assert run("codeowners").exit_code == 0
    assert run("codeowners", "--check").exit_code == 0
    assert "@org/team" in (repo / ".github/CODEOWNERS").read_text("utf-8")


def test_a_new_provider_makes_it_stale(repo: Path) -> None:
    shutil.copytree(repo / "catalogue/bare-provider", repo / "catalogue/new-provider")
    edit(repo / "catalogue/new-provider/provider.yaml", '"@bare-provider"', '"@new-provider"')
    done = run("codeowners", "--check")
    assert done.exit_code == 1 and "+ /catalogue/new-provider/" in done.output


def test_a_handle_that_is_not_a_handle_is_never_written(repo: Path) -> None:
    # The validator reports it; CODEOWNERS must not gain a rule from provider text.
    edit(
        repo / "catalogue/second-provider/provider.yaml",
        '["@second-provider"]',
        '["@second-provider", "@x\\n* @intruder", "not-a-handle"]',
    )
    run("codeowners")
    text = (repo / ".github/CODEOWNERS").read_text("utf-8")
    assert "intruder" not in text and "not-a-handle" not in text
    assert "/catalogue/second-provider/ @second-provider\n" in text


def test_without_project_owners_it_is_a_usage_error(repo: Path) -> None:
    (repo / ".github/CODEOWNERS").unlink()
    done = run("codeowners")
    assert done.exit_code == 2 and "--project-owner" in done.output


def test_render_is_ordered_and_ends_with_a_newline() -> None:
    text = render(["@p"], {"b-prov": ["@b"], "a-prov": ["@a1", "@a2"]}, "catalogue")
    assert text.endswith("/catalogue/a-prov/ @a1 @a2\n/catalogue/b-prov/ @b\n")
    assert text.index("* @p") < text.index("/catalogue/a-prov/")  # the last matching line wins on GitHub


def test_the_repositorys_codeowners_is_up_to_date() -> None:
    done = subprocess.run(
        ["catalogue", "codeowners", "--check", "--catalogue", "catalogue"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
