"""The `catalogue` command through its real, installed entry point."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO

CATALOGUE = (
    shutil.which("catalogue") or "catalogue"
)  # the installed console script; missing means failing tests


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CATALOGUE, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def broken(base_catalogue: Path) -> Path:
    """The base catalogue with one misspelt key and one warning-only file."""
    course = base_catalogue / "case-provider" / "courses" / "feeder-course.yaml"
    course.write_text(course.read_text().replace("learning_outcomes:", "learning_outcome:"))
    return base_catalogue


def test_valid_catalogue_exits_0(base_catalogue: Path) -> None:
    done = run("validate", str(base_catalogue), "--today", "2026-11-29")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems (6 files checked)" in done.stdout


def test_problems_exit_1_with_file_line_caret_hint_and_count(broken: Path) -> None:
    done = run("validate", str(broken), "--today", "2026-11-29")
    assert done.returncode == 1
    out = done.stdout
    assert "case-provider/courses/feeder-course.yaml" in out
    assert (
        "6:1  error  schema/unknown-field  unknown field `learning_outcome`; did you mean `learning_outcomes`?"
        in out
    )
    assert re.search(r"\n\s+6 \| learning_outcome:\n\s+\| \^\n", out)
    assert "hint: rename `learning_outcome` to `learning_outcomes`" in out
    assert out.rstrip().endswith("✗ 1 error, 0 warnings in 1 file (6 files checked)")
    assert "Traceback" not in done.stderr


def test_json_format_lists_every_field(broken: Path) -> None:
    done = run("validate", str(broken), "--format", "json", "--today", "2026-11-29")
    assert done.returncode == 1
    problems = json.loads(done.stdout)
    assert problems == [
        {
            "file": str((broken / "case-provider/courses/feeder-course.yaml").resolve()),
            "line": 6,
            "column": 1,
            "rule": "schema/unknown-field",
            "severity": "error",
            "message": "unknown field `learning_outcome`; did you mean `learning_outcomes`?",
            "hint": "rename `learning_outcome` to `learning_outcomes`",
        }
    ]


def test_github_format_is_workflow_annotations(broken: Path) -> None:
    done = run("validate", str(broken), "--format", "github", "--today", "2026-11-29")
    assert done.returncode == 1
    line = done.stdout.strip()
    assert re.fullmatch(
        r"::error file=[^,]+feeder-course\.yaml,line=6,col=1,title=schema/unknown-field::unknown field .+ — hint%3A? .+|"
        r"::error file=[^,]+feeder-course\.yaml,line=6,col=1,title=schema/unknown-field::unknown field .+",
        line,
    )


def test_github_annotations_cannot_be_forged_by_provider_text(base_catalogue: Path) -> None:
    course = base_catalogue / "case-provider" / "courses" / "feeder-course.yaml"
    course.write_text(
        course.read_text().replace(
            "participation: online", 'participation: "x\\n::error file=evil::forged%0A"'
        )
    )
    done = run("validate", str(base_catalogue), "--format", "github", "--today", "2026-11-29")
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=") and "%0A" in lines[0]


def test_warnings_pass_unless_strict(base_catalogue: Path) -> None:
    course = base_catalogue / "case-provider" / "courses" / "feeder-course.yaml"
    course.write_text(course.read_text().replace("last_reviewed: 2026-10-01", "last_reviewed: 2024-01-01"))
    assert run("validate", str(base_catalogue), "--today", "2026-11-29").returncode == 0
    strict = run("validate", str(base_catalogue), "--strict", "--today", "2026-11-29")
    assert strict.returncode == 1 and "review/stale" in strict.stdout


def test_a_single_file_is_checked_against_its_whole_catalogue(base_catalogue: Path) -> None:
    feeder = base_catalogue / "case-provider" / "courses" / "feeder-course.yaml"
    done = run("validate", str(feeder), "--today", "2026-11-29")
    assert done.returncode == 0 and "1 file checked" in done.stdout
    (base_catalogue / "case-provider" / "courses" / "target-course.yaml").unlink()
    done = run("validate", str(feeder), "--today", "2026-11-29")
    assert done.returncode == 1 and "ref/stacks-into" in done.stdout


def test_one_bad_file_does_not_stop_the_others(base_catalogue: Path) -> None:
    (base_catalogue / "case-provider" / "courses" / "aaa-broken.yaml").write_bytes(b"title: [unclosed\n")
    course = base_catalogue / "case-provider" / "courses" / "feeder-course.yaml"
    course.write_text(course.read_text().replace("participation: online", "participation: onlin"))
    done = run("validate", str(base_catalogue), "--format", "json", "--today", "2026-11-29")
    assert {(Path(p["file"]).name, p["rule"]) for p in json.loads(done.stdout)} == {
        ("aaa-broken.yaml", "yaml/syntax"),
        ("feeder-course.yaml", "schema/enum"),
    }


def test_usage_errors_exit_2() -> None:
    assert run("validate", "--format", "xml").returncode == 2
    assert run("validate", "/no/such/catalogue").returncode == 2
    assert run("validate", "--today", "2026-02-30").returncode == 2
    assert run("no-such-command").returncode == 2


def test_new_provider_and_course_templates_validate_once_filled(tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    assert run("new", "provider", "acme-academy", "--catalogue", str(root)).returncode == 0
    assert run("new", "course", "acme-academy/welding-basics", "--catalogue", str(root)).returncode == 0
    provider, course = (
        root / "acme-academy" / "provider.yaml",
        root / "acme-academy" / "courses" / "welding-basics.yaml",
    )
    assert provider.read_text().startswith("# yaml-language-server: $schema=")
    assert course.read_text().startswith("# yaml-language-server: $schema=")
    schema_ref = course.read_text().splitlines()[0].split("$schema=")[1]
    assert (course.parent / schema_ref).resolve().is_file(), "the schema line must point at the real schema"

    unfilled = run("validate", str(root), "--format", "json", "--today", "2026-11-29")
    assert unfilled.returncode == 1
    assert "template/placeholder" in {p["rule"] for p in json.loads(unfilled.stdout)}

    fill = {
        "<<public name of the organisation>>": "Acme Academy",
        "<<registered legal name>>": "Acme Academy Oy",
        "<<provider type>>": "private-training-provider",
        "<<country code>>": "FI",
        "<<https:// address of your home page>>": "https://acme.example/",
        "<<language code>>": "en",
        "<<Who you are and who your courses are for, in a few sentences (Markdown).>>": "We teach welding.",
        "<<name of the accrediting agency>>": "Finnish Quality Agency",
        "<<e-mail address for learners>>": "hello@acme.example",
        "<<@github-handle>>": "@acme",
        "<<title of the micro-credential, at most 200 characters>>": "Welding basics",
        "<<one or two sentences: who it is for and what they will be able to do>>": "For new workshop staff: weld safely.",
        "<<A longer description in Markdown: paragraphs, lists, *emphasis*, https links.>>": "Practical *workshop* sessions.",
        "<<https:// address of the course page on your site>>": "https://acme.example/welding",
        "<<ISCED-F code>>": "0715",
        "<<first learning outcome>>": "Prepare a steel joint for welding to a drawing.",
        "<<second learning outcome>>": "Weld a fillet joint that passes a visual inspection.",
        "<<session id, e.g. 2027-spring>>": "2027-spring",
        "<<start date YYYY-MM-DD>>": "2027-03-01",
        "<<end date YYYY-MM-DD>>": "2027-04-30",
        "<<today's date YYYY-MM-DD>>": "2026-11-20",
    }
    for path in (provider, course):
        text = path.read_text()
        for placeholder, value in fill.items():
            text = text.replace(placeholder, value)
        data_lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        assert not re.findall(r"<<[^>]*>>", "\n".join(data_lines))
        path.write_text(text)
        assert yaml.safe_load(text)
    done = run("validate", str(root), "--strict", "--today", "2026-11-29")
    assert done.returncode == 0, done.stdout


def test_new_refuses_bad_ids_and_existing_files(tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    assert run("new", "provider", "Bad_Id", "--catalogue", str(root)).returncode == 2
    assert run("new", "course", "missing/course", "--catalogue", str(root)).returncode == 2
    assert run("new", "provider", "acme", "--catalogue", str(root)).returncode == 0
    assert run("new", "provider", "acme", "--catalogue", str(root)).returncode == 2


def test_stats_counts_the_sample() -> None:
    done = run("stats", "catalogue", "--format", "json")
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert counts["totals"]["courses"] >= 60
    assert set(counts) == {"totals", "country", "field", "level", "mode", "language"}
    assert sum(counts["country"].values()) == counts["totals"]["active"]
    text = run("stats", "catalogue")
    assert text.returncode == 0 and "country:" in text.stdout and "EQF 6" in text.stdout
