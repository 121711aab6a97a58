"""Every public address of the site: pages, feeds, the search bundle, crawler files.

Permanent ids mean permanent URLs. A course's id (``provider/slug``) and a provider's id
never change once published, and neither may the addresses made from them here:
aggregators harvest the feeds, search engines and Europass index the pages, issued Open
Badges point at their achievements, all by address. Changing anything in this module
breaks them. ``tests/test_addresses.py`` pins every address of the sample site in
``tests/public-urls.txt`` and fails when one moves or disappears; it also fails when
any other module of ``generator/`` spells a public path itself.

Convention: a *path* is relative to the site root, with no leading slash. A page's path is
its folder and ends in "/" (the file is ``index.html`` in it; the home page is ""); a
file's path ends in its name; a folder's path ends in "/". ``url`` makes a path absolute
from the site's URL (which ends in "/"); ``relative_root`` is the way back to the root from
a page, so links work on any host and from ``file://``.

This module is the ground floor: it imports only the standard library, and pages, feeds,
search and the link checker all read it.
"""

from __future__ import annotations

from typing import Literal

API = "api/v1/"  # version 1 of the JSON API; a version 2 would be published beside it, never over it

# --- absolute and relative addresses ---------------------------------------------------------


def url(site_url: str, path: str) -> str:
    """The absolute URL of ``path``; ``site_url`` is absolute and ends in "/"."""
    return site_url + path


def depth(path: str) -> int:
    """How many folders deep a page is: the home page 0, ``courses/acme/welding/`` 3."""
    return path.count("/")


def relative_root(path: str) -> str:
    """The relative prefix from the page at ``path`` back to the site root ("../../")."""
    return "../" * depth(path)


# --- catalogue pages -------------------------------------------------------------------------


def home_page() -> str:
    """The home page: the site root."""
    return ""


def course_page(course_id: str) -> str:
    """A course's fact sheet; kept after withdrawal, so links and credentials keep working."""
    return f"courses/{course_id}/"


def provider_page(provider_id: str) -> str:
    """A provider's page with its courses; also the provider's id in ELM and Open Badges."""
    return f"providers/{provider_id}/"


def providers_page() -> str:
    """The list of every provider."""
    return "providers/"


def search_page() -> str:
    """/courses/, the search and filter page; the fact sheets are in folders under it."""
    return "courses/"


ListingKind = Literal["fields", "levels", "countries", "languages"]
LISTINGS: tuple[ListingKind, ...] = ("fields", "levels", "countries", "languages")
_NO_LEVEL = "no-level"
_LEVEL = "eqf-"


def listing_index(kind: ListingKind) -> str:
    """The index of one kind of listing: every field, level, country or language."""
    return f"{kind}/"


def listing_page(kind: ListingKind, value: str, number: int = 1) -> str:
    """Page ``number`` of the courses with ``value`` (a slug below); page 1 is the folder itself."""
    return f"{kind}/{value}/" + (f"{number}/" if number > 1 else "")


def level_slug(eqf: int | None) -> str:
    """The listing slug of an EQF level: ``eqf-5``, or ``no-level`` for courses without one."""
    return f"{_LEVEL}{eqf}" if eqf else _NO_LEVEL


def level_of_slug(slug: str) -> int | None:
    """The EQF level a ``level_slug`` stands for (None for ``no-level``)."""
    return None if slug == _NO_LEVEL else int(slug.removeprefix(_LEVEL))


def country_slug(code: str) -> str:
    """The listing slug of an ISO 3166-1 country code: lower case, as URLs usually are."""
    return code.lower()


def country_of_slug(slug: str) -> str:
    """The ISO 3166-1 code a ``country_slug`` stands for."""
    return slug.upper()


# Fields (ISCED-F broad codes, "06") and languages (ISO 639-1, "de") are their own slugs.


# --- pages written in docs/ ------------------------------------------------------------------
# MkDocs publishes docs/NAME.md at NAME/; these are the guides the catalogue's pages link to.

DocPage = Literal["micro-credentials", "reading-a-fact-sheet", "submit-a-course", "aggregators"]
_DOCS: dict[DocPage, str] = {
    "micro-credentials": "guides/micro-credentials/",
    "reading-a-fact-sheet": "guides/reading-a-fact-sheet/",
    "submit-a-course": "for-providers/submit-a-course/",
    "aggregators": "aggregators/",
}


def doc_page(name: DocPage) -> str:
    """A guide's page, for links from the catalogue's own pages."""
    return _DOCS[name]


ReferencePage = Literal["format", "rules"]


def reference_source(name: ReferencePage) -> str:
    """The MkDocs source a generated reference page is added as (mkdocs.yml's nav names it);
    MkDocs publishes ``reference/NAME.md`` at ``reference/NAME/``."""
    return f"reference/{name}.md"


def markdown_source(page: str) -> str:
    """The MkDocs source a generated navigation page at ``page`` is added as: ``index.md`` in
    its folder, so MkDocs publishes it at ``page`` (mkdocs.yml's nav names these sources)."""
    return f"{page}index.md"


