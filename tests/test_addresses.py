"""Public addresses are permanent: the built site keeps every address in tests/public-urls.txt,
``generator/addresses.py`` is the only code that spells one, and the layers depend on the model,
not on each other.

Aggregators, search engines, Europass and issued Open Badges point at the pages and feed
files of the catalogue by address, so an address, once published, never changes or goes
away (a withdrawn course keeps its fact sheet). The list was written from a build of the
sample catalogue; the test fails when a listed address is missing and when the build
publishes a course, provider, listing or feed address that the list does not have.

A deliberate change (a new kind of page or feed, never a moved one) is recorded with
``python3 tests/test_addresses.py``, which builds the sample site and rewrites the list;
the pull request then says why.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, TODAY

from generator import addresses, model
from generator.feeds import SCHEMA_FILES
from generator.layout import Selection
from generator.validation import check

PUBLIC_URLS = Path(__file__).resolve().parent / "public-urls.txt"
# Files other than pages that the list pins: the feeds and the fixed entry points of search.
FEED_FOLDERS = ("api/", ".well-known/")
FEED_FILES = {
    "feed.xml",
    "feed.json",
    "sitemap.xml",
    "sitemap.xml.gz",
    "robots.txt",
    "search-tables/manifest.json",
    "pagefind/pagefind.js",
    "pagefind/pagefind-entry.json",
    "assets/catalogue.css",
    "assets/catalogue.js",
    "assets/browse.js",
}
UPDATE = "python3 tests/test_addresses.py"
PERMANENT = (
    "Public addresses are permanent: aggregators, search engines, Europass and issued badges "
    "point at them, so no page or feed file may move or disappear."
)


def public_urls(site: Path) -> list[str]:
    """The pinned addresses a built site publishes, as URL paths from the site root: every
    page (a folder with ``index.html``, ending in "/") and every feed file."""
    found = set()
    for file in site.rglob("*"):
        if not file.is_file():
            continue
        relative = file.relative_to(site).as_posix()
        if file.name == "index.html":
            found.add("/" + relative.removesuffix("index.html"))
        elif relative.startswith(FEED_FOLDERS) or relative in FEED_FILES:
            found.add("/" + relative)
    return sorted(found)


def pinned() -> list[str]:
    return [line for line in PUBLIC_URLS.read_text("utf-8").splitlines() if line]


def test_the_list_is_sorted_and_has_no_duplicates() -> None:
    urls = pinned()
    assert urls == sorted(set(urls)), f"keep {PUBLIC_URLS.name} sorted, one address a line: run {UPDATE}"


def test_every_pinned_address_is_still_published(site: Path) -> None:
    missing = sorted(set(pinned()) - set(public_urls(site)))
    assert not missing, (
        f"{PERMANENT} The build no longer publishes {len(missing)} address(es) of {PUBLIC_URLS.name}:\n  "
        + "\n  ".join(missing[:50])
        + "\nRestore them (a redirect is not enough for feeds). Only a deliberate, announced removal "
        f"may change the list: run {UPDATE} and explain it in the pull request."
    )


def test_every_published_address_is_pinned(site: Path) -> None:
    new = sorted(set(public_urls(site)) - set(pinned()))
    assert not new, (
        f"{PERMANENT} The build publishes {len(new)} address(es) that {PUBLIC_URLS.name} does not pin:\n  "
        + "\n  ".join(new[:50])
        + f"\nIf this is a new page or feed (not a moved one), run {UPDATE} to pin them "
        "and commit the list with the change."
    )


# --- the module and the list agree ------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> model.Catalogue:
    return model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))


def test_addresses_gives_every_pinned_address_of_the_sample(sample: model.Catalogue) -> None:
    """Without a build: what the module says for each sample course, provider and feed is pinned."""
    paths = [
        addresses.home_page(),
        addresses.providers_page(),
        addresses.search_page(),
        addresses.schemas_page(),
        addresses.catalogue_json(),
        addresses.courses_ndjson(),
        addresses.courses_csv(),
        addresses.changes_json(),
        addresses.elm_dataset(),
        addresses.quality_link_manifest(),
        addresses.atom_feed(),
        addresses.json_feed(),
        addresses.sitemap(),
        addresses.sitemap_gz(),
        addresses.robots(),
        addresses.search_tables_manifest(),
        addresses.search_bundle() + "pagefind.js",
        addresses.schema_file("course.schema.json"),
        *(addresses.asset(name) for name in ("catalogue.css", "catalogue.js", "browse.js")),
        *(addresses.doc_page(name) for name in ("micro-credentials", "reading-a-fact-sheet")),
        *(addresses.doc_page(name) for name in ("submit-a-course", "aggregators")),
        *(addresses.listing_index(kind) for kind in addresses.LISTINGS),
    ]
    for course in sample.courses.values():
        paths += [
            addresses.course_page(course.id),
            addresses.course_json(course.id),
            addresses.elm_course(course.id),
            addresses.ob3_achievement(course.id),
        ]
        if not course.withdrawn:
            paths += [
                addresses.listing_page("levels", addresses.level_slug(course.eqf)),
                addresses.listing_page("countries", addresses.country_slug(course.provider.country)),
                *(addresses.listing_page("languages", code) for code in course.languages),
                *(addresses.listing_page("fields", f.broad) for f in course.fields),
            ]
    paths += [addresses.provider_page(pid) for pid in sample.providers]
    missing = sorted({"/" + path for path in paths} - set(pinned()))
    assert not missing, f"{PERMANENT} generator/addresses.py now gives other addresses: {missing[:20]}"


def test_each_published_schema_names_its_own_address() -> None:
    """A JSON Schema's ``$id`` is where the site publishes it (the schemas are data, so they
    spell the address themselves: this keeps them and addresses.py together)."""
    for name in SCHEMA_FILES:
        schema = json.loads((GENERATOR / "schemas" / name).read_text("utf-8"))
        published = addresses.schema_file(name.rsplit("/", 1)[-1])
        assert schema["$id"].endswith("/" + published), (name, schema["$id"], published)


def test_the_address_helpers_follow_the_convention() -> None:
    assert addresses.relative_root(addresses.course_page("acme/welding")) == "../../../"
    assert addresses.relative_root(addresses.home_page()) == ""
    assert addresses.url("https://x.example/", addresses.provider_page("acme")) == (
        "https://x.example/providers/acme/"
    )
    assert addresses.listing_page("levels", addresses.level_slug(5), 2) == "levels/eqf-5/2/"
    assert addresses.level_of_slug(addresses.level_slug(None)) is None
    assert addresses.level_of_slug(addresses.level_slug(7)) == 7
    assert addresses.country_of_slug(addresses.country_slug("DE")) == "DE"
    assert addresses.search_bundle(2) == "pagefind/shard-2/"
    assert addresses.markdown_source(addresses.providers_page()) == "providers/index.md"


# --- no other module spells an address ------------------------------------------------------

GENERATOR = REPO / "generator"
# The first segment of every public path, and the crawler and feed files at the root. A string
# (or a literal part of an f-string) spells an address when it starts with one, after an
# optional "/" or an absolute URL's host. Catalogue files ("courses/<slug>.yaml") are not
# addresses. Keep this list as the site grows: it is what makes addresses.py the only home.
SEGMENTS = (
    "courses",
    "providers",
    "fields",
    "levels",
    "countries",
    "languages",
    "api",
    "elm",
    "ob3",
    "reports",
    "search-tables",
    "search-vocabulary",
    "pagefind",
    "catalogue-shell",
    "assets",
    "guides",
    "for-providers",
    "aggregators",
    "reference",
    "shortlist",
    "compare",
    ".well-known",
)
ROOT_FILES = (r"feed\.xml", r"feed\.json", r"sitemap(?:-|\.xml)", r"robots\.txt")
ADDRESS = r"(?:(?:" + "|".join(map(re.escape, SEGMENTS)) + r")/|" + "|".join(ROOT_FILES) + ")"
SPELLS_ADDRESS = re.compile(
    r"(?:^/?|https?://[^/\s]+/)" + ADDRESS + r"|^(?:pagefind|search-tables|catalogue-shell)$"
)
# Spellings allowed outside addresses.py (none: every address moved there).
KNOWN: set[tuple[str, str]] = set()


def spelled_addresses(source: str) -> list[str]:
    """The string literals (and literal parts of f-strings) of ``source`` that spell a public
    address; docstrings and catalogue file paths do not count."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and ".yaml" not in node.value
        and SPELLS_ADDRESS.search(node.value)
    ]


