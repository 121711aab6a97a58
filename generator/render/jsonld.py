"""schema.org JSON-LD for search engines: ``Course`` per fact sheet, ``ItemList`` per listing,
``BreadcrumbList`` for every page with a breadcrumb trail.

Returned as data; templates embed it with ``tojson``, which escapes ``<``, ``>`` and ``&``.
"""

from __future__ import annotations

from typing import Any

from generator.display import country_name
from generator.model import Course, Price, Session

COURSE_MODE = {"online": "Online", "onsite": "Onsite", "blended": "Blended"}


def course(c: Course, page_url: str) -> dict[str, Any]:
    lang = c.default_language
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": page_url,
        "url": page_url,
        "identifier": c.id,
        "name": c.title.get(lang),
        "description": c.summary.get(lang),
        "inLanguage": list(c.languages),
        "sameAs": c.url,
        "provider": _organisation(c),
        "offers": _offers(c),
        "hasCourseInstance": [_instance(c, s) for s in c.sessions] or [_instance(c, None)],
        "educationalCredentialAwarded": {
            "@type": "EducationalOccupationalCredential",
            "name": c.title.get(lang),
            "credentialCategory": c.credential_type.replace("-", " "),
        },
        "teaches": [o.get(lang) for o in c.learning_outcomes] + [s.label.get(lang) for s in c.skills],
        "about": [
            {
                "@type": "DefinedTerm",
                "termCode": f.code,
                "name": f.label,
                "inDefinedTermSet": "ISCED-F 2013",
                "url": f.uri,
            }
            for f in c.fields
        ],
    }
    if c.ects:
        data["numberOfCredits"] = {"@type": "StructuredValue", "value": c.ects, "unitText": "ECTS"}
    if c.eqf:
        data["educationalLevel"] = {
            "@type": "DefinedTerm",
            "name": f"EQF level {c.eqf}",
            "termCode": str(c.eqf),
            "inDefinedTermSet": "European Qualifications Framework",
            "url": f"http://data.europa.eu/snb/eqf/{c.eqf}",
        }
    if c.ila_eligible:
        data["financialAidEligible"] = ila_scheme(c)
    if c.prerequisites:
        data["coursePrerequisites"] = c.prerequisites.get(lang)
    if c.withdrawn and c.withdrawn_date:
        data["expires"] = c.withdrawn_date.isoformat()
    return data


def ila_scheme(c: Course) -> str:
    """The aid an ILA-eligible course can be paid with, as schema.org text. The format says
    only that an Individual Learning Account can pay for it; ILA schemes are national, and
    the provider speaks of the one of its own country."""
    return f"Individual Learning Account (ILA) in {country_name(c.provider.country)}"


def _organisation(c: Course) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": c.provider.name.get(),
        "legalName": c.provider.legal_name,
        "url": c.provider.url,
        "address": {"@type": "PostalAddress", "addressCountry": c.provider.country},
    }


def _offer(price: Price) -> dict[str, Any]:
    return {
        "@type": "Offer",
        "category": "Free" if price.free else "Paid",
        "price": str(price.amount),
        "priceCurrency": price.currency,
    }


def _offers(c: Course) -> list[dict[str, Any]]:
    prices = sorted(
        {s.price for s in c.sessions if s.price} | ({c.price} if c.price else set()),
        key=lambda p: (p.currency, p.amount),
    )
    return [_offer(p) for p in prices]


def _workload(c: Course) -> str | None:
    """ISO 8601 duration of study; from ECTS at 25 hours a credit when hours are not given
    (the lower bound of the ECTS Users' Guide's 25-30 hours)."""
    hours = c.hours or (round(c.ects * 25) if c.ects else None)
    return f"PT{hours}H" if hours else None


def _instance(c: Course, session: Session | None) -> dict[str, Any]:
    mode = session.participation if session else c.participation
    data: dict[str, Any] = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODE[mode],
        "inLanguage": list(session.languages if session else c.languages),
    }
    workload = _workload(c)
    if workload:
        data["courseWorkload"] = workload
    if session is None:
        return data
    data["identifier"] = session.id
    if session.start:
        data["startDate"] = session.start.isoformat()
    if session.end:
        data["endDate"] = session.end.isoformat()
    if session.location:
        data["location"] = {
            "@type": "Place",
            "name": session.location.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": session.location.city,
                "addressCountry": session.location.country,
                **({"streetAddress": session.location.address} if session.location.address else {}),
                **({"postalCode": session.location.postcode} if session.location.postcode else {}),
            },
        }
    data["offers"] = _offer(session.price)
    return data


def item_list(name: str, urls: list[str]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "itemListElement": [
            {"@type": "ListItem", "position": i, "url": url} for i, url in enumerate(urls, start=1)
        ],
    }


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict[str, Any]:
    """A page's breadcrumb trail, home first; ``trail`` holds (name, absolute URL) of each step."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }
