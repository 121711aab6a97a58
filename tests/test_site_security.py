"""Provider text is untrusted: naughty strings and classic XSS payloads in every text and
URL field must come out of the built site as inert text, never as script, handler or link."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import CASES, REPO, TODAY
from sitebuild import build

from generator import model
from generator.layout import Selection
from generator.render import environment, pages
from generator.validation import check

XSS = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[click](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[y](vbscript:msgbox(1))",
    '{: onclick="alert(1)" }',
    "text {: onclick=alert(1) }",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<<script>script>alert(1)<</script>/script>",
    "' onmouseover='alert(1)",
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "CATALOGUE-SHELL-BODY",
    "<p>CATALOGUE-SHELL-BODY</p>",
    "CATALOGUE-SHELL-TITLE",
    "<!--CATALOGUE-SHELL-HEAD-->",
    "{{ 7*7 }}",
    "{% for x in range(3) %}x{% endfor %}",
    "![pixel](https://evil.example/p.png)",
    "<base href=https://evil.example/>",
    "**bold** <b onmouseover=alert(1)>b</b>",
]
TEXT_FIELDS: list[tuple[Any, ...]] = [
    ("summary",),
    ("description",),
    ("learning_outcomes", 0),
    ("prerequisites",),
    ("assessment", "description"),
    ("skills", 0, "label"),
    ("skills", 1),
    ("keywords", 0),
    ("quality_assurance", 0, "body"),
    ("funding", "schemes", 0),
    ("stackability", "stacks_into", 0, "qualification"),
    ("credential", "awarding_bodies", 2, "name"),
    ("sessions", 0, "location", "city"),
    ("sessions", 0, "location", "address"),
]  # (phone and postcode have patterns: naughty strings are refused there, as test_blns shows for codes)
SAFE_SCHEMES = ("https:", "mailto:")
BASE_COURSE = yaml.safe_load(
    (CASES / "base" / "case-provider" / "courses" / "target-course.yaml").read_text("utf-8")
)


def _set(data: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@pytest.fixture(scope="module")
def naughty_site(tmp_path_factory: pytest.TempPathFactory, blns: list[str]) -> tuple[Path, dict[str, str]]:
    """A site with one course per naughty string (in every text field) that the validator accepts.

    Each candidate is validated beside the small base catalogue alone; titles get a number
    so that two strings which differ only in punctuation are not duplicate titles."""
    root = tmp_path_factory.mktemp("naughty")
    trial, catalogue = root / "trial", root / "catalogue"
    shutil.copytree(CASES / "base", trial)
    shutil.copytree(CASES / "base", catalogue)
    accepted: dict[str, str] = {}
    for index, naughty in enumerate(dict.fromkeys(XSS + blns)):
        data = copy.deepcopy(BASE_COURSE)
        for path in TEXT_FIELDS:
            _set(data, path, naughty)
        data["title"] = {"en": f"{naughty} {index}", "de": f"{naughty} {index}"}
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        candidate = trial / "case-provider" / "courses" / "naughty.yaml"
        candidate.write_text(text, encoding="utf-8")
        if not check(Selection(trial.resolve(), frozenset({candidate.resolve()})), today=TODAY).errors:
            (catalogue / "case-provider" / "courses" / f"naughty-{index:04d}.yaml").write_text(
                text, encoding="utf-8"
            )
            accepted[f"case-provider/naughty-{index:04d}"] = naughty
    done = build(root / "site", catalogue, strict=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site", accepted


def _script_key(script: Any) -> str:
    """A script's source or text with the page's depth taken out (relative paths differ by page)."""
    text = script.get("src") or script.string or ""
    return re.sub(r'"(\.\.?/?)+"', '""', re.sub(r"(\.\./)+", "", text))


OUR_FORM_ACTIONS = ("courses/", "./")
BROWSE_SCRIPT = "assets/browse.js"  # /courses/ only


def _baseline_scripts(site: Path) -> set[str]:
    soup = BeautifulSoup((site / "courses/case-provider/target-course/index.html").read_text("utf-8"), "lxml")
    return {_script_key(s) for s in soup.find_all("script") if s.get("type") != "application/ld+json"}


def _assert_inert(html: str, baseline: set[str], where: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html5lib")  # the parser browsers use
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)
            continue
        assert _script_key(script) in baseline, f"{where}: unexpected script {str(script)[:120]}"
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), f"{where}: handler {attribute} on <{element.name}>"
            if attribute.lower() in ("href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"):
                text = str(value).strip().lower()
                assert ":" not in text.split("/")[0] or text.startswith(SAFE_SCHEMES), (
                    f"{where}: unsafe URL {value!r}"
                )
    article = soup.select_one("article")
    for banned in ("iframe", "object", "embed", "base", "style", "img"):
        assert article.find(banned) is None, f"{where}: <{banned}> in the content"
    for form in article.find_all("form"):  # only our own search forms, sending to our own search page
        assert form.get("role") == "search" and form.get("action") in OUR_FORM_ACTIONS, (
            f"{where}: unexpected {str(form)[:120]}"
        )
    assert not article.select("meta[http-equiv]")
    return soup


def test_naughty_strings_are_inert_on_every_course_page(naughty_site: tuple[Path, dict[str, str]]) -> None:
    site, accepted = naughty_site
    assert len(accepted) > 400, "most naughty strings are legitimate text and reach the site"
    assert set(XSS) <= set(accepted.values()), (
        "the XSS payloads are valid text; they must be shown, not refused"
    )
    baseline = _baseline_scripts(site)
    for course_id, naughty in accepted.items():
        html = (site / "courses" / course_id / "index.html").read_text("utf-8")
        soup = _assert_inert(html, baseline, course_id)
        data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        index = int(course_id.rsplit("-", 1)[1])
        assert data["name"] == f"{naughty} {index}" and data["description"] == naughty
        if naughty.strip() and "\r" not in naughty:
            assert re.sub(r"\s+", " ", naughty).strip() in re.sub(
                r"\s+", " ", soup.select_one("article h1").get_text()
            )


def test_naughty_strings_are_inert_on_listing_provider_and_home_pages(
    naughty_site: tuple[Path, dict[str, str]],
) -> None:
    site, _ = naughty_site
    baseline = _baseline_scripts(site)
    pages_to_check = [
        site / "index.html",
        site / "providers/case-provider/index.html",
        site / "providers/index.html",
    ]
    pages_to_check += sorted((site / "fields").rglob("index.html")) + sorted(
        (site / "languages").rglob("index.html")
    )
    for path in pages_to_check:
        _assert_inert(path.read_text("utf-8"), baseline, str(path.relative_to(site)))
    _assert_inert(
        (site / "courses/index.html").read_text("utf-8"), baseline | {BROWSE_SCRIPT}, "courses/index.html"
    )


def test_markdown_payloads_render_as_text() -> None:
    html = str(
        environment.markdown('[click](javascript:alert(1)) <script>x</script> {: onclick="y" } **ok**')
    )
    soup = BeautifulSoup(html, "html5lib")
    assert soup.find("script") is None and "&lt;script&gt;" in html
    assert all(not a.get("href") for a in soup.find_all("a"))
    assert all(not k.startswith("on") for tag in soup.find_all(True) for k in tag.attrs)
    assert "<strong>ok</strong>" in html


def _hostile_catalogue(base_catalogue: Path) -> model.Catalogue:
    """A model holding URLs the validator would refuse, to test the renderer's own guard."""
    result = check(Selection(base_catalogue, None), today=TODAY, keep=True)
    course = result.courses["case-provider/target-course"]
    course["url"] = "javascript:alert(1)"
    course["sessions"][0]["url"] = "data:text/html,<script>alert(1)</script>"
    course["quality_assurance"][0]["url"] = " javascript:alert(2)"
    course["contact"]["email"] = "x@y.example?subject=<script>"
    course["credential"]["awarding_bodies"][2]["url"] = "http://plain.example/"
    return model.build(result)


