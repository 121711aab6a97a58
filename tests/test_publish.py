"""The writer: outputs stay inside the site, and no path is written twice."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import REPO

from generator.publish import PublishError, Writer, swap_in


@pytest.mark.parametrize(
    "relative", ["../outside.html", "/etc/passwd", "a/../../outside", "a/./../../x", "."]
)
def test_paths_outside_the_site_are_refused(tmp_path: Path, relative: str) -> None:
    with pytest.raises(PublishError):
        Writer(tmp_path / "site").write(relative, b"x")


def test_a_symlinked_folder_cannot_lead_outside(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    os.symlink(tmp_path, site / "escape")
    with pytest.raises(PublishError):
        Writer(site).write("escape/evil.html", b"x")
    assert not (tmp_path / "evil.html").exists()


def test_no_folder_is_made_through_a_symlink_outside(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    os.symlink(tmp_path, site / "escape")
    with pytest.raises(PublishError):
        Writer(site).write("escape/deeper/evil.html", b"x")
    assert not (tmp_path / "deeper").exists()


def test_text_bytes_and_chunks_are_written_whole(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    big = bytes(range(256)) * 5000  # larger than one write may take at once on some systems
    assert writer.write("a/text.html", "één") == len("één".encode())
    assert writer.write("a/bytes.bin", big) == len(big)
    assert writer.write("b/c/chunks.json", iter([b"[", big, b"", b"]"])) == len(big) + 2
    assert (tmp_path / "a/text.html").read_text("utf-8") == "één"
    assert (tmp_path / "a/bytes.bin").read_bytes() == big
    assert (tmp_path / "b/c/chunks.json").read_bytes() == b"[" + big + b"]"


def test_one_path_is_never_written_twice(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    writer.write("courses/a/b/index.html", "first")
    with pytest.raises(PublishError):
        writer.write("courses/a/./b/index.html", "second")
    assert (tmp_path / "courses/a/b/index.html").read_text() == "first"


def test_swap_replaces_the_site_only_as_a_whole(tmp_path: Path) -> None:
    final, partial = tmp_path / "site", tmp_path / "site.partial"
    (final / "old").mkdir(parents=True)
    (partial / "new").mkdir(parents=True)
    swap_in(partial, final)
    assert (final / "new").is_dir() and not (final / "old").exists() and not partial.exists()


WRITES = re.compile(r"\.write_(?:text|bytes)\(|\bos\.(?:replace|write)\(|\bopen\([^)]*['\"][wax]b?['\"]")


def test_only_the_writer_writes_files() -> None:
    """Every file goes through generator/writer.py, which checks where it lands; moving a
    finished folder into place (publish.swap_in, the search bundle) is not writing."""
    generator = REPO / "generator"
    writers = sorted(
        path.relative_to(REPO).as_posix()
        for path in generator.rglob("*.py")
        if path != generator / "writer.py" and WRITES.search(path.read_text("utf-8"))
    )
    assert writers == []
