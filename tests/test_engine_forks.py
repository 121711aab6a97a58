"""The same site on the maintained forks of the engine.

MkDocs 1.x gets no more releases and Material for MkDocs reaches its end of life; ProperDocs
continues MkDocs 1.6 and mkdocs-materialx continues Material 9. These tests install both, at
the versions pinned below, into a virtual environment of their own, build the sample catalogue
with `properdocs build` (which reads properdocs.yml: mkdocs.yml with the theme's new name) and
compare the result with the default build (the suite's `site` fixture, same settings).

What must be equal, byte for byte:
- every file the generator writes whole: the feeds (api/, feed.xml, feed.json), the search
  bundle (pagefind/, search-tables/), the sitemaps, robots.txt and the rest;
- in every HTML page, what the generator puts into the theme's page: the title, description,
  canonical link, the catalogue's own <head> content, the skip link and the page body.
The theme's chrome around those parts (header, navigation, footer, icons, asset names, the
`<meta name="generator">` line) is MaterialX's own and is not compared, and neither are the
theme's files (assets/javascripts/, assets/stylesheets/, assets/images/) or its site search
over the guides (search/: lunr in Material, Pagefind in MaterialX).

The environment cannot be this one: mkdocs-materialx installs the same `material` package as
mkdocs-material. It lives in .cache/fork-venv/ (git-ignored) under a name made from the pinned
versions, this interpreter, the project's metadata and this checkout's path, and is reused
while those stay the same; the first run installs from the package registry. The project is
installed editable and without its dependencies (which would bring mkdocs-material back):
the plugin reads site_templates/ next to the package, which a wheel does not ship, and the
code under test is then always this checkout's. The project's own dependencies are pinned to
the versions this environment runs, so that the two builds differ only in engine and theme.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from conftest import CASES, REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from sitebuild import BUILD_EPOCH, SITE_URL

PROPERDOCS = "1.6.7"
MATERIALX = "10.2.2"
DEFAULT_ENGINE = {"mkdocs", "mkdocs-material"}  # what the forks replace
VENVS = REPO / ".cache" / "fork-venv"

THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "search/")
GENERATED_PARTS = {
    "title": re.compile(r"<title>.*?</title>", re.S),
    "description": re.compile(r'<meta name="description" content="[^"]*">'),
    "canonical link": re.compile(r'<link rel="canonical" href="[^"]*">'),
    # site_templates/partials/head.html begins with og:type; the theme's extrahead block ends the <head>
    "catalogue head": re.compile(r'(<meta property="og:type".*?)\s*</head>', re.S),
    "skip link": re.compile(r'<a href="[^"]*" class="md-skip">'),
    "body": re.compile(r'<article class="md-content__inner md-typeset"[^>]*>\s*(.*?)\s*</article>', re.S),
}
GENERATOR_LINE = re.compile(r'<meta name="generator" content="[^"]*">')


def _requirements() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    pinned = []
    for spec in project["dependencies"]:
        requirement = Requirement(spec)
        if canonicalize_name(requirement.name) in DEFAULT_ENGINE:
            continue
        extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
        pinned.append(f"{requirement.name}{extras}=={metadata.version(requirement.name)}")
    return [f"properdocs=={PROPERDOCS}", f"mkdocs-materialx=={MATERIALX}", *pinned]


def _pip(python: Path, *arguments: str) -> None:
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *arguments],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"pip install {' '.join(arguments)} failed:\n{done.stderr[-3000:]}"


@pytest.fixture(scope="session")
def fork_venv() -> Path:
    """A virtual environment with ProperDocs, mkdocs-materialx and this project; made once."""
    requirements = _requirements()
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    key = json.dumps([requirements, sys.version, str(REPO), project], sort_keys=True)
    name = f"properdocs-{PROPERDOCS}-materialx-{MATERIALX}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
    venv = VENVS / name
    ready = venv / "ready"
    if ready.is_file():
        return venv
    if VENVS.is_dir():
        for stale in VENVS.iterdir():  # other pins, or a half-made environment
            if stale.is_dir():
                shutil.rmtree(stale)
            else:
                stale.unlink()
    made = subprocess.run(
        [sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=300
    )
    assert made.returncode == 0, (
        f"python -m venv failed (on Debian: apt install python3-venv):\n{made.stderr}"
    )
    python = venv / "bin" / "python"
    _pip(python, *requirements)
    _pip(python, "--no-deps", "--editable", str(REPO))
    ready.write_text("\n".join(requirements) + "\n", "utf-8")
    return venv


def _fork_build(venv: Path, out: Path, catalogue: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`properdocs build --strict`, with the same settings as sitebuild.build gives `mkdocs build`."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    for name in ("CATALOGUE_DIR", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    if catalogue is not None:
        env["CATALOGUE_DIR"] = str(catalogue)
        env["CATALOGUE_HISTORY"] = "false"
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    command = [str(venv / "bin" / "properdocs"), "build", "-f", str(REPO / "properdocs.yml")]
    command += ["-d", str(out), "--strict"]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def fork_site(fork_venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fork-site") / "site"
    done = _fork_build(fork_venv, out)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def _files(site: Path) -> dict[str, Path]:
    return {
        p.relative_to(site).as_posix(): p
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.relative_to(site).as_posix().startswith(THEME_FILES)
    }


def _parts(html: str) -> dict[str, list[str]]:
    return {name: pattern.findall(html) for name, pattern in GENERATED_PARTS.items()}


def _diff(name: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(), after.splitlines(), f"default/{name}", f"fork/{name}", lineterm="", n=1
    )
    return "\n".join(line[:200] for line in list(lines)[:30])


def _first_diff(default: Path, fork: Path, name: str, parts: list[str]) -> str:
    if parts:  # an HTML page: the first part that differs
        before = _parts(default.read_text("utf-8"))[parts[0]]
        after = _parts(fork.read_text("utf-8"))[parts[0]]
        return _diff(f"{name} ({parts[0]})", "\n".join(before), "\n".join(after))
    before, after = default.read_bytes(), fork.read_bytes()
    try:
        return _diff(name, before.decode("utf-8"), after.decode("utf-8"))
    except UnicodeDecodeError:
        return f"{name} (binary): default {_summary(before)}, fork {_summary(after)}"


def _summary(data: bytes) -> str:
    return f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}"


def test_the_forks_build_the_same_pages_feeds_and_search_bundle(site: Path, fork_site: Path) -> None:
    generator_line = GENERATOR_LINE.search((fork_site / "index.html").read_text("utf-8"))
    assert generator_line is not None
    assert f"ProperDocs {PROPERDOCS}" in generator_line[0]
    assert f"mkdocs-materialx-{MATERIALX}" in generator_line[0]

    default, fork = _files(site), _files(fork_site)
    problems = [f"only in the default build: {name}" for name in sorted(default.keys() - fork.keys())]
    problems += [f"only in the fork's build: {name}" for name in sorted(fork.keys() - default.keys())]
    differing: list[tuple[str, list[str]]] = []
    pages = whole = chrome = 0
    for name in sorted(default.keys() & fork.keys()):
        if name.endswith(".html"):
            pages += 1
            before, after = default[name].read_text("utf-8"), fork[name].read_text("utf-8")
            parts_before, parts_after = _parts(before), _parts(after)
            parts = [part for part in GENERATED_PARTS if parts_before[part] != parts_after[part]]
            if parts:
                differing.append((name, parts))
            if GENERATOR_LINE.sub("", before) != GENERATOR_LINE.sub("", after):
                chrome += 1
        else:
            whole += 1
            if default[name].read_bytes() != fork[name].read_bytes():
                differing.append((name, []))
    problems += [
        f"differs: {name}" + (f" ({', '.join(parts)})" if parts else "") for name, parts in differing
    ]

    courses = [name for name in default if re.fullmatch(r"courses/[^/]+/[^/]+/index\.html", name)]
    for name in courses:  # the parts are found: the comparison above compared something
        missing = [part for part, found in _parts(default[name].read_text("utf-8")).items() if not found]
        assert missing == [], f"{name}: no {', '.join(missing)} found; update GENERATED_PARTS"
    files = [name for name in default if not name.endswith(".html")]
    counts = {
        "feeds under api/": sum(name.startswith("api/") for name in files),
        "feed.xml and feed.json": sum(name in ("feed.xml", "feed.json") for name in files),
        "pagefind/": sum(name.startswith("pagefind/") for name in files),
        "search-tables/": sum(name.startswith("search-tables/") for name in files),
    }
    counts["others (sitemaps, robots.txt, ...)"] = len(files) - sum(counts.values())
    assert len(courses) > 0 and all(counts.values()), counts
    print(
        f"\nProperDocs {PROPERDOCS} + mkdocs-materialx {MATERIALX} against the default engine: "
        f"{whole} files compared whole ({', '.join(f'{n} {what}' for what, n in counts.items())}), "
        f"{pages} HTML pages by their generated parts ({len(courses)} course pages); "
        f"the theme's chrome differs on {chrome} of those pages."
    )

    if problems:
        details = ""
        if differing:
            name, parts = differing[0]
            details = "\n\n" + _first_diff(default[name], fork[name], name, parts)
        pytest.fail(f"{len(problems)} differences between the builds:\n" + "\n".join(problems) + details)


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_failed_strict_build_on_the_forks_leaves_the_published_site_untouched(
    fork_venv: Path, tmp_path: Path
) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", catalogue)
    out = tmp_path / "site"
    done = _fork_build(fork_venv, out, catalogue)
    assert done.returncode == 0, done.stderr[-3000:]
    before = _digest(out)
    course = catalogue / "case-provider" / "courses" / "feeder-course.yaml"
    course.write_text(course.read_text().replace("last_reviewed: 2026-10-01", "last_reviewed: 2020-01-01"))
    failed = _fork_build(fork_venv, out, catalogue)
    assert failed.returncode != 0 and "review/stale" in failed.stderr
    assert _digest(out) == before
    assert not (tmp_path / "site.partial").exists()
