"""The work and output of a check grow with the files checked, never with their square: a
pull request of thousands of copies, or one file with 120,000 wrong items, cannot take the
check down. Sizes are asserted, not times (times are measured in benchmarks/)."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY

from generator import report
from generator.layout import Selection
from generator.validation import SHOWN, check

COPIES = 2000


def test_thousands_of_courses_with_one_title_give_one_short_problem_each(base_catalogue: Path) -> None:
    courses = base_catalogue / "case-provider/courses"
    text = (courses / "feeder-course.yaml").read_text("utf-8")
    for number in range(COPIES):
        (courses / f"copy-{number:05d}.yaml").write_text(text, "utf-8")
    result = check(Selection(base_catalogue, None), today=TODAY)
    duplicates = [p for p in result.problems if p.rule == "title/duplicate"]
    assert len(duplicates) == COPIES + 1  # every copy and the original
    assert max(len(p.message) for p in duplicates) < 300
    assert f"and {COPIES - 3:,} more" in duplicates[0].message
    for output in (
        report.as_github(result.problems),
        report.as_json(result.problems),
        report.as_text(result.problems, result.files),
    ):
        assert len(output) < COPIES * 1500  # each duplicate listing every other: 229 MB


def test_a_file_with_120000_wrong_items_lists_a_hundred_and_counts_the_rest(base_catalogue: Path) -> None:
    course = base_catalogue / "case-provider/courses/feeder-course.yaml"
    course.write_text(course.read_text("utf-8") + "keywords: [" + ",".join(["1"] * 120_000) + "]\n")
    assert course.stat().st_size < 256 * 1024  # under the size limit: the loader reads it
    result = check(Selection(base_catalogue, None), today=TODAY)
    mine = [p for p in result.problems if p.file.endswith("feeder-course.yaml")]
    assert len(mine) == SHOWN + 1
    assert mine[-1].rule == "file/too-many-problems"
    assert "more problems in this file" in mine[-1].message
    text = report.as_text(result.problems, result.files)
    assert len(text) < 200_000  # every problem used to print the whole 240 KB line
