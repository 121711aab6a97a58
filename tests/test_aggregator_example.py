"""The harvesting example of the aggregators' guide, run as written against the built site
served over HTTP: it must fetch everything once, then nothing, then only what changed."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SAMPLE, TODAY

from generator import model
from generator.feeds import tabular
from generator.layout import Selection
from generator.validation import check

GUIDE = REPO / "docs" / "aggregators" / "index.md"
BASE_LINE = 'BASE = "https://microcredentials.example/"'
COURSE_PATH = re.compile(r"^/api/v1/courses/(.+)\.json$")


def example_code() -> str:
    """The fenced Python block directly under the "## Harvesting example" heading."""
    section = GUIDE.read_text("utf-8").split("\n## Harvesting example\n", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"^```python\n(.*?)^```$", section, re.S | re.M)
    assert found, "a ```python block under ## Harvesting example"
    return found.group(1)


class _Recorder(SimpleHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


@pytest.fixture()
def served(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Path, list[str]]]:
    """A copy of the site's API on 127.0.0.1 (a copy, so a test may change it): base URL,
    served folder, and the paths requested."""
    root = tmp_path / "served"
    shutil.copytree(site / "api", root / "api")
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root, requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _run(code: str, base: str, requests: list[str]) -> tuple[dict[str, Any], set[str]]:
    """Run the example in the current folder (where it keeps its state): its variables and the courses it requested."""
    assert code.count(BASE_LINE) == 1, f"the example defines {BASE_LINE!r} exactly once"
    requests.clear()
    namespace: dict[str, Any] = {"__name__": "__harvest__"}
    # The guide's own example, run as a reader would run it.
    exec(compile(code.replace(BASE_LINE, f'BASE = "{base}"'), str(GUIDE), "exec"), namespace)  # noqa: S102
    return namespace, {m.group(1) for path in requests if (m := COURSE_PATH.match(path))}


def test_the_example_fetches_everything_then_nothing_then_only_what_changed(
    served: tuple[str, Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, root, requests = served
    catalogue = model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))
    withdrawn = {c.id: c.replaced_by for c in catalogue.courses.values() if c.withdrawn}
    assert withdrawn, "the sample has withdrawn courses"
    workdir = tmp_path / "harvester"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    code = example_code()

    first, fetched = _run(code, base, requests)
    assert fetched == set(catalogue.courses) and sorted(first["fetched"]) == sorted(catalogue.courses)
    assert first["withdrawn"] == withdrawn
    assert json.loads((workdir / "harvest-withdrawn.json").read_text("utf-8")) == withdrawn
    state = json.loads((workdir / "harvest-state.json").read_text("utf-8"))
    for course_id in catalogue.courses:
        raw = (root / "api/v1/courses" / f"{course_id}.json").read_bytes()
        assert (workdir / "records" / f"{course_id}.json").read_bytes() == raw
        assert state[course_id] == hashlib.sha256(raw).hexdigest()

    second, fetched = _run(code, base, requests)
    assert fetched == set() and second["fetched"] == []
    assert requests == ["/api/v1/changes.json"]
    assert second["withdrawn"] == withdrawn, "tombstones are seen on every run"

    changed = "nordhavn-university/data-visualisation"
    _change_record(root, changed)
    third, fetched = _run(code, base, requests)
    assert fetched == {changed} and third["fetched"] == [changed]


def test_a_record_that_does_not_match_its_hash_is_not_kept(
    served: tuple[str, Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, root, requests = served
    monkeypatch.chdir(tmp_path)
    record = root / "api/v1/courses/nordhavn-university/data-visualisation.json"
    record.write_bytes(record.read_bytes().replace(b"Data visualisation", b"Data visualization"))
    namespace, fetched = _run(example_code(), base, requests)
    assert "nordhavn-university/data-visualisation" in fetched
    assert "nordhavn-university/data-visualisation" not in namespace["fetched"]
    assert "nordhavn-university/data-visualisation" not in json.loads(
        (tmp_path / "harvest-state.json").read_text("utf-8")
    )


def test_the_guide_lists_every_csv_column() -> None:
    text = GUIDE.read_text("utf-8")
    for name, _ in tabular.COLUMNS:
        assert f"| `{name}` |" in text, name


def _change_record(root: Path, course_id: str) -> None:
    """Edit one record and its hash in changes.json, as a new build would."""
    record = root / "api/v1/courses" / f"{course_id}.json"
    raw = record.read_bytes().replace(b"Data visualisation", b"Data visualisation and storytelling")
    record.write_bytes(raw)
    changes_file = root / "api/v1/changes.json"
    changes = json.loads(changes_file.read_bytes())
    for entry in changes["courses"]:
        if entry["id"] == course_id:
            entry["sha256"] = hashlib.sha256(raw).hexdigest()
    changes_file.write_text(json.dumps(changes), "utf-8")