# --- feeds for aggregators (docs/aggregators/) -----------------------------------------------


def course_json(course_id: str) -> str:
    """A course's normalised JSON record."""
    return f"{API}courses/{course_id}.json"


def catalogue_json() -> str:
    """Every course and provider in one JSON document."""
    return f"{API}catalogue.json"


def courses_ndjson() -> str:
    """Every course's record, one a line."""
    return f"{API}courses.ndjson"


def courses_csv() -> str:
    """One row per course, for spreadsheets."""
    return f"{API}courses.csv"


def changes_json() -> str:
    """Per course its status, last change and hash, with tombstones for withdrawals."""
    return f"{API}changes.json"


def schemas_page() -> str:
    """The page listing the published JSON Schemas (the address the format names)."""
    return f"{API}schemas/"


def schema_file(name: str) -> str:
    """A published JSON Schema, by its file name (``course.schema.json``)."""
    return f"{schemas_page()}{name}"


def elm_course(course_id: str) -> str:
    """A course as ELM v3 JSON-LD (Europass); its nodes' ids are this URL with fragments."""
    return f"{API}elm/courses/{course_id}.jsonld"


def elm_dataset() -> str:
    """The whole catalogue as one ELM dataset."""
    return f"{API}elm/catalogue.jsonld"


def ob3_achievement(course_id: str) -> str:
    """A course's Open Badges 3.0 ``Achievement``; issued badges reference it for good."""
    return f"{API}ob3/{course_id}.json"


def quality_link_manifest() -> str:
    """Where QualityLink's aggregator discovers the ELM dataset."""
    return ".well-known/quality-link-manifest.json"


def atom_feed() -> str:
    """New and changed courses as Atom."""
    return "feed.xml"


def json_feed() -> str:
    """New and changed courses as JSON Feed."""
    return "feed.json"


# --- crawlers --------------------------------------------------------------------------------


def sitemap(part: int | None = None) -> str:
    """The sitemap, or with ``part`` one file of a sitemap index (over 50,000 URLs)."""
    return "sitemap.xml" if part is None else f"sitemap-{part}.xml"


def sitemap_gz() -> str:
    """The sitemap, gzip-compressed (as MkDocs publishes it)."""
    return "sitemap.xml.gz"


def robots() -> str:
    """robots.txt, which names the sitemap."""
    return "robots.txt"


# --- search (/courses/) ----------------------------------------------------------------------


def search_bundle(shard: int = 0) -> str:
    """Pagefind's bundle of a shard: the first holds the script and WebAssembly, a large
    catalogue's further shards are folders inside it."""
    return "pagefind/" if shard == 0 else f"pagefind/shard-{shard}/"


def search_tables() -> str:
    """The folder of the tables the search page filters, sorts and shows cards with."""
    return "search-tables/"


def search_tables_manifest() -> str:
    """The tables' manifest, fetched revalidated: it names the folder of this build's tables."""
    return f"{search_tables()}manifest.json"


def search_tables_version(version: str) -> str:
    """One build's tables, in a folder named after their content (cached for good)."""
    return f"{search_tables()}{version}/"


SEARCH_VOCABULARY = "search-vocabulary/"  # the URL of the index's vocabulary record: no page has it


# --- the site's own files --------------------------------------------------------------------


def assets_folder() -> str:
    """The folder of the site's own scripts and styles (copied from site_templates/assets/)."""
    return "assets/"


def asset(name: str) -> str:
    """One of the site's own scripts and styles, by file name."""
    return f"{assets_folder()}{name}"


def links_report_page() -> str:
    """The link health page, built when a `catalogue links` report is given."""
    return "reports/links/"


SHELL_FOLDER = "catalogue-shell/"  # the theme's page shells; removed once the pages are written


def shell_page(depth: int) -> str:
    """The placeholder page MkDocs renders as the shell of pages ``depth`` folders deep
    (it sits that deep itself, so its relative links are right for them)."""
    return SHELL_FOLDER + "/".join(f"d{depth}" for _ in range(depth - 1)) + "/"


# --- reserved: addresses of planned pages, not published yet ---------------------------------


def course_calendar(course_id: str) -> str:
    """Reserved: a course's sessions as iCalendar, beside its fact sheet."""
    return f"{course_page(course_id)}sessions.ics"


def shortlist_page() -> str:
    """Reserved: the visitor's shortlist of courses."""
    return "shortlist/"


def compare_page() -> str:
    """Reserved: courses side by side."""
    return "compare/"


def editor_page() -> str:
    """Reserved: the providers' course editor, under the providers' guide."""
    return "for-providers/editor/"


def in_language(language: str, page: str) -> str:
    """Reserved: a navigation page in another interface language, under ``<language>/``
    (ISO 639-1). Fact sheets and feeds keep one address whatever the language."""
    return f"{language}/{page}"
