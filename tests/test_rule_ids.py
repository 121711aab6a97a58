"""The one table of rule ids (generator/rule_ids.py) against the code that reports them.

Problems are made in the check modules only: the loader, ``validation/`` and ``review/``.
Every string there shaped like a rule id ("family/name") is one, so every id a check can
report must be in the table, and every id of the table must be reported by some check.
Each check module reports the rules of its own family only, so the reference page, which
groups the rules by family, says truthfully when each rule can be reported.

That every file and catalogue rule has a failing example is checked in test_cases.py, and
that every pull-request rule has a simulated pull request in test_review.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import REPO

from generator.render.reference import FAMILY_SECTIONS
from generator.rule_ids import RULES, Family, of_family

GENERATOR = REPO / "generator"
CHECK_MODULES = [
    GENERATOR / "loading.py",
    *sorted((GENERATOR / "validation").rglob("*.py")),
    *sorted((GENERATOR / "review").rglob("*.py")),
]
RULE_ID = re.compile(r"""["']([a-z]+/[a-z]+(?:-[a-z]+)*)["']""")
PROBLEM_MADE = re.compile(r"(?<![.\w])(?:error|warning|Problem)\(")  # not a method such as log.error(

# The modules that report the rules of a single family.
FAMILY_OF_MODULE = {
    "loading.py": Family.FILE,
    "validation/schema.py": Family.FILE,
    "validation/file_rules.py": Family.FILE,
    "validation/catalogue_rules.py": Family.CATALOGUE,
    "review/pull_request_rules.py": Family.PULL_REQUEST,
}


def _ids_in(module: Path) -> set[str]:
    return set(RULE_ID.findall(module.read_text("utf-8")))


def test_problems_are_made_only_in_the_check_modules() -> None:
    """Otherwise the test below would not see every rule id the code uses."""
    elsewhere = [
        path.relative_to(REPO).as_posix()
        for path in sorted(GENERATOR.rglob("*.py"))
        if path not in CHECK_MODULES
        and path != GENERATOR / "problems.py"  # where error(), warning() and Problem are defined
        and PROBLEM_MADE.search(path.read_text("utf-8"))
    ]
    assert not elsewhere, f"problems made outside the check modules: {elsewhere}"


def test_every_rule_id_in_the_code_is_in_the_table_and_every_rule_is_reported() -> None:
    used: set[str] = set()
    for module in CHECK_MODULES:
        used |= _ids_in(module)
    assert used <= set(RULES), f"rule ids missing from generator/rule_ids.py: {sorted(used - set(RULES))}"
    assert set(RULES) <= used, f"rules no check reports: {sorted(set(RULES) - used)}"


def test_each_check_module_reports_the_rules_of_its_own_family() -> None:
    for module, family in FAMILY_OF_MODULE.items():
        ids = _ids_in(GENERATOR / module)
        assert ids, f"{module} reports no rule"
        wrong = sorted(rule for rule in ids if rule in RULES and RULES[rule].family is not family)
        assert not wrong, f"{module} reports rules of another family than {family.value}: {wrong}"
    # Pull-request rules come from review/ only: `catalogue validate` without --base never reports one.
    for module in CHECK_MODULES:
        in_review = module.parent.name == "review"
        for rule in _ids_in(module) & set(RULES):
            assert (RULES[rule].family is Family.PULL_REQUEST) == in_review, (module.name, rule)


def test_the_table_lists_each_family_in_one_block() -> None:
    """The table reads as three sections: the checks of one file, across files, of a pull request."""
    families = [info.family for info in RULES.values()]
    blocks = [family for i, family in enumerate(families) if i == 0 or family is not families[i - 1]]
    assert blocks == list(Family)


def test_the_rules_page_lists_every_rule_under_its_family(site: Path) -> None:
    """Every rule once, in its family's table, with what it checks shown as written."""
    soup = BeautifulSoup((site / "reference" / "rules" / "index.html").read_text("utf-8"), "html.parser")
    headings = {h2.get_text(" ", strip=True).rstrip(" ¶"): h2 for h2 in soup.find_all("h2")}
    for family in Family:
        heading, _ = FAMILY_SECTIONS[family]
        table = headings[heading].find_next("table")
        rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.find_all("tr")[1:]]
        expected = [
            [rule, info.severity.value, info.checks.replace("`", "")]
            for rule, info in of_family(family).items()
        ]
        assert rows == expected, heading
