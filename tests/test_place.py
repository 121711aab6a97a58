"""Where courses take place: the search's place filters, a session's own region and the
lists by country, each checked against what the sample's files say, worked out here
without the generator's ``places`` module."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, REPO, SAMPLE, TODAY
from sitebuild import page

from generator import model
from generator.layout import Selection
from generator.loading import load_file
from generator.search.records import Record, catalogue_records, counts
from generator.validation import check

PLACE_FACETS = ("where", "region", "city")
STALE_REGION = CASES / "invalid" / "code" / "nuts-unknown" / "session-nuts-2021-code.yaml"


@pytest.fixture(scope="module")
def catalogue() -> model.Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


@pytest.fixture(scope="module")
def records(catalogue: model.Catalogue) -> dict[str, Record]:
    return {r.url: r for r in catalogue_records(catalogue.courses.values(), TODAY)}


def _files() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Course id → (course file, provider file), as the files say."""
    found = {}
    for path in sorted(SAMPLE.glob("*/courses/*.yaml")):
        provider = load_file(path.parent.parent / "provider.yaml").data
        found[f"{path.parent.parent.name}/{path.stem}"] = (load_file(path).data, provider)
    return found


def _taught(course: dict[str, Any]) -> list[dict[str, Any]]:
    """Locations of the sessions that meet on site (an online session's location is not one)."""
    sessions = course.get("sessions") or []
    return [
        s["location"]
        for s in sessions
        if "location" in s and s.get("participation", course["participation"]) != "online"
    ]


def _expected(
    course: dict[str, Any], provider: dict[str, Any], spelling: dict[tuple[str, str], str]
) -> dict[str, list[str]]:
    taught = _taught(course)
    online = course["participation"] == "online" or any(
        s.get("participation") == "online" for s in course.get("sessions") or []
    )
    where = {loc["country"] for loc in taught} | ({"online"} if online else set())
    regions = {loc["region"] for loc in taught if "region" in loc}
    if not where:  # nothing taught on site, nothing online: the provider's place
        where, regions = {provider["country"]}, {provider["region"]} if "region" in provider else set()
    cities = {
        f"{loc['country']}:{spelling[loc['country'], loc['city'].strip().casefold()]}" for loc in taught
    }
    return {"where": sorted(where), "region": sorted(regions), "city": sorted(cities)}


