"""The bands that turn numbers into filters: workload in ECTS, price in euro, start month.

Prices in other currencies are placed in a euro band with the dated rate table in
``generator/data/exchange-rates.json``; the browse page says the bands are approximate.

Shared by search (each record's filter values) and the facets (their labels and order), so
it depends on the model alone.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from generator.model import Price

HOURS_PER_ECTS = 25  # the ECTS users' guide: 25–30 hours a credit; the lower bound, as in the feeds
NO_LEVEL = "none"
ANY_TIME = "any"
UNKNOWN_CURRENCY = "unknown"

# (value, label, upper bound inclusive); the last band has no bound
WORKLOAD_BANDS: tuple[tuple[str, str, float | None], ...] = (
    ("lt3", "Under 3 ECTS", 2.999),
    ("3-6", "3 to 6 ECTS", 6),
    ("6-15", "Over 6, up to 15 ECTS", 15),
    ("gt15", "Over 15 ECTS", None),
)
PRICE_BANDS: tuple[tuple[str, str, float | None], ...] = (
    ("free", "Free", 0),
    ("lt100", "Under €100", 99.999),
    ("100-500", "€100 to €500", 500),
    ("500-1000", "Over €500, up to €1,000", 1000),
    ("1000-2500", "Over €1,000, up to €2,500", 2500),
    ("gt2500", "Over €2,500", None),
)


@cache
def rate_table() -> dict[str, Any]:
    table: dict[str, Any] = json.loads(
        resources.files("generator.data").joinpath("exchange-rates.json").read_text("utf-8")
    )
    return table


def in_euro(price: Price) -> float | None:
    """The price in euro by the rate table, or None for a currency the table lacks."""
    units = rate_table()["units_per_euro"].get(price.currency)
    if units is None:
        return None
    return float(round(price.amount / Decimal(str(units)), 2))


def ects_equivalent(ects: float | None, hours: int | None) -> float:
    """ECTS as given, else hours at 25 hours a credit (the format requires one of the two)."""
    if ects is not None:
        return float(ects)
    return round((hours or 0) / HOURS_PER_ECTS, 2)


def _band(value: float, table: tuple[tuple[str, str, float | None], ...]) -> str:
    for code, _, bound in table:
        if bound is None or value <= bound:
            return code
    raise AssertionError("the last band is open")


def workload_band(ects: float) -> str:
    return _band(ects, WORKLOAD_BANDS)


def price_band(price: Price) -> str:
    euro = in_euro(price)
    if price.free:
        return "free"
    return UNKNOWN_CURRENCY if euro is None else _band(max(euro, 0.01), PRICE_BANDS)