@pytest.mark.parametrize(
    ("source", "spelled"),
    [
        ('x = f"courses/{course_id}/"', True),
        ('x = f"{site_url}providers/{provider.id}/#organisation"', True),
        ('x = f"{API}ob3/{course_id}.json"', True),
        ('API = "api/v1/"', True),
        ('x = site_url + "feed.xml"', True),
        ('x = f"sitemap-{n}.xml"', True),
        ('FOLDER = "search-tables"', True),
        ('ua = "checker/1 (+https://catalogue.example/reports/links/)"', True),
        ('hint = "add catalogue/<provider-id>/courses/<course-slug>.yaml"', False),
        ('LINKS = {"course": "courses/<slug>.yaml"}', False),
        ('ctx = {"hasPart": "http://data.europa.eu/snb/model/elm/hasPart"}', False),
        ('record = {"courses": [], "languages": []}', False),
        ('entry = bundle / "pagefind-entry.json"', False),
        ('def f():\n    """The page /courses/ and api/v1/."""', False),
    ],
)
def test_the_address_check_finds_spelled_addresses(source: str, spelled: bool) -> None:
    assert bool(spelled_addresses(source)) is spelled


def test_no_module_but_addresses_spells_a_public_address() -> None:
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        if name == "generator/addresses.py":
            continue
        found += [
            f"{name}: {text!r}"
            for text in spelled_addresses(path.read_text("utf-8"))
            if (name, text) not in KNOWN
        ]
    assert not found, (
        "public addresses are spelled only in generator/addresses.py (permanent ids mean permanent "
        "URLs; one home keeps them from drifting apart). Use or add a function there instead of:\n  "
        + "\n  ".join(found)
    )


