"""Every URL a visitor can follow from the catalogue, and where each one is written."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Catalogue


@dataclass(frozen=True, order=True, slots=True)
class Use:
    provider: str
    course: str  # "" for the provider file
    field: str  # e.g. "url", "contact.url", "sessions[2027-spring].url"


def targets(catalogue: Catalogue) -> dict[str, list[Use]]:
    """URL → the places that use it, sorted (one URL in many courses is fetched once)."""
    found: dict[str, list[Use]] = {}

    def add(url: str | None, use: Use) -> None:
        if url:
            found.setdefault(url, []).append(use)

    for provider in catalogue.providers.values():
        add(provider.url, Use(provider.id, "", "url"))
        add(provider.contact.get("url"), Use(provider.id, "", "contact.url"))
    for course in catalogue.courses.values():
        if course.withdrawn:
            continue  # a withdrawn course's page at the provider may well be gone, and nobody enrols
        add(course.url, Use(course.provider.id, course.id, "url"))
        add(course.contact.get("url"), Use(course.provider.id, course.id, "contact.url"))
        for session in course.sessions:
            add(session.url, Use(course.provider.id, course.id, f"sessions[{session.id}].url"))
    return {url: sorted(uses) for url, uses in sorted(found.items())}
