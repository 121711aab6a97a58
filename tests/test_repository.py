"""The repository stands alone: a fresh clone runs every test, with nothing beside it.

Two checks. A static one reads the code and config the repository tracks and fails on any
path that leaves it (a sibling folder, a climb above the root, an absolute path of some
machine). A runtime one is the guard ``tests/conftest.py`` installs: while the tests run,
opening a file beside the repository raises ``PermissionError``. The third-party files
the tests need are in ``tests/data``, checked here against their published checksums.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path, PurePosixPath

import pytest
from conftest import DATA, GUARD, REPO, STANDARDS, StandAlone

# Lines that name a path beside the repository on purpose (to test the checks) carry this.
MARKER = "# beside-repo: on purpose"
ROOTS = ("tests/", "benchmarks/", "generator/", ".ci/", ".github/")
FILES = {"mkdocs.yml", "pyproject.toml", ".pre-commit-hooks.yaml"}
NOT_CODE = ("tests/data/", "tests/cases/")  # third-party data and catalogue cases: inputs, not code
PROSE = {".md", ".rst", ".txt"}
SKIPPED_FOLDERS = {".git", "__pycache__", ".venv", "venv", "node_modules", "site", "build"}

PATTERNS = {
    "a folder named shared beside the repository": re.compile(r"\.\./+shared\b"),
    "a folder named shared joined to a path": re.compile(r"""(?:/|,)\s*["']shared[/"']"""),
    "an absolute path of some machine": re.compile(r"(?<![\w.~-])/(?:work|home|Users|root|mnt)/"),
}

