"""Controlled vocabularies: ISO codes from pycountry, ISCED-F and EQF from the package's data.

Each table is loaded once, on first use, so a command that needs none of them pays nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pycountry

# NUTS uses its own two-letter prefixes where they differ from ISO 3166-1.
NUTS_PREFIX = {"GR": "EL", "GB": "UK"}


@dataclass(frozen=True, slots=True)
class IscedField:
    code: str
    label: str
    level: str  # broad, narrow or detailed
    uri: str

    @property
    def broad(self) -> str:
        return self.code[:2]


def _data(name: str) -> Any:
    return json.loads(resources.files("generator.data").joinpath(name).read_text("utf-8"))


@cache
def isced_fields() -> dict[str, IscedField]:
    """Every ISCED-F 2013 field (broad, narrow, detailed) by code."""
    return {
        row["code"]: IscedField(row["code"], row["label"], row["level"], row["uri"])
        for row in _data("isced-f-2013.json")
    }


@cache
def eqf_levels() -> dict[int, dict[str, Any]]:
    return {row["level"]: row for row in _data("eqf.json")["levels"]}


@cache
def qf_ehea_cycles() -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in _data("eqf.json")["qf_ehea"]}


@cache
def languages() -> dict[str, str]:
    """ISO 639-1 code → English name."""
    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → English short name."""
    return {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}


# ISO 4217 codes that are no money a course can cost: precious metals, bond-market units,
# IMF and regional accounting units, the testing code and "no currency".
NOT_MONEY = frozenset(
    {"XAG", "XAU", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XTS", "XXX"}
)


@cache
def currencies() -> dict[str, str]:
    """ISO 4217 code → English name, for currencies a price can be in."""
    return {c.alpha_3: c.name for c in pycountry.currencies if c.alpha_3 not in NOT_MONEY}


@cache
def nuts_regions() -> dict[str, str]:
    """NUTS 2024 code → the region's official name (in its national language), every level."""
    regions: dict[str, str] = _data("nuts-2024.json")["regions"]
    return regions


def nuts_prefix(country: str) -> str:
    return NUTS_PREFIX.get(country, country)