TEMPLATES = REPO / "site_templates"
TEMPLATE_SPELLS_ADDRESS = re.compile(r"""(?:\}\}|["'])/?""" + ADDRESS)  # after {{ root }} or a quote


def test_no_template_spells_a_public_address() -> None:
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if TEMPLATE_SPELLS_ADDRESS.search(line)
    ]
    assert not found, (
        "templates take addresses from generator/addresses.py through the filters and globals "
        "render/environment.py registers (course_url, provider_url, listing_url, ...):\n  "
        + "\n  ".join(found)
    )


# --- layers depend on the model, not on each other ------------------------------------------


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, by full name (``from a import b`` counts ``a`` and ``a.b``)."""
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


LAYERS = {  # modules → what they must not import
    ("generator.feeds", "generator.search"): ("generator.render",),
    ("generator.render",): ("generator.feeds", "generator.search"),
    ("generator.addresses", "generator.display", "generator.facets", "generator.bands"): (
        "generator.render",
        "generator.feeds",
        "generator.search",
        "generator.links",
        "generator.publish",
        "generator.plugin",
    ),
}


def test_layers_import_only_what_lies_below_them() -> None:
    broken = set()
    for path in sorted(GENERATOR.rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for layers, forbidden in LAYERS.items():
            if _within(module, layers):
                names = {name for name in imported(path) if _within(name, forbidden)}
                broken |= {f"{module} imports {n}" for n in names if n.rsplit(".", 1)[0] not in names}
    assert not broken, (
        "feeds/ and search/ build on the model, addresses and display, never on render/; render/ "
        "never on feeds/ or search/ (what two layers share goes in a neutral module):\n  "
        + "\n  ".join(sorted(broken))
    )


def test_addresses_imports_only_the_standard_library_and_the_model() -> None:
    own = {name for name in imported(GENERATOR / "addresses.py") if name.startswith("generator")}
    assert own <= {"generator.model"} | {f"generator.model.{n}" for n in dir(model)}, own


def main() -> None:
    """Build the sample site and rewrite the list from it."""
    from sitebuild import build

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "site"
        done = build(out)
        if done.returncode != 0:
            sys.exit(done.stderr[-3000:])
        PUBLIC_URLS.parent.mkdir(parents=True, exist_ok=True)
        PUBLIC_URLS.write_text("".join(url + "\n" for url in public_urls(out)), encoding="utf-8")
    print(f"wrote {PUBLIC_URLS}")


if __name__ == "__main__":
    main()
