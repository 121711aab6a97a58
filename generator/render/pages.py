"""Catalogue pages as values: a URL, a plain-text title and description, and HTML.

The HTML comes from the templates in ``site_templates/``; the publisher puts it into the
theme's page shell. Nothing here knows where or how pages are written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator import addresses, display
from generator import vocabularies as vocab
from generator.model import Catalogue, Course, Price, Provider, Session
from generator.render import jsonld
from generator.render.environment import render, safe_href


@dataclass(frozen=True)
class Site:
    """What every page needs to know about the site it is part of."""

    url: str  # absolute, ending in "/"
    name: str
    today: date  # the build's date (SOURCE_DATE_EPOCH when set): past sessions are marked against it
    env: Environment
    catalogue: Catalogue
    modified: Mapping[str, date]  # provider or course id → date of the last change to its file
    cards: dict[tuple[str, str], Markup] = field(default_factory=dict, repr=False)

    def absolute(self, path: str) -> str:
        """The absolute URL of a site path (canonical links, JSON-LD, Open Graph)."""
        return addresses.url(self.url, path)

    def card(self, course: Course, root: str) -> Markup:
        """A course's card for lists; the same card stands in up to six lists, so it is kept."""
        key = (course.id, root)
        found = self.cards.get(key)
        if found is None:
            found = self.cards[key] = Markup(
                render(
                    self.env,
                    "partials/card.html",
                    course=course,
                    root=root,
                    next_start=next_start(course, self.today),
                )
            )
        return found


@dataclass(frozen=True)
class Page:
    path: str  # from generator.addresses, e.g. "courses/acme/welding/" (always ends in "/")
    title: str  # plain text
    description: str  # plain text
    body: str  # HTML of the article
    head: str  # HTML for <head>: canonical data, Open Graph, JSON-LD, robots
    lastmod: date | None = None

    @property
    def depth(self) -> int:
        """Folders deep: the publisher picks the page shell rendered at that depth."""
        return addresses.depth(self.path)


@dataclass(frozen=True, slots=True)
class Crumb:
    """One step of a breadcrumb trail (``partials/breadcrumbs.html``); a trail runs from the
    home page to the current page, each page's trail its parent's plus itself."""

    name: str  # plain text; provider names and course titles come from providers
    path: str  # from generator.addresses
    lang: str | None = None  # the name's language where it may not be the site's (English)


def home_trail() -> list[Crumb]:
    return [Crumb("Home", addresses.home_page())]


def providers_trail() -> list[Crumb]:
    return [*home_trail(), Crumb("Providers", addresses.providers_page())]


def provider_trail(provider: Provider) -> list[Crumb]:
    name = Crumb(provider.name.get(), addresses.provider_page(provider.id), provider.default_language)
    return [*providers_trail(), name]


def course_trail(course: Course) -> list[Crumb]:
    """A fact sheet sits under its provider, as its address does under ``courses/<provider>/``."""
    lang = course.default_language
    title = Crumb(course.title.get(lang), addresses.course_page(course.id), lang)
    return [*provider_trail(course.provider), title]


def page_head(
    site: Site,
    path: str,
    title: str,
    description: str,
    kind: str = "website",
    data: dict[str, Any] | None = None,
    noindex: bool = False,
    lang: str | None = None,
    crumbs: Sequence[Crumb] = (),
) -> str:
    """The page's <head> content: title, description, canonical link, Open Graph, and JSON-LD:
    ``data`` and the trail's ``BreadcrumbList``, each in a script element of its own, so that
    readers of the first find it as before."""
    trail = jsonld.breadcrumb_list([(c.name, site.absolute(c.path)) for c in crumbs]) if crumbs else None
    return render(
        site.env,
        "partials/head.html",
        site=site,
        url=site.absolute(path),
        title=title,
        description=description,
        kind=kind,
        data=[d for d in (data, trail) if d],
        noindex=noindex,
        lang=lang,
    )


def upcoming_sessions(course: Course, today: date) -> list[Session]:
    """The sessions that start on or after ``today``, soonest first: cards and key facts agree."""
    return sorted((s for s in course.sessions if s.start and s.start >= today), key=lambda s: (s.start, s.id))


def next_start(course: Course, today: date) -> str:
    """What a card says about when one can start: a date, "any time" or "on request"."""
    upcoming = upcoming_sessions(course, today)
    if upcoming:
        return f"Starts {display.long_date(upcoming[0].start)}"
    if any(s.self_paced for s in course.sessions):
        return "Start any time"
    return "On request" if not course.sessions else "No upcoming session"


@dataclass(frozen=True, slots=True)
class KeyFacts:
    """What decides whether to take a course, shown first on its fact sheet: computed here
    from the model, formatted by the template (dates and money through the display filters)."""

    next_start: date | None  # the first start on or after the build's date
    when: str  # said when there is no such date: "Start any time" or "No dates announced"
    session: Session | None  # the session the facts are about: the next one, else a self-paced one
    price: Price | None  # that session's price, else the course's
    ects: float | None
    hours: int | None
    eqf: int | None
    eqf_meaning: str  # the level in short: what it compares to, else its knowledge descriptor
    participation: str  # a code of LABELS["participation"]
    city: str | None  # None: no place given (online, or not announced)
    country: str | None
    languages: tuple[str, ...]  # language codes
    ila_eligible: bool
    ila_country: str  # the country whose scheme the provider speaks of: its own
    enrol_url: str | None  # safe to follow; None for a withdrawn course


