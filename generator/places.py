"""Where a course takes place: the countries, regions and cities of its sessions, and
whether it runs online.

One answer for the course search's place filters (``search/records.py``) and the country
listings (``render/listings.py``), so a course is under the same countries in both. Depends
only on the model.

A session takes place at its ``location`` unless it is online: an online session's
location, if a provider gives one, is an office, not a classroom (the key facts read it so
too). A course with no such session and nothing online (on request, with no sessions) is
placed where its provider is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from generator.model import Course, Location

ONLINE = "online"  # the ``where`` value of courses that run online, beside the countries


def places(course: Course) -> tuple[Location, ...]:
    """The locations of the sessions that are taught on site (onsite or blended)."""
    return tuple(s.location for s in course.sessions if s.location and s.participation != ONLINE)


def online(course: Course) -> bool:
    """Whether the course or one of its sessions is wholly online; blended is partly on site,
    so it counts for its location's country and not here."""
    return course.participation == ONLINE or any(s.participation == ONLINE for s in course.sessions)


def unplaced(course: Course) -> bool:
    """Neither a place nor online: the course stands where its provider is."""
    return not places(course) and not online(course)


def countries(course: Course) -> list[str]:
    """The countries where the course takes place; else (online only, or no session) its
    provider's, so every course is in some country's listing."""
    return sorted({p.country for p in places(course)}) or [course.provider.country]


def where(course: Course) -> list[str]:
    """Country codes where sessions take place, and ``online``; the provider's country when
    there is neither."""
    found = {p.country for p in places(course)} | ({ONLINE} if online(course) else set())
    return sorted(found) or [course.provider.country]


def regions(course: Course) -> list[str]:
    """NUTS codes of the sessions' own regions. A region is never guessed from a city; only
    an unplaced course borrows its provider's region, as it borrows its country."""
    if unplaced(course):
        return [course.provider.region] if course.provider.region else []
    return sorted({p.region for p in places(course) if p.region})


CitySpellings = Mapping[tuple[str, str], str]  # (country, folded city) → the spelling shown


def _fold(city: str) -> str:
    return unicodedata.normalize("NFC", city.strip()).casefold()


def city_spellings(courses: Iterable[Course]) -> dict[tuple[str, str], str]:
    """One spelling per city of a country, so "Bologna" and "bologna" are one filter value.
    The first in code-point order wins: capitals sort first, and the choice does not depend
    on which course was read first."""
    given = sorted({(p.country, p.city.strip()) for c in courses for p in places(c)})
    found: dict[tuple[str, str], str] = {}
    for country, city in given:
        found.setdefault((country, _fold(city)), city)
    return found


def cities(course: Course, spellings: CitySpellings | None = None) -> list[str]:
    """City codes ``<COUNTRY>:<city>``: readable in a URL, and unique although two countries
    may have a town of the same name. ``spellings`` spans the catalogue; without it, the
    course's own spellings."""
    known = city_spellings([course]) if spellings is None else spellings
    return sorted(
        {city_code(p.country, known.get((p.country, _fold(p.city)), p.city.strip())) for p in places(course)}
    )


def city_code(country: str, city: str) -> str:
    return f"{country}:{city}"


def city_of(code: str) -> tuple[str, str]:
    """(country, city) of a ``city_code``."""
    country, _, city = code.partition(":")
    return country, city
