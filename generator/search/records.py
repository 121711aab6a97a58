"""One search record per course, straight from the model: the text Pagefind indexes, the
filters people narrow by, the sort keys, and the few facts a result card shows.

The index is built from data, not from scraped pages, so a filter can never disagree with
the fact sheet: both read the same ``Course``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator import addresses, bands, places
from generator.display import local_money, long_date
from generator.facets import Counts
from generator.model import Course, Price, Text

NO_DATE = "9999-12-31"  # sorts courses with no upcoming session last
ANY_TIME = "0000-00-00"  # self-paced courses can start now: first when sorting by start
UNKNOWN_PRICE = 999_999_999.0  # a currency the rate table lacks: last when sorting by price
FILTER_KEYS = (
    "field",
    "level",
    "workload",
    "mode",
    "where",
    "region",
    "city",
    "language",
    "country",
    "provider",
    "provider_type",
    "credential",
    "assessment",
    "price",
    "ila",
    "schedule",
    "start",
    "status",
)


@dataclass(frozen=True)
class Record:
    url: str  # the course's page (``addresses.course_page``), e.g. "courses/acme/welding/"
    content: str  # summary, provider, learning outcomes, skills and keywords, one a line
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]
    title: str = ""  # every language's title, one a line: weighs most in ranking
    description: str = ""  # every language's long description, one a line: weighs least

    @property
    def text(self) -> str:
        """Everything searched, title first."""
        return "\n".join(part for part in (self.title, self.content, self.description) if part)


def catalogue_records(courses: Iterable[Course], today: date) -> list[Record]:
    """The records of a whole catalogue: a city spelt two ways in two files is one value."""
    courses = list(courses)
    spellings = places.city_spellings(courses)
    return [record(course, today, spellings) for course in courses]


def record(course: Course, today: date, cities: places.CitySpellings | None = None) -> Record:
    """The search record of ``course`` as of the build's day ``today``; ``cities`` are the
    catalogue's spellings of its cities (``places.city_spellings``), else the course's own."""
    facts = _Facts.of(course, today)
    return Record(
        url=addresses.course_page(course.id),
        content=_content(course),
        meta=_meta(course, facts),
        filters=_filters(course, facts, cities),
        sort=_sort(course, facts),
        title="\n".join(_all(course.title)),
        description="\n".join(_all(course.description)),
    )


def counts(records: Iterable[Record]) -> Counts:
    """How many active courses have each filter value: the counts /courses/ shows before any
    search, taken from the very values the tables filter by, so the two always agree."""
    active = 0
    found: dict[str, Counter[str]] = {}
    for item in records:
        if "status" in item.filters:  # withdrawn
            continue
        active += 1
        for key, values in item.filters.items():
            found.setdefault(key, Counter()).update(values)
    return Counts(active, found)


@dataclass(frozen=True)
class _Facts:
    """When a course can start and what it costs, worked out once for its filters, sort keys and card."""

    upcoming: list[date]
    self_paced: bool
    charged: list[Price]
    lowest: Price | None

    @classmethod
    def of(cls, course: Course, today: date) -> _Facts:
        charged = prices(course)
        return cls(
            sorted(s.start for s in course.sessions if s.start and s.start >= today),
            any(s.self_paced for s in course.sessions),
            charged,
            cheapest(charged),
        )

    @property
    def next(self) -> str | None:
        """The card's and the sort's next start: "any" for self-paced, else the soonest date."""
        if self.self_paced:
            return bands.ANY_TIME
        return self.upcoming[0].isoformat() if self.upcoming else None


def _all(text: Text | None) -> list[str]:
    return [] if text is None else [value for _, value in text.values]


def _content(course: Course) -> str:
    """Every language's version of the searchable texts but the title and the description
    (which weigh differently), so a German summary is found as typed."""
    parts = [*_all(course.summary), *_all(course.provider.name)]
    for outcome in course.learning_outcomes:
        parts += _all(outcome)
    for skill in course.skills:
        parts += _all(skill.label)
    parts += course.keywords
    return "\n".join(parts)


def prices(course: Course) -> list[Price]:
    """Every price a learner may pay: each session's effective price, else the course's."""
    found = [s.price for s in course.sessions if s.price is not None]
    return found or ([course.price] if course.price else [])


def cheapest(charged: list[Price]) -> Price | None:
    """The lowest price in euro terms; a price in an unknown currency only when there is no other."""

    def key(price: Price) -> tuple[bool, float, str]:
        euro = bands.in_euro(price)
        return euro is None, euro or 0, price.currency

    return min(charged, key=key, default=None)


def _filters(course: Course, when: _Facts, cities: places.CitySpellings | None) -> dict[str, list[str]]:
    sessions = course.sessions
    filters = {
        "field": sorted({f.broad for f in course.fields}),
        "level": [str(course.eqf) if course.eqf else bands.NO_LEVEL],
        "workload": [bands.workload_band(bands.ects_equivalent(course.ects, course.hours))],
        "mode": sorted({course.participation, *(s.participation for s in sessions)}),
        "where": places.where(course),
        "region": places.regions(course),
        "city": places.cities(course, cities),
        "language": sorted({*course.languages, *(code for s in sessions for code in s.languages)}),
        "country": [course.provider.country],
        "provider": [course.provider.id],
        "provider_type": [course.provider.type],
        "credential": [course.credential_type],
        "assessment": sorted(course.assessment_methods),
        "price": sorted({bands.price_band(p) for p in when.charged}),
        "ila": ["yes" if course.ila_eligible else "no"],
        "schedule": sorted({s.schedule for s in sessions if s.schedule}),
        "start": sorted(
            {d.strftime("%Y-%m") for d in when.upcoming} | ({bands.ANY_TIME} if when.self_paced else set())
        ),
        # only withdrawn courses carry a status: the filter file that hides them stays tiny,
        # where one listing every active course would be fetched with every search
        "status": [course.status] if course.withdrawn else [],
    }
    return {key: values for key, values in filters.items() if values}


def _sort(course: Course, when: _Facts) -> dict[str, str]:
    start = NO_DATE if when.next is None else ANY_TIME if when.next == bands.ANY_TIME else when.next
    euro = bands.in_euro(when.lowest) if when.lowest else None
    ects = bands.ects_equivalent(course.ects, course.hours)
    # fixed-width numbers: they order the same as strings and as numbers
    return {
        "title": course.title.get().casefold(),
        "start": start,
        "price": f"{UNKNOWN_PRICE if euro is None else euro:015.2f}",
        "workload": f"{ects:010.2f}",
    }


def _meta(course: Course, when: _Facts) -> dict[str, str]:
    meta = {
        "title": course.title.get(),
        "provider": course.provider.name.get(),
        "country": course.provider.country,
        "level": str(course.eqf or ""),
        "ects": _number(course.ects),
        "hours": str(course.hours or ""),
        "mode": course.participation,
        "price": _price_text(when),
        "ila": "yes" if course.ila_eligible else "",
        "start": when.next or "",  # ISO, or "any": the card says it as people read it ("when")
        "when": long_date(when.upcoming[0]) if when.upcoming and not when.self_paced else "",
        "status": course.status,
        "lang": course.default_language,
    }
    return {key: value for key, value in meta.items() if value}


def _price_text(when: _Facts) -> str:
    """The card's price as the fact sheet writes it ("€600", "Free"), "from" the lowest when
    sessions cost differently."""
    text = local_money(when.lowest)
    several = len({(p.amount, p.currency) for p in when.charged}) > 1
    return f"From {text}" if text and several and not (when.lowest and when.lowest.free) else text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
