"""Listings that work without JavaScript: the home page, the provider list, one index per
facet (field, level, country, language) and paginated course lists of at most 50 courses.

A country's list holds the courses that take place there (``places.countries``), so a
course with sessions in two countries is in both lists, and an online course is in its
provider's country's list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from generator import addresses, places
from generator import vocabularies as vocab
from generator.display import country_name, language_name
from generator.model import Course
from generator.render import jsonld
from generator.render.environment import render
from generator.render.pages import Crumb, Page, Site, home_trail, page_head, providers_trail

PAGE_SIZE = 50
NEWEST = 12


@dataclass(frozen=True)
class Facet:
    key: addresses.ListingKind  # which listings: fields, levels, countries, languages
    title: str
    values_of: Callable[[Course], list[str]]  # the values' slugs in their listings' addresses
    label: Callable[[str], str]
    heading: Callable[[str], str] = lambda label: f"{label}: courses"  # of one value's list
    lead: Callable[[str], str] | None = None  # says which courses a list holds, where it is not plain


def _field_label(code: str) -> str:
    return f"{vocab.isced_fields()[code].label}"


def _level_label(slug: str) -> str:
    level = addresses.level_of_slug(slug)
    return "No level given" if level is None else f"EQF level {level}"


def _country_lead(country: str) -> str:
    # a list may hold courses of providers from elsewhere, and lacks its providers' courses abroad
    return f"Courses that take place in {country}, and online or on-request courses from providers there."


FACETS = (
    Facet("fields", "Field of education", lambda c: sorted({f.broad for f in c.fields}), _field_label),
    Facet("levels", "Level", lambda c: [addresses.level_slug(c.eqf)], _level_label),
    Facet(
        "countries",
        "Country",
        lambda c: [addresses.country_slug(code) for code in places.countries(c)],
        lambda v: country_name(addresses.country_of_slug(v)),
        lambda label: f"Courses in {label}",
        _country_lead,
    ),
    Facet(
        "languages", "Language of instruction", lambda c: list(c.languages), lambda v: language_name(v, "en")
    ),
)


def listed(site: Site) -> list[Course]:
    """Active courses in reading order (withdrawn ones keep their page but leave the lists)."""
    return sorted(
        (c for c in site.catalogue.courses.values() if not c.withdrawn),
        key=lambda c: (c.title.get().casefold(), c.id),
    )


def groups(site: Site, facet: Facet) -> dict[str, list[Course]]:
    found: dict[str, list[Course]] = {}
    for course in listed(site):
        for value in facet.values_of(course):
            found.setdefault(value, []).append(course)
    return dict(sorted(found.items()))


def _facet_title(facet: Facet) -> str:
    return f"Courses by {facet.title.lower()}"


def _facet_trail(facet: Facet) -> list[Crumb]:
    return [*home_trail(), Crumb(_facet_title(facet), addresses.listing_index(facet.key))]


def listing_trail(facet: Facet, value: str, number: int) -> list[Crumb]:
    """A further page of a listing sits under its first page, which sits under the facet's index."""
    trail = [*_facet_trail(facet), Crumb(facet.label(value), addresses.listing_page(facet.key, value))]
    if number > 1:
        trail.append(Crumb(f"Page {number}", addresses.listing_page(facet.key, value, number)))
    return trail


def listing_pages(site: Site) -> Iterator[Page]:
    for facet in FACETS:
        for value, courses in groups(site, facet).items():
            pages = [courses[i : i + PAGE_SIZE] for i in range(0, len(courses), PAGE_SIZE)]
            for number, chunk in enumerate(pages, start=1):
                yield _listing_page(site, facet, value, chunk, number, len(pages), len(courses))


def _listing_page(
    site: Site, facet: Facet, value: str, courses: list[Course], number: int, pages: int, total: int
) -> Page:
    path = addresses.listing_page(facet.key, value, number)
    label = facet.label(value)
    title = facet.heading(label) + (f" (page {number} of {pages})" if pages > 1 else "")
    lead = facet.lead(label) if facet.lead else None
    description = f"{total} micro-credential course{'s' if total != 1 else ''}" + (
        f". {lead}" if lead else f" — {facet.title.lower()}: {label}."
    )
    pager = {
        "previous": addresses.listing_page(facet.key, value, number - 1) if number > 1 else None,
        "next": addresses.listing_page(facet.key, value, number + 1) if number < pages else None,
        "number": number,
        "pages": pages,
    }
    crumbs = listing_trail(facet, value, number)
    body = render(
        site.env,
        "listing.html",
        site=site,
        root=addresses.relative_root(path),
        crumbs=crumbs,
        title=title,
        facet=facet,
        label=label,
        lead=lead,
        courses=courses,
        total=total,
        pager=pager,
        card=site.card,
    )
    data = jsonld.item_list(title, [site.absolute(addresses.course_page(c.id)) for c in courses])
    head = page_head(site, path, title, description, data=data, crumbs=crumbs)
    return Page(path, title, description, body, head)


def index_pages(site: Site) -> Iterator[Page]:
    """Pages that sit in the navigation: the home page, the provider list, one per facet."""
    yield _home(site)
    yield _providers_index(site)
    for facet in FACETS:
        yield _facet_index(site, facet)


def _home(site: Site) -> Page:
    courses = listed(site)
    newest = sorted(courses, key=lambda c: (-(site.modified.get(c.id) or date.min).toordinal(), c.id))[
        :NEWEST
    ]
    entry = {
        facet.key: [(v, facet.label(v), len(cs)) for v, cs in groups(site, facet).items()] for facet in FACETS
    }
    counts = {
        "courses": len(courses),
        "providers": len(site.catalogue.providers),
        "countries": len(entry["countries"]),  # the countries the home page's list links to
        "ila": sum(c.ila_eligible for c in courses),
    }
    body = render(
        site.env,
        "home.html",
        site=site,
        root=addresses.relative_root(addresses.home_page()),
        counts=counts,
        newest=newest,
        facets=FACETS,
        entry=entry,
        card=site.card,
    )
    description = (
        f"A public catalogue of {len(courses)} quality-assured micro-credential courses "
        f"from {counts['providers']} providers."
    )
    path = addresses.home_page()
    return Page(path, site.name, description, body, page_head(site, path, site.name, description))


def _providers_index(site: Site) -> Page:
    providers = sorted(site.catalogue.providers.values(), key=lambda p: (p.name.get().casefold(), p.id))
    counts = {p.id: sum(not c.withdrawn for c in site.catalogue.courses_of(p.id)) for p in providers}
    title, description = (
        "Providers",
        f"The {len(providers)} organisations whose courses are in the catalogue.",
    )
    path = addresses.providers_page()
    crumbs = providers_trail()
    body = render(
        site.env,
        "providers.html",
        site=site,
        root=addresses.relative_root(path),
        crumbs=crumbs,
        providers=providers,
        counts=counts,
    )
    return Page(path, title, description, body, page_head(site, path, title, description, crumbs=crumbs))


def _facet_index(site: Site, facet: Facet) -> Page:
    path = addresses.listing_index(facet.key)
    values = [(v, facet.label(v), len(cs)) for v, cs in groups(site, facet).items()]
    title, description = _facet_title(facet), f"Browse the catalogue by {facet.title.lower()}."
    crumbs = _facet_trail(facet)
    body = render(
        site.env,
        "facet.html",
        site=site,
        root=addresses.relative_root(path),
        crumbs=crumbs,
        facet=facet,
        values=values,
        title=title,
    )
    return Page(path, title, description, body, page_head(site, path, title, description, crumbs=crumbs))