# A path built from __file__ or from a name whose place is known, then climbed (.parent,
# .parents[N], os.path.dirname) and joined to literal parts: its height below the
# repository root must never go negative.
_STEPS = r"(?:\.(?:resolve|absolute)\(\)|\.parent\b|\.parents\[\d+\])*"
_PARTS = r"""(?:\s*/\s*["'][^"'\n]*["'])*"""
_DIRNAMES = re.compile(
    r"(?P<calls>(?:os\.path\.dirname\(\s*)+)(?:os\.path\.(?:abspath|realpath)\(\s*)?(?:str\(\s*)?"
    r"(?<![\w.])(?P<name>\w+)\b"
)
_ASSIGNMENT = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*(?::[^=]*)?=\s*(?P<value>.*?)\s*(?:#.*)?$")
KNOWN = {"REPO": 0, "SAMPLE": 1, "CASES": 2, "DATA": 2, "STANDARDS": 3}  # from conftest


def _path_expressions(line: str, depth: int, heights: dict[str, int]) -> list[tuple[int, int, int, int]]:
    """(start, end, height of the base, lowest height) of each path expression in ``line`` whose
    base is known. Only a climb in the expression itself is a finding: a name already below the
    root was reported where it was assigned."""
    names = "|".join(re.escape(n) for n in heights)
    base = r"Path\(\s*__file__\s*\)" + (rf"|(?<![\w.])(?:{names})\b" if names else "")
    found = []
    for match in re.finditer(rf"(?P<base>{base})(?P<steps>{_STEPS})(?P<parts>{_PARTS})", line):
        start = depth if match["base"].startswith("Path") else heights[match["base"]]
        found.append((match.start(), match.end(), start, _lowest(start, match["steps"], match["parts"])))
    for match in _DIRNAMES.finditer(line):
        name = match["name"]
        start = depth if name == "__file__" else heights.get(name)
        if start is not None:
            found.append((match.start(), match.end(), start, start - match["calls"].count("dirname(")))
    return found


def _lowest(height: int, steps: str, parts: str) -> int:
    height -= len(re.findall(r"\.parent\b", steps))
    height -= sum(int(n) + 1 for n in re.findall(r"\.parents\[(\d+)\]", steps))
    lowest = height
    for part in re.findall(r"""["']([^"'\n]*)["']""", parts):
        for piece in part.split("/"):
            height += -1 if piece == ".." else 0 if piece in ("", ".") else 1
            lowest = min(lowest, height)
    return lowest


def findings(relpath: str, text: str) -> list[str]:
    """Every place in one file's text where a path leaves the repository."""
    depth = len(PurePosixPath(relpath).parts)  # the file's own height below the root
    heights = dict(KNOWN)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if MARKER in line:
            continue
        where = f"{relpath}:{number}: {line.strip()}"
        found += [f"{where}  <- {reason}" for reason, pattern in PATTERNS.items() if pattern.search(line)]
        expressions = _path_expressions(line, depth, heights)
        if any(lowest < 0 and lowest < base for _, _, base, lowest in expressions):
            found.append(f"{where}  <- climbs above the repository root")
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            value_at = assignment.start("value")
            whole = [e for e in expressions if e[0] == value_at and e[1] == assignment.end("value")]
            if whole:
                heights[assignment["name"]] = whole[0][3]
            else:
                heights.pop(assignment["name"], None)
    return found


def tracked_files() -> list[str]:
    """The repository's tracked files (POSIX paths from its root); without Git, its tree."""
    git = shutil.which("git")
    if git:
        done = subprocess.run([git, "ls-files", "-z"], cwd=REPO, capture_output=True)
        if done.returncode == 0 and done.stdout:
            return sorted(p for p in done.stdout.decode("utf-8").split("\0") if p)
    found = []
    for folder, subfolders, names in os.walk(REPO):
        subfolders[:] = [s for s in subfolders if s not in SKIPPED_FOLDERS]
        found += [Path(folder, n).relative_to(REPO).as_posix() for n in names]
    return sorted(found)


def code_and_config() -> list[str]:
    return [
        path
        for path in tracked_files()
        if (path.startswith(ROOTS) or path in FILES)
        and not path.startswith(NOT_CODE)
        and PurePosixPath(path).suffix not in PROSE
        and (REPO / path).is_file()
    ]


def test_no_code_or_config_refers_to_a_path_outside_the_repository() -> None:
    files = code_and_config()
    assert "tests/conftest.py" in files and "pyproject.toml" in files, files
    found = []
    for path in files:
        try:
            text = (REPO / path).read_bytes().decode("utf-8")
        except UnicodeDecodeError:  # not text
            continue
        found += findings(path, text)
    assert not found, "the repository must stand alone:\n" + "\n".join(found)


def test_only_this_file_names_a_path_outside_the_repository_on_purpose() -> None:
    users = [p for p in code_and_config() if MARKER in (REPO / p).read_text("utf-8", errors="replace")]
    assert users in ([], ["tests/test_repository.py"]), users


LEAVING = [
    ("tests/conftest.py", 'SHARED = REPO.parent / "shared"'),  # beside-repo: on purpose
    ("tests/conftest.py", 'SHARED = REPO / ".." / "shared"'),  # beside-repo: on purpose
    ("tests/a.py", 'D = Path(__file__).parent.parent.parent / "d"'),  # beside-repo: on purpose
    ("tests/a.py", "ROOT = Path(__file__).resolve().parents[2]"),  # beside-repo: on purpose
    ("a.py", "UP = os.path.dirname(os.path.dirname(__file__))"),  # beside-repo: on purpose
    ("benchmarks/b.py", "HERE = Path(__file__).parent\nOUT = HERE.parent.parent"),  # beside-repo: on purpose
    ("a.py", "HERE = Path(__file__).parent\nUP = os.path.dirname(HERE)"),  # beside-repo: on purpose
    ("tests/a.py", 'blns = open("../shared/data/blns.json")'),  # beside-repo: on purpose
    ("tests/a.py", 'folder = os.path.join(base, "shared", "data")'),  # beside-repo: on purpose
    ("tests/a.py", 'path = "/home/someone/data.json"'),  # beside-repo: on purpose
    (".github/workflows/x.yml", "      - run: cp -r ../shared/data tests/"),  # beside-repo: on purpose
]


@pytest.mark.parametrize(("relpath", "text"), LEAVING)
def test_the_static_check_finds_paths_that_leave_the_repository(relpath: str, text: str) -> None:
    assert findings(relpath, text)


@pytest.mark.parametrize(
    ("relpath", "text"),
    [
        ("tests/conftest.py", "REPO = Path(__file__).resolve().parent.parent"),
        ("tests/conftest.py", 'CASES = Path(__file__).resolve().parent / "cases"'),
        ("tests/test_x.py", "ROOT = Path(__file__).resolve().parents[1]"),
        ("generator/render/e.py", "T = Path(__file__).parent.parent.parent"),  # beside-repo: on purpose
        ("benchmarks/b.py", "HERE = Path(__file__).resolve().parent\nREPO = HERE.parent"),
        ("tests/test_x.py", 'STANDARDS = DATA / "standards"\nELM = STANDARDS.parent.parent / "x"'),
        ("tests/test_x.py", "assert 'href=\"../../../api/v1/courses/x.json\"' in html"),
        ("generator/publish.py", 'if key.startswith(("..", "/")) or name in ("", ".", ".."):'),
        ("tests/test_x.py", 'url = "https://example.org/home/index.html"'),
        ("tests/test_x.py", "run = [sys.executable, __file__, '--child']"),
        ("tests/test_x.py", 'shared = "shared by every test"'),
    ],
)
def test_the_static_check_lets_paths_inside_the_repository_through(relpath: str, text: str) -> None:
    assert findings(relpath, text) == []


def _real_file_beside_the_repository() -> Path | None:
    """A file that exists beside the repository, if there is one: listing folders opens no file."""
    try:
        with os.scandir(GUARD.parent) as siblings:
            folders = [
                Path(e.path)
                for e in siblings
                if e.is_dir() and not e.name.startswith(".") and e.path != GUARD.repo
            ]
            for folder in folders[:20]:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if entry.is_file() and os.access(entry.path, os.R_OK):
                            return Path(entry.path)
    except OSError:
        pass
    return None


@pytest.mark.skipif(not GUARD.active, reason="the repository's parent is the root or the temporary folder")
def test_opening_a_file_beside_the_repository_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # The audit event comes before the operating system is asked: a path that does not exist
    # is refused as surely as one that does, with PermissionError, not FileNotFoundError.
    beside = REPO.parent / "not-this-repository" / "x.json"  # beside-repo: on purpose (never exists)
    attempts = {
        "open": lambda: open(beside),  # noqa: SIM115
        "Path.read_text": beside.read_text,
        "Path.write_text": lambda: beside.write_text("x"),
        "os.open": lambda: os.open(beside, os.O_RDONLY),
        "bytes": lambda: open(os.fsencode(beside), "rb"),  # noqa: SIM115
        "..": lambda: open(REPO / "tests" / ".." / ".." / "x.json"),  # noqa: SIM115 # beside-repo: on purpose
    }
    real = _real_file_beside_the_repository()
    if real is not None:  # one the operating system would open
        attempts["an existing file"] = real.read_bytes
    monkeypatch.chdir(REPO)
    relative = os.path.join("..", "not-this-repository", "x.json")  # beside-repo: on purpose
    attempts["relative"] = lambda: open(relative)  # noqa: SIM115
    for how, attempt in attempts.items():
        with pytest.raises(PermissionError, match="must stand alone") as refused:
            attempt()
        assert str(GUARD.parent) in str(refused.value), how


def test_the_guard_lets_the_repository_and_temporary_folders_through(tmp_path: Path) -> None:
    assert (REPO / "pyproject.toml").read_text("utf-8")
    with pytest.raises(FileNotFoundError):
        (REPO / "tests" / "no-such-file.json").read_text("utf-8")
    (tmp_path / "x.json").write_text("{}", "utf-8")
    assert (tmp_path / "x.json").read_text("utf-8") == "{}"
    descriptor = os.open(tmp_path / "x.json", os.O_RDONLY)
    with open(descriptor, encoding="utf-8") as opened:  # a descriptor is not a path: let through
        assert opened.read() == "{}"


@pytest.mark.skipif(os.sep != "/", reason="POSIX paths")
def test_the_guard_decides_by_path_alone() -> None:
    guard = StandAlone("/x/p/repo", temp="/x/p/tmp")
    assert guard.active
    assert guard.refuses("/x/p/data/x.json")
    assert guard.refuses("/x/p/repo-old/x.json"), "a sibling whose name starts like the repository's"
    assert guard.refuses("/x/p/repo/../data/x.json")
    assert not guard.refuses("/x/p/repo/tests/data/blns.json")
    assert not guard.refuses("/x/p/repo")
    assert not guard.refuses("/x/p"), "the parent folder itself is not a file beside the repository"
    assert not guard.refuses("/x/p/tmp/pytest-of-me/x.json"), "the temporary folder may be beside it"
    assert not guard.refuses("/elsewhere/x.json")
    assert not guard.refuses("x.json"), "a bare name may be relative to a folder descriptor"
    assert guard.refuses("/x/p/basetemp/x.json")
    guard.allow("/x/p/basetemp")
    assert not guard.refuses("/x/p/basetemp/x.json")
    # A repository cloned into a subfolder of the temporary folder is still guarded.
    inside_temp = StandAlone("/t/alone/repo", temp="/t")
    assert inside_temp.active and inside_temp.refuses("/t/alone/data/x.json")
    # Nothing can be told when the parent is the temporary folder or the root.
    assert not StandAlone("/x/p/repo", temp="/x/p").active
    assert not StandAlone("/repo", temp="/tmp").active
    assert not StandAlone("/repo", temp="/tmp").refuses("/data/x.json")


def _sums() -> dict[str, str]:
    lines = (DATA / "SHA256SUMS").read_text("utf-8").splitlines()
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def test_the_test_data_is_the_published_files_byte_for_byte() -> None:
    sums = _sums()
    written_here = {"README.md", "NOTICE.md", "SHA256SUMS", ".gitattributes"}
    present = {
        p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file() and p.name not in written_here
    }
    assert present == set(sums), "every third-party file is listed in tests/data/SHA256SUMS, and only those"
    for name, digest in sums.items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name


def test_every_data_file_is_documented_licensed_and_read_by_a_test() -> None:
    readmes = (DATA / "README.md").read_text("utf-8") + (STANDARDS / "README.md").read_text("utf-8")
    tests = "".join(
        p.read_text("utf-8") for p in (REPO / "tests").glob("*.py") if p.name != Path(__file__).name
    )
    for name in _sums():
        path = DATA / name
        if "license" in path.name.lower():
            continue
        assert path.name in readmes, f"{name}: source and licence in a README"
        folder = path.parent
        assert (
            any(folder.glob("*LICENSE*"))
            or any(folder.glob("license.md"))
            or any(folder.parent.glob("license.md"))
        ), f"{name}: a licence file beside it"
        assert path.name in tests, f"{name}: no test reads it, so it does not belong here"


def test_the_elm_pattern_rewrites_are_the_documented_ones() -> None:
    import rdflib
    from elm_shapes import ELM, shapes
    from rdflib.namespace import SH

    loq = (ELM / "LOQ-constraints.ttl").read_text("utf-8")
    mdr = (ELM / "LOQ-constraints-mdr.ttl").read_text("utf-8")
    java_property_classes = "\\\\p{L}\\\\p{Nl}\\\\p{Nd}"  # as the Turtle source spells it
    assert (loq.count("^(?i)"), loq.count(java_property_classes)) == (1, 3), (
        "see tests/data/standards/README.md"
    )
    assert "(?i)" not in mdr and "\\p{" not in mdr
    published = rdflib.Graph().parse(data=loq, format="turtle")
    before = {str(p) for p in published.objects(None, SH.pattern)}
    after = {str(p) for p in shapes().objects(None, SH.pattern)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # Java's nested classes: "Possible nested set"
        failing = []
        for pattern in before:
            try:
                re.compile(pattern)
            except re.error:
                failing.append(pattern)
        assert len(failing) == 2, "the published shapes have two patterns Python cannot compile"
        for pattern in after:
            re.compile(pattern)
    assert len(after) == len(before) + 2  # the MDR shapes add two patterns, which need no rewrite
