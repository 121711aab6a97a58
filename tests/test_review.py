"""Simulated pull requests: `catalogue validate --base main` in a temporary git repository."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO
from review_repo import commit_all, course, edit, git, repo, run  # noqa: F401  (repo is a fixture)

from generator.rule_ids import RULES, Family, of_family

TODAY = "2026-11-29"


def validate(*extra: str) -> tuple[int, str]:
    done = run("validate", "catalogue", "--base", "main", "--today", TODAY, *extra)
    return done.exit_code, done.output


def rules_found(output: str) -> set[str]:
    return set(re.findall(r"\b(pr/[a-z-]+)\b", output))


def add_course(repo: Path) -> None:
    shutil.copyfile(course(repo, "feeder-course"), course(repo, "new-course"))
    edit(course(repo, "new-course"), "Introduction to data analysis", "Data analysis in the evening")


def delete_course(repo: Path) -> None:
    git(repo, "rm", "-q", "catalogue/case-provider/courses/feeder-course.yaml")


def rename_course(repo: Path) -> None:
    git(
        repo,
        "mv",
        "catalogue/case-provider/courses/feeder-course.yaml",
        "catalogue/case-provider/courses/intro-course.yaml",
    )


def edit_two_providers(repo: Path) -> None:
    edit(course(repo, "feeder-course"), "workload: {hours: 50}", "workload: {hours: 55}")
    edit(
        repo / "catalogue/second-provider/provider.yaml",
        "name: Second Provider",
        "name: Second Provider Academy",
    )


def change_outside(repo: Path) -> None:
    edit(course(repo, "feeder-course"), "workload: {hours: 50}", "workload: {hours: 55}")
    (repo / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")


def maintainers_and_content(repo: Path) -> None:
    edit(
        repo / "catalogue/case-provider/provider.yaml",
        '["@case-provider"]',
        '["@case-provider", "@newcomer"]',
    )
    edit(course(repo, "feeder-course"), "workload: {hours: 50}", "workload: {hours: 55}")


def add_lookalike_provider(repo: Path) -> None:
    """`case-provlder` named "Cаse Provider College" with a Cyrillic "а" (and nothing else
    from the real provider) passes for case-provider."""
    folder = repo / "catalogue/case-provlder"
    folder.mkdir()
    text = (repo / "catalogue/case-provider/provider.yaml").read_text("utf-8")
    text = text.replace("en: Case Provider College", "en: C\u0430se Provider College")
    text = text.replace("case-provider.example", "case-provlder.example")
    (folder / "provider.yaml").write_text(text, "utf-8")


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "pr/lookalike-provider": add_lookalike_provider,
    "pr/deleted": delete_course,
    "pr/renamed": rename_course,
    "pr/maintainers": maintainers_and_content,
    "pr/several-providers": edit_two_providers,
    "pr/outside-catalogue": change_outside,
}


@pytest.mark.parametrize("rule", sorted(SCENARIOS))
def test_each_pull_request_rule_has_a_simulated_pull_request(repo: Path, rule: str) -> None:
    SCENARIOS[rule](repo)
    code, out = validate()
    assert rule in rules_found(out), out
    assert code == (1 if RULES[rule].severity.value == "error" else 0), out


def test_the_simulated_pull_requests_are_exactly_the_pull_request_rules() -> None:
    """Ids used in the code but missing from the table are caught by test_rule_ids.py."""
    rules = set(of_family(Family.PULL_REQUEST))
    assert set(SCENARIOS) <= rules, f"not pull-request rules: {sorted(set(SCENARIOS) - rules)}"
    assert rules <= set(SCENARIOS), f"pull-request rules not simulated: {sorted(rules - set(SCENARIOS))}"


def test_adding_a_course_passes(repo: Path) -> None:
    add_course(repo)
    code, out = validate("--strict")
    assert code == 0, out
    assert "no problems" in out


def test_committed_changes_are_compared_too(repo: Path) -> None:
    add_course(repo)
    commit_all(repo, "add a course")
    git(repo, "rm", "-q", "catalogue/bare-provider/provider.yaml")
    commit_all(repo, "remove a provider")
    code, out = validate()
    assert code == 1 and rules_found(out) == {"pr/deleted", "pr/several-providers"}, out


def test_deleting_a_course_is_refused_with_the_withdrawal_lines(repo: Path) -> None:
    delete_course(repo)
    code, out = validate()
    assert code == 1
    assert "the course `case-provider/feeder-course` was deleted" in out
    assert "status: withdrawn\n    withdrawn:\n      date: 2026-11-29" in out
    assert rules_found(out) == {"pr/deleted"}


def test_deleting_a_provider_file_is_refused(repo: Path) -> None:
    git(repo, "rm", "-q", "catalogue/bare-provider/provider.yaml")
    code, out = validate()
    assert code == 1 and "the provider file of `bare-provider` was deleted" in out, out


def test_renaming_a_course_is_refused_and_names_both_ids(repo: Path) -> None:
    rename_course(repo)
    code, out = validate()
    assert code == 1
    assert "changes the course id from `case-provider/feeder-course` to `case-provider/intro-course`" in out
    assert "replaced_by: case-provider/intro-course" in out


def test_moving_a_provider_folder_is_refused(repo: Path) -> None:
    git(repo, "mv", "catalogue/bare-provider", "catalogue/bare-provider-renamed")
    code, out = validate()
    assert code == 1 and "changes the provider id from `bare-provider` to `bare-provider-renamed`" in out, out


def test_two_providers_are_a_warning_that_strict_makes_fail(repo: Path) -> None:
    edit_two_providers(repo)
    code, out = validate()
    assert code == 0 and "changes 2 provider folders: `case-provider`, `second-provider`" in out, out
    assert validate("--strict")[0] == 1


def test_files_outside_the_catalogue_are_named(repo: Path) -> None:
    change_outside(repo)
    code, out = validate()
    assert code == 0
    assert "also mkdocs.yml, outside catalogue/" in out


def test_a_pull_request_outside_the_catalogue_only_is_not_a_providers(repo: Path) -> None:
    (repo / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    code, out = validate("--strict")
    assert code == 0 and not rules_found(out), out


def test_maintainers_with_content_are_refused_at_the_maintainers_line(repo: Path) -> None:
    maintainers_and_content(repo)
    code, out = validate()
    assert code == 1
    assert re.search(
        r"21:1\s+error\s+pr/maintainers\s+the maintainers changed in a pull request that also changes "
        r"catalogue/case-provider/courses/feeder-course.yaml",
        out,
    ), out


def test_maintainers_with_another_field_of_the_same_file_are_refused(repo: Path) -> None:
    provider = repo / "catalogue/case-provider/provider.yaml"
    edit(provider, '["@case-provider"]', '["@newcomer"]')
    edit(provider, "legal_name: Case Provider College Ltd", "legal_name: Case Provider College plc")
    code, out = validate()
    assert code == 1 and "also changes `legal_name`" in out, out


def test_maintainers_alone_with_regenerated_codeowners_pass(repo: Path) -> None:
    edit(
        repo / "catalogue/case-provider/provider.yaml",
        '["@case-provider"]',
        '["@case-provider", "@newcomer"]',
    )
    assert run("codeowners").exit_code == 0
    code, out = validate("--strict")
    assert code == 0, out


def test_codeowners_edited_by_hand_is_outside_the_catalogue(repo: Path) -> None:
    edit(course(repo, "feeder-course"), "workload: {hours: 50}", "workload: {hours: 55}")
    with (repo / ".github/CODEOWNERS").open("a") as owners:
        owners.write("/catalogue/second-provider/ @intruder\n")
    _, out = validate()
    assert "also .github/CODEOWNERS, outside catalogue/" in out, out


def test_courses_added_on_main_after_the_fork_are_not_deletions(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    add_course(repo)
    commit_all(repo, "another provider's course, merged meanwhile")
    git(repo, "checkout", "-q", "pr")
    edit(course(repo, "feeder-course"), "workload: {hours: 50}", "workload: {hours: 55}")
    code, out = validate("--strict")
    assert code == 0, out


def test_github_annotations_carry_the_rule_and_the_withdrawal_lines(repo: Path) -> None:
    delete_course(repo)
    code, out = validate("--format", "github")
    assert code == 1
    line = next(row for row in out.splitlines() if row.startswith("::error "))
    assert line.startswith(
        "::error file=catalogue/case-provider/courses/feeder-course.yaml,line=1,col=1,title=pr/deleted::"
    )
    assert "%0A    status: withdrawn%0A    withdrawn:%0A      date: 2026-11-29" in line


def test_an_unknown_base_is_a_usage_error(repo: Path) -> None:
    done = run("validate", "catalogue", "--base", "no-such-branch")
    assert done.exit_code == 2
    assert "`no-such-branch` is not a branch, tag or commit here" in done.output


def test_outside_a_git_checkout_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "tests/cases/base", tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    done = run("validate", "catalogue", "--base", "main")
    assert done.exit_code == 2 and "cannot compare with the base" in done.output


@pytest.mark.parametrize(
    ("folder", "name", "like"),
    [
        ("case-provlder", "Independent Learning Centre", "its id"),  # i and l
        ("new-college", "Case Provider Co\u13c0lege", "its name"),  # a Cherokee letter for one "l"
        ("new-college", "Casе Prоvider Cоllege", "its name"),  # Cyrillic е and о
        ("new-college", "CASE PROVIDER COLLEGE", "its name"),
        ("new-college", "Case Provider Colege", "its name"),  # one letter missing
        ("new-college", "Nеw College", "mixes"),  # a Cyrillic е, like nobody else
        ("new-college", "Brand New College of Nursing", None),
    ],
)
def test_a_new_provider_that_reads_like_an_existing_one_is_a_warning(
    repo: Path, folder: str, name: str, like: str | None
) -> None:
    (repo / "catalogue" / folder).mkdir()
    text = (repo / "catalogue/case-provider/provider.yaml").read_text("utf-8")
    text = text.replace("en: Case Provider College", f"en: {name}").replace(
        "de: Fallbeispiel-Hochschule", "de: Neue Hochschule"
    )
    text = text.replace("case-provider.example", f"{folder}.example")
    (repo / "catalogue" / folder / "provider.yaml").write_text(text, "utf-8")
    code, out = validate()
    warned = [line for line in out.splitlines() if "pr/lookalike-provider" in line]
    if like is None:
        assert not warned, out
    else:
        assert warned and like in warned[0], out
    assert code == 0, out
