"""`catalogue diff --base main`: what a simulated pull request changes, in words."""

from __future__ import annotations

import shutil
from pathlib import Path

from review_repo import course, edit, git, repo, run  # noqa: F401  (repo is a fixture)

from generator.review.summary import MARKER

TODAY = "2026-11-29"


def diff(fmt: str = "text") -> str:
    done = run("diff", "--base", "main", "--catalogue", "catalogue", "--today", TODAY, "--format", fmt)
    assert done.exit_code == 0, done.output
    return done.output


def test_new_course_is_listed_with_its_title(repo: Path) -> None:
    shutil.copyfile(course(repo, "feeder-course"), course(repo, "evening-course"))
    edit(course(repo, "evening-course"), "Introduction to data analysis", "Data analysis in the evening")
    out = diff()
    assert out.startswith("1 new course — ✓ no blocking problems, 0 pieces of advice")
    assert "New courses:\n  case-provider/evening-course — Data analysis in the evening\n" in out


def test_withdrawn_course_says_when_and_by_what_it_is_replaced(repo: Path) -> None:
    with course(repo, "feeder-course").open("a") as f:
        f.write(
            "status: withdrawn\nwithdrawn:\n  date: 2026-11-20\n  replaced_by: case-provider/target-course\n"
        )
    out = diff()
    assert out.startswith("1 withdrawn course — ✓ no blocking problems")
    assert (
        "Withdrawn courses:\n  case-provider/feeder-course — Introduction to data analysis\n"
        "      withdrawn on 2026-11-20, replaced by case-provider/target-course\n"
    ) in out


def test_changed_fields_show_old_and_new_when_short(repo: Path) -> None:
    target = course(repo, "target-course")
    edit(target, "  ects: 15", "  ects: 14")
    edit(target, "A first course in statistics.", "Two courses in statistics.")
    edit(target, "  Work through **three projects**", "  Work through **four projects**")
    edit(target, "keywords: [data, statistics]", "keywords: [data, statistics, R]")
    out = diff()
    assert "Changed courses:\n  case-provider/target-course — Applied data analysis certificate\n" in out
    assert "      workload: ects: 15, hours: 400 → ects: 14, hours: 400\n" in out
    assert "      prerequisites: A first course in statistics. → Two courses in statistics.\n" in out
    assert "      description changed\n" in out  # long texts are not quoted
    assert "      keywords: data, statistics → data, statistics, R\n" in out


def test_new_sessions_and_price_changes(repo: Path) -> None:
    target = course(repo, "target-course")
    edit(target, "price: {amount: 1200.50, currency: EUR}", "price: {amount: 1250, currency: EUR}")
    edit(
        target,
        "    price: {amount: 900, currency: EUR}",
        "    price: {amount: 950, currency: EUR}\n"
        "  - id: 2027-autumn\n    start: 2027-09-01\n    end: 2027-12-15\n    location: {city: Cork, country: IE}",
    )
    edit(target, "    start: 2027-02-01", "    start: 2027-02-08")
    out = diff()
    assert "      new session 2027-autumn (2027-09-01 → 2027-12-15)\n" in out
    assert "      price — course price: 1200.5 EUR → 1250 EUR\n" in out
    assert "      price — session 2027-spring: 1200.5 EUR → 1250 EUR\n" in out
    assert "      price — session online-anytime: 900 EUR → 950 EUR\n" in out
    assert "      session 2027-spring: start: 2027-02-01 → 2027-02-08\n" in out


def test_blocking_problems_and_advice_are_separate(repo: Path) -> None:
    git(repo, "rm", "-q", "catalogue/case-provider/courses/retired-course.yaml")
    edit(course(repo, "feeder-course"), "last_reviewed: 2026-10-01", "last_reviewed: 2024-10-01")
    out = diff()
    assert out.startswith(
        "1 changed course, 1 renamed or deleted course — ✗ 1 blocking problem, 1 piece of advice"
    )
    blocking, advice = out.split("Blocking problems (must be fixed):\n")[1].split(
        "Advice (does not block):\n"
    )
    assert "pr/deleted" in blocking and "review/stale" not in blocking
    assert "review/stale" in advice and "pr/deleted" not in advice


def test_errors_in_changed_files_block(repo: Path) -> None:
    edit(course(repo, "feeder-course"), "learning_outcomes:", "learning_outcome:")
    out = diff()
    assert "✗ 1 blocking problem" in out and "schema/unknown-field" in out
    assert "Files that could not be read" not in out


def test_markdown_comment_has_its_marker_and_quotes_provider_text_safely(repo: Path) -> None:
    shutil.copyfile(course(repo, "feeder-course"), course(repo, "evening-course"))
    edit(
        course(repo, "evening-course"),
        "title: Introduction to data analysis",
        'title: "Free `course` ![x](https://evil.example/p.png) <img src=x> @everyone"',
    )
    out = diff("markdown")
    assert out.startswith(MARKER + "\n## Catalogue check\n")
    assert (
        "### New courses\n\n- `case-provider/evening-course` — ``Free `course` ![x](https://evil.example/p.png) <img src=x> @everyone``"
        in out
    )
    assert "### Blocking problems" not in out and "No blocking problems in the catalogue." in out
    assert "Compared with `main` at `" in out


def test_markdown_problems_are_escaped_and_hints_keep_their_lines(repo: Path) -> None:
    git(repo, "rm", "-q", "catalogue/case-provider/courses/retired-course.yaml")
    out = diff("markdown")
    assert "### Blocking problems (1)" in out
    assert "the course \\`case-provider/retired-course\\` was deleted" in out
    assert "```yaml\n  status: withdrawn\n  withdrawn:\n    date: 2026-11-29\n  ```" in out


def test_no_change_says_so(repo: Path) -> None:
    assert diff().startswith("no course or provider changes — ✓ no blocking problems")
