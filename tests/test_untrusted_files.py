"""Files a pull request can put in the catalogue that are not plain YAML files: links,
pipes, huge files, UTF-16 text and files with a huge number of problems. Each gets a clear
problem at its path, and nothing it points to is read, shown or published.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from conftest import TODAY

from generator import report
from generator.layout import Selection
from generator.validation import check

SECRET = "the-secret-that-must-not-leak"


def _problems(root: Path) -> list[tuple[str, str]]:
    result = check(Selection(root, None), today=TODAY, keep=True)
    return [(Path(p.file).name, p.rule) for p in result.problems]


def _outputs(root: Path) -> str:
    result = check(Selection(root, None), today=TODAY)
    return "\n".join(
        (
            report.as_text(result.problems, result.files),
            report.as_github(result.problems),
            report.as_json(result.problems),
        )
    )


def test_a_course_file_linking_outside_the_catalogue_is_refused_and_never_shown(
    base_catalogue: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"title: {SECRET}\n: broken yaml {SECRET}\n")
    (base_catalogue / "case-provider/courses/leak.yaml").symlink_to(outside)
    assert ("leak.yaml", "layout/not-a-file") in _problems(base_catalogue)
    assert SECRET not in _outputs(base_catalogue)


def test_a_link_to_another_providers_course_is_not_republished(base_catalogue: Path) -> None:
    theirs = base_catalogue / "case-provider/courses/target-course.yaml"
    mine = base_catalogue / "second-provider/courses"
    mine.mkdir()
    (mine / "copied.yaml").symlink_to(theirs)
    result = check(Selection(base_catalogue, None), today=TODAY, keep=True)
    assert "second-provider/copied" not in result.courses
    assert ("copied.yaml", "layout/not-a-file") in [(Path(p.file).name, p.rule) for p in result.problems]


def test_a_linked_provider_folder_is_reported_and_not_entered(base_catalogue: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "courses").mkdir(parents=True)
    (elsewhere / "provider.yaml").write_text(f"name: {SECRET}\n")
    (base_catalogue / "linked-provider").symlink_to(elsewhere, target_is_directory=True)
    result = check(Selection(base_catalogue, None), today=TODAY, keep=True)
    assert "linked-provider" not in result.providers
    assert ("linked-provider", "layout/not-a-file") in [(Path(p.file).name, p.rule) for p in result.problems]
    assert SECRET not in _outputs(base_catalogue)


def test_a_pipe_is_refused_without_waiting_for_it(base_catalogue: Path) -> None:
    os.mkfifo(base_catalogue / "case-provider/courses/pipe.yaml")
    done: list[list[tuple[str, str]]] = []
    worker = threading.Thread(target=lambda: done.append(_problems(base_catalogue)), daemon=True)
    worker.start()
    worker.join(30)
    assert done, "reading a pipe blocked the check"
    assert ("pipe.yaml", "layout/not-a-file") in done[0]


def test_a_huge_file_is_refused_before_it_is_read(base_catalogue: Path) -> None:
    """200 MB (sparse: no disk is used) is refused from its size; the check's peak memory
    stays far below the file's size in every output format."""
    huge = base_catalogue / "case-provider/courses/huge.yaml"
    with huge.open("wb") as file:
        file.truncate(200 * 1024 * 1024)
    for fmt in ("text", "json", "github"):
        code = (
            "import sys\n"
            "from generator.cli import main\n"
            f"sys.argv = ['catalogue', 'validate', {str(base_catalogue)!r}, '--format', {fmt!r}]\n"
            "try:\n"
            "    main()\n"
            "except SystemExit:\n"
            "    pass\n"
            # VmHWM is this program's own peak: ru_maxrss would carry the test runner's
            # peak across fork and exec.
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
            "print(hwm.split()[1], file=sys.stderr)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert "yaml/too-large" in done.stdout
        peak_kib = int(done.stderr.strip().splitlines()[-1])
        assert peak_kib < 150 * 1024, f"{fmt}: peak {peak_kib // 1024} MB"


def test_a_utf16_file_is_named_as_utf16(base_catalogue: Path) -> None:
    course = base_catalogue / "case-provider/courses/feeder-course.yaml"
    text = course.read_text("utf-8")
    for encoding, said in (("utf-16", "UTF-16"), ("utf-16-le", "UTF-16 (little-endian)")):
        course.write_bytes(text.encode(encoding))
        result = check(Selection(base_catalogue, None), today=TODAY)
        messages = [p.message for p in result.problems if p.rule == "yaml/encoding"]
        assert messages and said in messages[0], messages
