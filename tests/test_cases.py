"""Folders of example files, auto-parametrised (the check-jsonschema way).

- ``cases/valid/<name>.yaml``: a course that must pass with no problem at all (strict).
- ``cases/invalid/<rule-id>/<name>.yaml``: a file that must produce ``<rule-id>`` at the
  line named by its header ``# expect-line: N``. ``<name>.provider.yaml`` replaces the base
  provider file; any other name is placed as ``case-provider/courses/<name>.yaml``, unless
  a header ``# place-at: <path in the catalogue>`` says where it goes.

Each case is dropped into a copy of ``cases/base`` (a small valid catalogue), so the
cross-file rules see a real catalogue around it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CASES, TODAY

from generator.layout import Selection
from generator.rule_ids import RULES, Family, of_family
from generator.validation import check

VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").rglob("*.y*ml"))
EXPECT = re.compile(rb"#\s*expect-line:\s*(\d+)")
PLACE_AT = re.compile(rb"#\s*place-at:\s*(\S+)")


def _place(case: Path, root: Path) -> Path:
    name = case.name
    place_at = PLACE_AT.search(case.read_bytes()[:2000])
    if place_at:
        target = root / place_at.group(1).decode()
        target.parent.mkdir(parents=True, exist_ok=True)
    elif name.endswith(".provider.yaml"):
        target = root / "case-provider" / "provider.yaml"
    else:
        target = root / "case-provider" / "courses" / name
    shutil.copyfile(case, target)
    return target


def _rule_of(case: Path) -> str:
    return case.parent.relative_to(CASES / "invalid").as_posix()


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_case_has_no_problem(case: Path, base_catalogue: Path) -> None:
    target = _place(case, base_catalogue)
    result = check(Selection(base_catalogue, None), today=TODAY)
    assert result.problems == [], f"{target.name}: unexpected problems"


@pytest.mark.parametrize("case", INVALID, ids=lambda p: f"{_rule_of(p)}:{p.stem}")
def test_invalid_case_reports_its_rule_at_its_line(case: Path, base_catalogue: Path) -> None:
    found = EXPECT.search(case.read_bytes())
    assert found, f"{case} has no '# expect-line: N' header"
    line = int(found.group(1))
    rule = _rule_of(case)
    target = _place(case, base_catalogue)
    result = check(Selection(base_catalogue.resolve(), None), today=TODAY)
    mine = [p for p in result.problems if p.file.endswith(target.relative_to(base_catalogue).as_posix())]
    assert (rule, line) in {(p.rule, p.line) for p in mine}, (
        f"expected {rule} at line {line}; got {[(p.rule, p.line, p.message) for p in mine]}"
    )
    for problem in mine:
        assert problem.message and problem.hint, f"{problem.rule} needs a message and a hint"
        assert problem.severity is RULES[problem.rule].severity
    # A bad file must not make other files fail, except where a cross-file rule names both
    # sides of the same problem (a duplicate title, a stacking cycle).
    others = [p for p in result.problems if p not in mine and p.rule != rule]
    assert others == [], "a bad file must not make other files fail"


def test_every_file_and_catalogue_rule_has_a_failing_example() -> None:
    """Ids used in the code but missing from the table are caught by test_rule_ids.py."""
    rules = set(of_family(Family.FILE)) | set(of_family(Family.CATALOGUE))
    covered = {_rule_of(case) for case in INVALID}
    assert covered <= rules, f"examples of no file or catalogue rule: {sorted(covered - rules)}"
    # Not reachable from a file placed in a catalogue: a missing folder, an unreadable file, a validator bug.
    # A symbolic link or a pipe cannot be a case file: tests/test_untrusted_files.py makes them.
    untestable_here = {
        "layout/not-found",
        "layout/not-a-file",
        "yaml/unreadable",
        "internal/rule-failed",
        "schema/invalid",
    }
    missing = rules - covered - untestable_here
    assert not missing, f"rules without an invalid example: {sorted(missing)}"
