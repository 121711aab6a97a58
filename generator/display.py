"""How the catalogue's values read to the public: money, country and language names, and the
English labels of the format's codes.

One home for these, used alike by the pages (``render/``, which registers them as Jinja
filters), the feeds (labels in the JSON records) and search (facet labels, card prices),
so a code never reads one way on a fact sheet and another in a feed or a filter. Plain
text only: nothing here makes HTML. Pages read dates and money in English as spoken in
Europe ("18 January 2027", "€600", "600 zł"); machine-readable values stay ISO. Depends
on the model's types and the vocabularies.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, get_currency_symbol, get_territory_currencies

from generator import vocabularies as vocab
from generator.model import Price

LABELS: dict[str, dict[str, str]] = {
    "participation": {"online": "Online", "onsite": "On site", "blended": "Blended (online and on site)"},
    "schedule": {
        "daytime": "Daytime",
        "evening": "Evenings",
        "weekend": "Weekends",
        "self-paced": "Self-paced",
        "full-time": "Full-time",
    },
    "assessment": {
        "written-exam": "Written exam",
        "oral-exam": "Oral exam",
        "online-test": "Online test",
        "assignment": "Assignment",
        "project": "Project",
        "portfolio": "Portfolio",
        "practical-demonstration": "Practical demonstration",
        "presentation": "Presentation",
        "peer-assessment": "Peer assessment",
        "workplace-assessment": "Assessment at the workplace",
    },
    "identity_verification": {
        "unsupervised": "Unsupervised, without identity check",
        "supervised": "Supervised",
        "supervised-online-with-id": "Supervised online, with identity check",
        "supervised-onsite-with-id": "Supervised on site, with identity check",
    },
    "grading": {"pass-fail": "Pass or fail", "graded": "Graded"},
    "qa": {
        "internal-review": "Internal review",
        "institutional-accreditation": "Institutional accreditation",
        "programme-accreditation": "Programme accreditation",
        "institutional-licence": "Institutional licence",
        "programme-licence": "Programme licence",
        "quality-label": "Quality label",
    },
    "credential": {
        "micro-credential": "Micro-credential",
        "certificate": "Certificate",
        "badge": "Badge",
        "statement-of-attainment": "Statement of attainment",
    },
    "format": {
        "europass-edc": "European Digital Credential (Europass)",
        "open-badges-3": "Open Badge 3.0",
        "pdf": "PDF certificate",
        "paper": "Paper certificate",
    },
    "provider_type": {
        "university": "University",
        "university-of-applied-sciences": "University of applied sciences",
        "vocational-school": "Vocational school",
        "adult-education-centre": "Adult education centre",
        "private-training-provider": "Private training provider",
        "employer": "Employer",
        "professional-body": "Professional body",
        "public-employment-service": "Public employment service",
        "ngo": "Non-governmental organisation",
        "other": "Other",
    },
    "identifier": {
        "erasmus": "Erasmus code",
        "pic": "PIC",
        "schac": "SCHAC",
        "vat": "VAT number",
        "lei": "LEI",
        "national": "National register number",
    },
}


def label(kind: str, code: str | None) -> str:
    """The English label of a code of the vocabulary ``kind`` (a key of LABELS); an unknown
    code reads as itself, so a new code shows rather than breaking a page or a feed."""
    if code is None:
        return ""
    return LABELS[kind].get(code, code)


@cache
def language_name(code: str, in_language: str | None = None) -> str:
    """A language's own name ("svenska"), or its English name when Babel does not know it."""
    try:
        name = Locale.parse(code).get_display_name(in_language or code)
    except (UnknownLocaleError, ValueError):
        name = None
    return name or vocab.languages().get(code, code)


def country_name(code: str) -> str:
    """A country's English name from ISO 3166-1; an unknown code reads as itself."""
    return vocab.countries().get(code, code)


def money(price: Price | None) -> str:
    """A price as people read it ("EUR 1,250", "Free"); empty when there is none."""
    if price is None:
        return ""
    if price.free:
        return "Free"
    amount = f"{price.amount:,.2f}".removesuffix(".00")
    return f"{price.currency} {amount}"


# The pages' language: English as written in Europe (CLDR's en_150: "18 January 2027").
PAGE_LOCALE = "en_150"


def long_date(day: date | None) -> str:
    """A date as people read it on the pages ("18 January 2027"), or empty."""
    return format_date(day, format="long", locale=PAGE_LOCALE) if day else ""


@cache
def _currency_sign(currency: str) -> tuple[str, bool]:
    """(sign, before the amount?) of a currency: its English sign (€, £) when English has
    one; else the sign where it is the national currency ("zł", "kr"), placed as there; else
    the ISO code before the amount."""
    sign = get_currency_symbol(currency, PAGE_LOCALE)
    if sign != currency:
        return sign, True
    try:
        home = Locale.parse(f"und_{currency[:2]}")  # national currencies start with the ISO country code
    except (UnknownLocaleError, ValueError):
        return currency, True
    local = get_currency_symbol(currency, home)
    if local == currency or not home.territory or currency not in get_territory_currencies(home.territory):
        return currency, True
    return local, home.currency_formats["standard"].pattern.lstrip().startswith("¤")


def local_money(price: Price | None) -> str:
    """A price as people read it on the pages ("€600", "600 zł", "€1,250.50", "Free"); empty
    when there is none. The digits are English; the sign is the currency's own."""
    if price is None:
        return ""
    if price.free:
        return "Free"
    whole = price.amount == price.amount.to_integral_value()
    amount = format_decimal(price.amount, format="#,##0" if whole else "#,##0.00", locale=PAGE_LOCALE)
    sign, before = _currency_sign(price.currency)
    if before:
        return f"{sign}\u00a0{amount}" if sign[-1].isalpha() else f"{sign}{amount}"
    return f"{amount}\u00a0{sign}"


def iso(day: date | None) -> str:
    """A date as YYYY-MM-DD (the same in every language), or empty."""
    return day.isoformat() if day else ""


def number(value: float | int | Decimal | None) -> str:
    """A number without a needless ".0" (ECTS 7.5, 5), or empty."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def region_name(code: str | None) -> str | None:
    """A NUTS region's name ("Bologna" for ITH55); None for a code NUTS 2024 does not have."""
    return vocab.nuts_regions().get(code) if code else None
