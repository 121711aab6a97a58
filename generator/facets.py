"""The filters of /courses/: their names, the labels and order of their values, and the
counts over the catalogue that the page shows before any search has run.

The same codes are the search records' filter values (``search/records.py``) and the URL
parameters, so a shared link reads ``?level=5&mode=online`` and keeps working when a label
is reworded.

Neutral ground between search, which counts the values, and the page in ``render/browse.py``,
which shows them: it depends only on the model, its vocabularies, the display helpers,
the bands and ``places``, never on either side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from generator import bands, places
from generator import vocabularies as vocab
from generator.display import country_name, label, language_name, region_name
from generator.model import Catalogue

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # not strftime: its month names follow the build machine's locale


@dataclass(frozen=True)
class Facet:
    key: str  # Pagefind filter name and URL parameter
    title: str
    labeller: Callable[[str], str]
    ordered: Callable[[str], object] | None = None  # sort key of values; None: by label
    open: bool = False  # unfolded on wide screens; a folded facet's counts are fetched when it opens


@dataclass(frozen=True)
class Value:
    code: str
    label: str
    count: int  # active courses with this value


@dataclass(frozen=True)
class FacetView:
    facet: Facet
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Counts:
    """What the page shows before any search: the active courses, and per filter key how
    many of them have each value (search counts them from its records)."""

    active: int = 0
    values: Mapping[str, Counter[str]] = field(default_factory=dict)


def _level(code: str) -> str:
    return "No EQF level" if code == bands.NO_LEVEL else f"EQF level {code}"


def _start(code: str) -> str:
    if code == bands.ANY_TIME:
        return "Start any time (self-paced)"
    year, month = code.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _where(code: str) -> str:
    return "Online" if code == places.ONLINE else country_name(code)


def _city(code: str) -> str:
    country, city = places.city_of(code)
    return f"{city} ({country_name(country)})"


def _band_order(table: tuple[tuple[str, str, float | None], ...]) -> Callable[[str], object]:
    order = {code: index for index, (code, _, _) in enumerate(table)}
    return lambda code: order.get(code, len(order))


def _band_label(table: tuple[tuple[str, str, float | None], ...], other: str) -> Callable[[str], str]:
    labels = {code: text for code, text, _ in table}
    return lambda code: labels.get(code, other)


def facets(catalogue: Catalogue) -> tuple[Facet, ...]:
    """Every filter, in the order the page shows them."""
    providers = {p.id: p.name.get() for p in catalogue.providers.values()}
    return (
        Facet("field", "Field of education", lambda c: vocab.isced_fields()[c].label, lambda c: c),
        Facet("level", "Level (EQF)", _level, lambda c: (c == bands.NO_LEVEL, c), open=True),
        Facet(
            "workload",
            "Workload",
            _band_label(bands.WORKLOAD_BANDS, "Other"),
            _band_order(bands.WORKLOAD_BANDS),
        ),
        Facet("mode", "Form of participation", lambda c: label("participation", c), open=True),
        # online after the countries: it answers "nowhere in particular", not a place
        Facet("where", "Where it takes place", _where, lambda c: (c == places.ONLINE, _where(c).casefold())),
        Facet("region", "Region", lambda c: region_name(c) or c),
        Facet("city", "City", _city),
        Facet(
            "ila",
            "Individual Learning Account",
            lambda c: "Eligible" if c == "yes" else "Not eligible",
            lambda c: c != "yes",
            open=True,
        ),
        Facet("language", "Language of instruction", lambda c: language_name(c, "en")),
        Facet("start", "Start month", _start, lambda c: (c != bands.ANY_TIME, c)),
        Facet(
            "price",
            "Price (approximate, in euro)",
            _band_label(bands.PRICE_BANDS, "Other currencies"),
            _band_order(bands.PRICE_BANDS),
        ),
        Facet("schedule", "Schedule", lambda c: label("schedule", c)),
        Facet("country", "Provider's country", country_name),
        Facet("provider_type", "Type of provider", lambda c: label("provider_type", c)),
        Facet("provider", "Provider", lambda c: providers.get(c, c)),
        Facet("credential", "Credential", lambda c: label("credential", c)),
        Facet("assessment", "Assessment", lambda c: label("assessment", c)),
    )


def views(catalogue: Catalogue, counts: Counts) -> list[FacetView]:
    """Each facet with its values and their counts over the active courses, in the page's order."""
    found = []
    for facet in facets(catalogue):
        labelled = [
            Value(code, facet.labeller(code), n)
            for code, n in counts.values.get(facet.key, Counter()).items()
        ]
        labelled.sort(key=_value_order(facet))
        found.append(FacetView(facet, tuple(labelled)))
    return found


def _value_order(facet: Facet) -> Callable[[Value], tuple[object, str]]:
    """The facet's own order of its values, else by label; ties by code."""
    order = facet.ordered
    if order is None:
        return lambda v: (v.label.casefold(), v.code)
    return lambda v: (order(v.code), v.code)
