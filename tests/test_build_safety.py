"""Builds that cannot go wrong quietly: one build at a time per output folder, a warning when
git cannot date the pages, a one-line error when the templates are missing, and the package
working when installed as a wheel (not only from a checkout)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import CASES, REPO
from review_repo import IDENTITY
from sitebuild import build

from generator import publish


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture()
def catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    return root


def test_a_second_build_into_a_folder_being_built_stops_with_an_error(
    tmp_path: Path, catalogue: Path
) -> None:
    out = tmp_path / "site"
    assert build(out, catalogue, extra_env={"CATALOGUE_FEEDS": "false"}).returncode == 0
    before = _digest(out)
    holder = publish.BuildLock(out.resolve())  # a build in progress
    try:
        second = build(out, catalogue, extra_env={"CATALOGUE_FEEDS": "false"})
    finally:
        holder.release()
    assert second.returncode != 0
    assert f"another build is writing into {out.resolve()}" in second.stderr
    assert "Traceback" not in second.stderr
    assert _digest(out) == before
    assert build(out, catalogue, extra_env={"CATALOGUE_FEEDS": "false"}).returncode == 0  # lock released


def test_two_builds_at_once_never_both_succeed_with_a_half_written_site(
    tmp_path: Path, catalogue: Path
) -> None:
    reference = tmp_path / "reference"
    assert build(reference, catalogue).returncode == 0
    complete = _digest(reference)
    out = tmp_path / "site"
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1795910400",
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": "https://microcredentials.example/",
        "CATALOGUE_DIR": str(catalogue),
        "CATALOGUE_HISTORY": "false",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)]
    for _ in range(3):
        runs = [
            subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)
        ]
        codes = [run.wait(timeout=600) for run in runs]
        for run in runs:
            assert run.stderr is not None
            run.stderr.close()
        assert 0 in codes, "at least one build finishes"
        assert _digest(out) == complete, "the published site is always a whole one"


def test_a_catalogue_outside_git_builds_with_a_warning_about_dates(tmp_path: Path, catalogue: Path) -> None:
    done = build(tmp_path / "site", catalogue, strict=False, extra_env={"CATALOGUE_HISTORY": "true"})
    assert done.returncode == 0, done.stderr
    assert "is not in a git checkout" in done.stderr and "no last-changed dates" in done.stderr


def test_a_shallow_clone_warns_that_its_dates_are_wrong(tmp_path: Path, catalogue: Path) -> None:
    env = {**os.environ, **IDENTITY}
    origin = tmp_path / "origin"
    shutil.copytree(catalogue, origin / "catalogue")
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *step], cwd=origin, env=env, check=True)
    (origin / "catalogue" / "README.md").write_text("a later commit\n")
    for step in (["add", "-A"], ["commit", "-q", "-m", "second"]):
        subprocess.run(["git", *step], cwd=origin, env=env, check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", origin.as_uri(), str(clone)], env=env, check=True)
    done = build(
        tmp_path / "site", clone / "catalogue", strict=False, extra_env={"CATALOGUE_HISTORY": "true"}
    )
    assert done.returncode == 0, done.stderr
    assert "the git history is shallow" in done.stderr
    strict = build(tmp_path / "strict", clone / "catalogue", extra_env={"CATALOGUE_HISTORY": "true"})
    assert strict.returncode != 0  # the deploy builds strictly: it never publishes wrong dates


def _project(tmp_path: Path, with_templates: bool = True) -> Path:
    """A site project as an operator has one: mkdocs.yml, guides, catalogue, templates."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    for folder in ("docs", "catalogue") + (("site_templates",) if with_templates else ()):
        shutil.copytree(REPO / folder, project / folder)
    return project


def test_missing_templates_are_a_one_line_error_naming_the_folder(tmp_path: Path) -> None:
    project = _project(tmp_path, with_templates=False)
    (project / "site_templates" / "theme").mkdir(parents=True)  # the theme's custom_dir exists
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CATALOGUE_FEEDS": "false", "CATALOGUE_SEARCH": "false"}
    env.pop("CATALOGUE_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "out")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"the site's templates folder {(project / 'site_templates').resolve()} is missing" in done.stderr


def test_the_package_installed_as_a_wheel_builds_and_validates(tmp_path: Path) -> None:
    """`pip install .` (not editable) in a fresh environment: the installed package, not this
    checkout's sources, builds a site project and checks its catalogue."""
    environment = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(environment)
    python = environment / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "-q", "--no-deps"]
    done = subprocess.run(
        [*install, "--ignore-installed", str(REPO)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    project = _project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CATALOGUE_HISTORY": "false", "CATALOGUE_FEEDS": "false"}
    for name in ("CATALOGUE_DIR", "PYTHONPATH"):
        env.pop(name, None)
    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(environment), where.stdout
    built = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "-d", str(tmp_path / "out")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    assert (tmp_path / "out" / "courses" / "index.html").is_file()
    checked = subprocess.run(
        [str(environment / "bin" / "catalogue"), "validate", "catalogue"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