def test_the_renderer_refuses_unsafe_urls_even_past_validation(base_catalogue: Path) -> None:
    catalogue = _hostile_catalogue(base_catalogue)
    site = pages.Site(
        url="https://microcredentials.example/",
        name="Test",
        today=TODAY,
        env=environment.create(REPO / "site_templates"),
        catalogue=catalogue,
        modified={},
    )
    page = pages.course_page(site, catalogue.courses["case-provider/target-course"])
    soup = BeautifulSoup(page.body, "html5lib")
    hrefs = [a.get("href") for a in soup.find_all("a")]
    assert all(h.startswith(("https://", "mailto:", "../")) for h in hrefs), hrefs
    assert not any("javascript" in h or "data:" in h or "http://plain" in h or "<" in h for h in hrefs)


def test_naughty_strings_survive_every_feed_as_the_same_text(
    naughty_site: tuple[Path, dict[str, str]],
) -> None:
    import csv
    import io

    from generator.feeds.tabular import neutralise

    site, accepted = naughty_site
    document = json.loads((site / "api/v1/catalogue.json").read_bytes())
    records = {c["id"]: c for c in document["courses"]}
    lines = [json.loads(line) for line in (site / "api/v1/courses.ndjson").read_bytes().splitlines()]
    assert [r["id"] for r in lines] == sorted(records)
    rows = {
        r["id"]: r
        for r in csv.DictReader(
            io.StringIO((site / "api/v1/courses.csv").read_bytes().decode("utf-8-sig"), newline="")
        )
    }
    for course_id, naughty in accepted.items():
        record = records[course_id]
        assert record["summary"] == {"en": naughty} and record["description"] == {"en": naughty}
        assert record["learning_outcomes"][0] == {"en": naughty}
        assert json.loads((site / f"api/v1/courses/{course_id}.json").read_bytes()) == record
        assert rows[course_id]["summary"] == neutralise(naughty)