def key_facts(course: Course, today: date) -> KeyFacts:
    """The key facts of a course as of ``today``: its next session (or a self-paced one), what
    that costs, where and in which languages it is taught, and where to enrol."""
    upcoming = upcoming_sessions(course, today)
    self_paced = [s for s in course.sessions if s.self_paced or s.start is None]
    session = upcoming[0] if upcoming else (self_paced[0] if self_paced else None)
    when = "" if upcoming else "Start any time" if self_paced else "No dates announced"
    participation = session.participation if session else course.participation
    location = session.location if session and participation != "online" else None
    level = _eqf_level(course.eqf) if course.eqf else None
    enrol = None
    if not course.withdrawn:
        enrol = (session.url if session and safe_href(session.url) else None) or safe_href(course.url)
    return KeyFacts(
        next_start=upcoming[0].start if upcoming else None,
        when=when,
        session=session,
        price=session.price if session else course.price,
        ects=course.ects,
        hours=course.hours,
        eqf=course.eqf,
        eqf_meaning=(level["comparable_to"] or level["knowledge"]) if level else "",
        participation=participation,
        city=location.city if location else None,
        country=location.country if location else None,
        languages=session.languages if session else course.languages,
        ila_eligible=course.ila_eligible,
        ila_country=course.provider.country,
        enrol_url=enrol,
    )


@cache
def _eqf_level(level: int) -> dict[str, Any]:
    """An EQF level's descriptors, with ``comparable_to`` always present for the template."""
    return {"comparable_to": None, **vocab.eqf_levels()[level]}


def machine_readable(course: Course) -> list[tuple[str, str]]:
    """(label, site-relative path) of the course's machine-readable versions."""
    return [
        ("JSON", addresses.course_json(course.id)),
        ("ELM (Europass)", addresses.elm_course(course.id)),
        ("Open Badges 3.0 achievement", addresses.ob3_achievement(course.id)),
    ]


def course_page(site: Site, course: Course) -> Page:
    path = addresses.course_page(course.id)
    lang = course.default_language
    title, summary = course.title.get(lang), course.summary.get(lang)
    stacked_from = [
        site.catalogue.courses[i]
        for i in site.catalogue.stacked_from(course.id)
        if i in site.catalogue.courses
    ]
    stacks_into = [site.catalogue.courses[i] for i in course.stacks_into if i in site.catalogue.courses]
    replacement = site.catalogue.courses.get(course.replaced_by or "")
    texts = (course.title, course.summary, course.description, *course.learning_outcomes)
    text_languages = sorted(
        {code for t in texts if t for code in t.languages}, key=lambda code: (code != lang, code)
    )
    level = _eqf_level(course.eqf) if course.eqf else None
    contact = {key: course.contact.get(key) for key in ("email", "phone", "url")}
    crumbs = course_trail(course)
    body = render(
        site.env,
        "course.html",
        site=site,
        course=course,
        root=addresses.relative_root(path),
        crumbs=crumbs,
        lang=lang,
        stacks_into=stacks_into,
        stacked_from=stacked_from,
        replacement=replacement,
        lastmod=site.modified.get(course.id),
        machine_readable=machine_readable(course),
        text_languages=text_languages,
        sessions=sorted(course.sessions, key=lambda s: (s.start is None, s.start or date.min, s.id)),
        level=level,
        contact=contact,
        facts=key_facts(course, site.today),
    )
    head = page_head(
        site,
        path,
        title,
        summary,
        "article",
        jsonld.course(course, site.absolute(path)),
        noindex=course.withdrawn,
        lang=lang,
        crumbs=crumbs,
    )
    return Page(path, title, summary, body, head, site.modified.get(course.id))


def provider_page(site: Site, provider: Provider) -> Page:
    path = addresses.provider_page(provider.id)
    courses = site.catalogue.courses_of(provider.id)
    title = provider.name.get()
    description = f"{title}: {sum(not c.withdrawn for c in courses)} courses in the catalogue."
    crumbs = provider_trail(provider)
    body = render(
        site.env,
        "provider.html",
        site=site,
        provider=provider,
        root=addresses.relative_root(path),
        crumbs=crumbs,
        courses=[c for c in courses if not c.withdrawn],
        withdrawn=[c for c in courses if c.withdrawn],
        card=site.card,
    )
    head = page_head(site, path, title, description, lang=provider.default_language, crumbs=crumbs)
    return Page(path, title, description, body, head, site.modified.get(provider.id))


def schemas_page(site: Site, schemas: list[tuple[str, str, str]]) -> Page:
    """/api/v1/schemas/: the published schemas, so that the address in §8 is a page, not a 404.
    ``schemas`` holds (file name, title, description) of each."""
    path = addresses.schemas_page()
    title = "JSON Schemas of the catalogue"
    description = "The schemas of the input files and of the JSON feeds."
    body = render(site.env, "schemas.html", root=addresses.relative_root(path), title=title, schemas=schemas)
    return Page(path, title, description, body, page_head(site, path, title, description, "website", None))


def catalogue_pages(site: Site) -> Iterator[Page]:
    """Every course and provider page, in a stable order."""
    for course in site.catalogue.courses.values():
        yield course_page(site, course)
    for provider in site.catalogue.providers.values():
        yield provider_page(site, provider)
