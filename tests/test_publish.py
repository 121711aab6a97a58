"""The writer: outputs stay inside the site, and no path is written twice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish import PublishError, Writer, swap_in


@pytest.mark.parametrize("relative", ["../outside.html", "/etc/passwd", "a/../../outside", "a/./../../x", "."])
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
