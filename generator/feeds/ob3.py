"""Open Badges 3.0 ``Achievement`` per course: what an issuer references when it awards the
credential, so a wallet shows the catalogue's description of what was earned.

Only the course's default language is used: Open Badges 3.0 texts are plain strings, and
``inLanguage`` says which language they are in. Withdrawn courses keep their achievement:
credentials issued before the withdrawal still point at it.
"""

from __future__ import annotations

import re
from typing import Any

from generator import addresses
from generator.display import country_name
from generator.model import Course, Provider, Skill

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ESCO = "ESCO"
# Characters that CommonMark reads as inline markup (HTML, entities, emphasis, code, links,
# GFM strikethrough); escaped so that provider text, which is plain text, shows as written.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>&~])")
# What would turn the start of a list item into a heading, a nested list or an ordered list.
_BLOCK_START = re.compile(r"^(?:(\d{1,9})([.)])|([#+=-]))")


def achievement(course: Course, site_url: str) -> dict[str, Any]:
    """The course as an Open Badges 3.0 ``Achievement`` (keys valid for the 1EdTech schema)."""
    lang = course.default_language
    data: dict[str, Any] = {
        "@context": list(CONTEXT),
        "id": addresses.url(site_url, addresses.ob3_achievement(course.id)),
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": course.title.get(lang),
        "description": course.summary.get(lang),
        "criteria": {
            "id": addresses.url(site_url, addresses.course_page(course.id)),
            "narrative": "\n".join(f"- {markdown_literal(o.get(lang))}" for o in course.learning_outcomes),
        },
        "fieldOfStudy": "; ".join(f.label for f in course.fields),
        "inLanguage": lang,
        "humanCode": course.id,
        "creator": creator(course.provider, site_url),
    }
    if course.ects is not None:
        data["creditsAvailable"] = course.ects
    alignment = [_alignment(s, lang) for s in course.skills if s.esco]
    if alignment:
        data["alignment"] = alignment
    if course.keywords:
        data["tag"] = list(course.keywords)
    return data


def markdown_literal(text: str) -> str:
    """Plain text as one line of Markdown that renders as the same text: ``criteria.narrative``
    is Markdown, and a learning outcome must not become a link, HTML or a nested list."""
    escaped = _INLINE_MARKUP.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def creator(provider: Provider, site_url: str) -> dict[str, Any]:
    """The provider as a ``Profile``: its id is its catalogue page, stable like the course ids."""
    profile: dict[str, Any] = {
        "id": addresses.url(site_url, addresses.provider_page(provider.id)),
        "type": ["Profile"],
        "name": provider.name.get(),
        "url": provider.url,
        "address": {
            "type": ["Address"],
            "addressCountryCode": provider.country,
            "addressCountry": country_name(provider.country),
        },
    }
    for key in ("email", "phone"):
        if provider.contact.get(key):
            profile[key] = provider.contact[key]
    if provider.identifiers:  # Erasmus code, PIC, VAT...: how registries recognise the institution
        profile["otherIdentifier"] = [
            {"type": "IdentifierEntry", "identifier": value, "identifierType": f"ext:{key}"}
            for key, value in provider.identifiers.items()
        ]
    return profile


def _alignment(skill: Skill, lang: str) -> dict[str, Any]:
    """An ESCO skill as an alignment; ``ceasn:Competency`` is the schema's type for a skill."""
    return {
        "type": ["Alignment"],
        "targetName": skill.label.get(lang),
        "targetUrl": skill.esco,
        "targetFramework": ESCO,
        "targetType": "ceasn:Competency",
    }