def test_naughty_strings_cannot_break_the_atom_or_json_feed(
    naughty_site: tuple[Path, dict[str, str]],
) -> None:
    import xml.etree.ElementTree as ET

    import feedparser

    site, accepted = naughty_site
    raw = (site / "feed.xml").read_bytes()
    assert not feedparser.parse(raw).bozo
    atom = "{http://www.w3.org/2005/Atom}"
    summaries = {
        e.findtext(f"{atom}id"): e.findtext(f"{atom}summary")
        for e in ET.fromstring(raw).findall(f"{atom}entry")
    }
    feed = json.loads((site / "feed.json").read_bytes())
    items = {i["_catalogue"]["id"]: i for i in feed["items"]}
    checked = 0
    for course_id, naughty in accepted.items():
        page = f"https://microcredentials.example/courses/{course_id}/"
        if page in summaries:
            # XML normalises line ends (\r\n and \r become \n) when it is parsed: that is the format, not a loss.
            assert summaries[page] == naughty.replace("\r\n", "\n").replace("\r", "\n")
            assert items[course_id]["summary"] == naughty
            checked += 1
    assert checked >= 100


def test_naughty_strings_survive_elm_json_ld(naughty_site: tuple[Path, dict[str, str]]) -> None:
    import rdflib
    from elm_shapes import to_graph

    from generator.addresses import elm_course

    site, accepted = naughty_site
    description = rdflib.URIRef("http://purl.org/dc/terms/description")
    for course_id, naughty in list(accepted.items())[::4]:
        document = json.loads((site / elm_course(course_id)).read_bytes())
        graph = to_graph(document)
        offer = rdflib.URIRef(f"https://microcredentials.example/{elm_course(course_id)}#opportunity")
        assert {str(o) for o in graph.objects(offer, description)} == {naughty}


def test_naughty_strings_are_inert_in_search_results(naughty_site: tuple[Path, dict[str, str]]) -> None:
    """Every naughty course listed on /courses/ in real Chromium: no dialog, no element or
    handler from provider text, and each card's title is the provider's text, verbatim."""
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, FLAGS, serving

    site, accepted = naughty_site
    dialogs: list[str] = []
    with serving(site) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(address + "courses/?provider=case-provider", wait_until="networkidle")
        page.wait_for_function("document.getElementById('mc-browse').dataset.state === 'done'")
        while page.locator("#mc-more").is_visible():
            page.click("#mc-more")
            page.wait_for_timeout(100)
        titles = page.locator("#mc-results .mc-card__title").all_text_contents()
        inserted = page.evaluate("""() => [...document.querySelectorAll('#mc-results *')]
            .filter(e => !['LI', 'A', 'SPAN'].includes(e.tagName) || [...e.attributes].some(a => a.name.startsWith('on')))
            .map(e => e.outerHTML.slice(0, 80))""")
        browser.close()
    assert dialogs == [] and inserted == []
    naughty_titles = {f"{text} {cid.rsplit('-', 1)[1].lstrip('0') or '0'}" for cid, text in accepted.items()}
    assert len([t for t in titles if t in naughty_titles]) == len(accepted)