def _spellings(files: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> dict[tuple[str, str], str]:
    given = sorted({(loc["country"], loc["city"].strip()) for c, _ in files.values() for loc in _taught(c)})
    spelling: dict[tuple[str, str], str] = {}
    for country, city in given:
        spelling.setdefault((country, city.casefold()), city)
    return spelling


def test_every_course_s_place_filters_are_what_its_file_says(records: dict[str, Record]) -> None:
    files = _files()
    spelling = _spellings(files)
    assert len(files) == len(records)
    for course_id, (course, provider) in files.items():
        found = records[f"courses/{course_id}/"].filters
        want = _expected(course, provider, spelling)
        assert {key: found.get(key, []) for key in PLACE_FACETS} == want, course_id


def test_the_sample_exercises_every_place_rule(records: dict[str, Record]) -> None:
    """Each rule above is met by some sample course, or the comparison would prove little."""
    files = _files()
    taught = {cid: _taught(course) for cid, (course, _) in files.items()}
    assert any(loc["country"] != files[cid][1]["country"] for cid, locs in taught.items() for loc in locs)
    assert any(len({loc["country"] for loc in locs}) > 1 for locs in taught.values())
    assert any(len({loc.get("region") for loc in locs} - {None}) > 1 for locs in taught.values())
    assert any(loc.get("region") is None for locs in taught.values() for loc in locs)
    filters = [r.filters for r in records.values()]
    assert any(f["where"] == ["online"] for f in filters)
    assert any("online" in f["where"] and len(f["where"]) > 1 for f in filters)
    assert any(
        not locs and "online" not in records[f"courses/{cid}/"].filters["where"]
        for cid, locs in taught.items()
    )


def test_one_city_spelt_two_ways_is_one_value_in_the_first_spelling(catalogue: model.Catalogue) -> None:
    first, second = [
        c
        for c in catalogue.courses.values()
        if any(s.location and s.location.city == "Bologna" for s in c.sessions)
    ][:2]
    lower = _moved(second, "  bologna ")
    values = [r.filters["city"] for r in catalogue_records([lower, first], TODAY)]
    assert values == [["IT:Bologna"], ["IT:Bologna"]]  # the capital sorts first, whichever file comes first
    assert catalogue_records([lower], TODAY)[0].filters["city"] == ["IT:bologna"]


def _moved(course: model.Course, city: str) -> model.Course:
    """``course`` with every session that has a place held in ``city``."""
    sessions = tuple(
        replace(s, location=replace(s.location, city=city)) if s.location else s for s in course.sessions
    )
    return replace(course, sessions=sessions)


def test_an_online_session_s_location_is_not_where_it_takes_place(catalogue: model.Catalogue) -> None:
    course = next(c for c in catalogue.courses.values() if c.participation == "online" and c.sessions)
    office = model.Location("Aarhus", "DK", region="DK042")
    moved = replace(course, sessions=tuple(replace(s, location=office) for s in course.sessions))
    (found,) = catalogue_records([moved], TODAY)
    assert found.filters["where"] == ["online"]
    assert "region" not in found.filters and "city" not in found.filters
    blended = replace(moved, sessions=tuple(replace(s, participation="blended") for s in moved.sessions))
    assert catalogue_records([blended], TODAY)[0].filters["where"] == ["DK", "online"]  # the course is online


def test_a_stale_session_region_warns_at_its_line_and_column(base_catalogue: Path) -> None:
    target = base_catalogue / "case-provider" / "courses" / STALE_REGION.name
    shutil.copyfile(STALE_REGION, target)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "validate",
            str(target),
            "--format",
            "json",
            "--today",
            "2026-11-29",
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr  # a warning only
    (problem,) = json.loads(done.stdout)
    line = next(n for n, text in enumerate(STALE_REGION.read_text().splitlines(), 1) if "NL33C" in text)
    assert (problem["rule"], problem["severity"], problem["line"]) == ("code/nuts-unknown", "warning", line)
    assert problem["column"] == STALE_REGION.read_text().splitlines()[line - 1].index("NL33C") + 1
    assert "NL33C" in problem["message"] and "NUTS 2024" in problem["hint"]


def test_a_course_is_listed_under_every_country_where_it_takes_place(site: Path) -> None:
    want: dict[str, set[str]] = {}
    for course_id, (course, provider) in _files().items():
        if course.get("status") != "withdrawn":
            for code in {loc["country"] for loc in _taught(course)} or {provider["country"]}:
                want.setdefault(code.lower(), set()).add(course_id)
    listed = {
        folder.name: _listed(site, folder.name)
        for folder in (site / "countries").iterdir()
        if folder.is_dir()
    }
    assert listed == want
    abroad = "green-transition-network/community-energy-projects"  # an Irish provider's course in Aarhus
    assert abroad in listed["dk"] and abroad not in listed["ie"]
    denmark = page(site, "countries/dk")
    assert denmark.select_one("article h1").get_text(strip=True) == "Courses in Denmark"
    assert "take place in Denmark" in denmark.select_one("article p").get_text()


def _listed(site: Path, slug: str) -> set[str]:
    """The courses on a country's list, every page of it."""
    found: set[str] = set()
    path = f"countries/{slug}"
    while path:
        soup = page(site, path)
        found |= {a["href"].split("courses/", 1)[1].rstrip("/") for a in soup.select("a.mc-card__title")}
        after = soup.select_one('a[rel="next"]')
        path = f"countries/{slug}/{after['href'].rstrip('/').rsplit('/', 1)[-1]}" if after else ""
    return found


def test_the_course_search_page_counts_the_place_values_of_the_records(
    site: Path, records: dict[str, Record]
) -> None:
    want = counts(records.values())
    soup = page(site, "courses")
    for key in PLACE_FACETS:
        shown = {
            label.select_one("input")["value"]: int(label.select_one(".mc-facet__count").get_text())
            for label in soup.select(f'.mc-facet[data-facet="{key}"] .mc-facet__value')
        }
        assert shown and shown == dict(want.values.get(key, Counter())), key
