"""The catalogue as typed, immutable objects, built only from validated documents.

Language maps, effective quality assurance and prices, and vocabulary labels are resolved
once here, so every page and feed reads the same answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from generator import vocabularies as vocab
from generator.validation import CheckResult


@dataclass(frozen=True, slots=True)
class Text:
    """A text in one or more languages; ``default`` is the language of plain strings."""

    values: tuple[tuple[str, str], ...]
    default: str

    @classmethod
    def of(cls, raw: Any, default: str) -> Text:
        if isinstance(raw, dict):
            return cls(tuple(sorted(raw.items())), default)
        return cls(((default, raw),), default)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(language for language, _ in self.values)

    def get(self, language: str | None = None) -> str:
        """The text in ``language``, else the default language, else the first one given."""
        found = dict(self.values)
        return found.get(language or self.default) or found.get(self.default) or self.values[0][1]

    def __str__(self) -> str:
        return self.get()


def _text(raw: Any, default: str) -> Text | None:
    return None if raw is None else Text.of(raw, default)


def _date(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


@dataclass(frozen=True, slots=True)
class QualityAssurance:
    type: str
    body: Text | None
    url: str | None
    valid_until: date | None

    @property
    def external(self) -> bool:
        return self.type != "internal-review"


@dataclass(frozen=True, slots=True)
class Price:
    amount: Decimal
    currency: str

    @property
    def free(self) -> bool:
        return self.amount == 0


@dataclass(frozen=True, slots=True)
class Location:
    city: str
    country: str
    address: str | None = None
    postcode: str | None = None
    region: str | None = None  # NUTS code


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    start: date | None
    end: date | None
    enrol_by: date | None
    participation: str
    languages: tuple[str, ...]
    location: Location | None
    schedule: str | None
    seats: int | None
    url: str | None
    price: Price  # effective: the session's own or the course's

    @property
    def self_paced(self) -> bool:
        return self.schedule == "self-paced"


@dataclass(frozen=True, slots=True)
class AwardingBody:
    name: Text
    country: str
    url: str | None = None
    provider_id: str | None = None  # set when the body is a provider of this catalogue


@dataclass(frozen=True, slots=True)
class Skill:
    label: Text
    esco: str | None = None


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: Text
    legal_name: str
    type: str
    country: str
    region: str | None
    url: str
    default_language: str
    description: Text | None
    quality_assurance: tuple[QualityAssurance, ...]
    identifiers: Mapping[str, str]
    contact: Mapping[str, str]
    maintainers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Course:
    id: str
    provider: Provider
    slug: str
    title: Text
    summary: Text
    description: Text | None
    url: str
    languages: tuple[str, ...]
    fields: tuple[vocab.IscedField, ...]
    learning_outcomes: tuple[Text, ...]
    ects: float | None
    hours: int | None
    eqf: int | None
    qf_ehea: str | None
    nqf: Mapping[str, str] | None
    assessment_methods: tuple[str, ...]
    assessment_description: Text | None
    identity_verification: str | None
    grading: str | None
    participation: str
    credential_type: str
    awarding_bodies: tuple[AwardingBody, ...]
    credential_formats: tuple[str, ...]
    own_quality_assurance: tuple[QualityAssurance, ...]
    prerequisites: Text | None
    standalone: bool | None
    stacks_into: tuple[str, ...]  # course ids
    stacks_into_qualifications: tuple[tuple[Text, str | None], ...]
    skills: tuple[Skill, ...]
    keywords: tuple[str, ...]
    price: Price | None
    sessions: tuple[Session, ...]
    ila_eligible: bool
    funding_schemes: tuple[Text, ...]
    contact: Mapping[str, str]
    last_reviewed: date | None
    status: str
    withdrawn_date: date | None = None
    withdrawn_reason: Text | None = None
    replaced_by: str | None = None

    @property
    def withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def quality_assurance(self) -> tuple[QualityAssurance, ...]:
        """Effective QA (format §5): the course's own entries plus its provider's."""
        return self.own_quality_assurance + self.provider.quality_assurance

    @property
    def default_language(self) -> str:
        return self.languages[0]


@dataclass(frozen=True)
class Catalogue:
    providers: Mapping[str, Provider]
    courses: Mapping[str, Course]
    _stacked_from: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _by_provider: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def courses_of(self, provider_id: str) -> list[Course]:
        return [self.courses[i] for i in self._by_provider.get(provider_id, ())]

    def stacked_from(self, course_id: str) -> tuple[str, ...]:
        """Ids of the courses that stack into ``course_id`` (the reverse of ``stacks_into``)."""
        return self._stacked_from.get(course_id, ())


def build(result: CheckResult) -> Catalogue:
    """The model of a catalogue that ``validation.check(keep=True)`` found free of errors."""
    if result.errors:
        raise ValueError(
            f"the catalogue has {result.errors} errors; the model is built only from a valid catalogue"
        )
    providers = {pid: _provider(pid, data) for pid, data in sorted(result.providers.items())}
    courses = {cid: _course(cid, data, providers) for cid, data in sorted(result.courses.items())}
    reverse: dict[str, list[str]] = {}
    by_provider: dict[str, list[str]] = {}
    for course in courses.values():
        by_provider.setdefault(course.provider.id, []).append(course.id)
        for target in course.stacks_into:
            reverse.setdefault(target, []).append(course.id)
    return Catalogue(
        MappingProxyType(providers),
        MappingProxyType(courses),
        MappingProxyType({k: tuple(sorted(v)) for k, v in reverse.items()}),
        MappingProxyType({k: tuple(v) for k, v in by_provider.items()}),
    )


def _qa(entries: list[dict[str, Any]] | None, default: str) -> tuple[QualityAssurance, ...]:
    return tuple(
        QualityAssurance(e["type"], _text(e.get("body"), default), e.get("url"), _date(e.get("valid_until")))
        for e in entries or []
    )


def _price(raw: dict[str, Any] | None) -> Price | None:
    return None if raw is None else Price(Decimal(str(raw["amount"])), raw["currency"])


def _provider(pid: str, d: dict[str, Any]) -> Provider:
    lang = d["default_language"]
    return Provider(
        id=pid,
        name=Text.of(d["name"], lang),
        legal_name=d["legal_name"],
        type=d["type"],
        country=d["country"],
        region=d.get("region"),
        url=d["url"],
        default_language=lang,
        description=_text(d.get("description"), lang),
        quality_assurance=_qa(d.get("quality_assurance"), lang),
        identifiers=MappingProxyType(dict(sorted((d.get("identifiers") or {}).items()))),
        contact=MappingProxyType(dict(d.get("contact") or {})),
        maintainers=tuple(d["maintainers"]),
    )


def _session(raw: dict[str, Any], course: dict[str, Any], price: Price | None) -> Session:
    location = raw.get("location")
    return Session(
        id=raw["id"],
        start=_date(raw.get("start")),
        end=_date(raw.get("end")),
        enrol_by=_date(raw.get("enrol_by")),
        participation=raw.get("participation", course["participation"]),
        languages=tuple(raw.get("languages") or course["languages"]),
        location=Location(**location) if location else None,
        schedule=raw.get("schedule"),
        seats=raw.get("seats"),
        url=raw.get("url"),
        price=_price(raw.get("price")) or price,  # type: ignore[arg-type]
    )


def _awarding_bodies(
    d: dict[str, Any], provider: Provider, providers: Mapping[str, Provider], lang: str
) -> tuple[AwardingBody, ...]:
    bodies = []
    for raw in (d.get("credential") or {}).get("awarding_bodies") or [provider.id]:
        if isinstance(raw, str):
            p = providers[raw]
            bodies.append(AwardingBody(p.name, p.country, p.url, p.id))
        else:
            bodies.append(AwardingBody(Text.of(raw["name"], lang), raw["country"], raw.get("url")))
    return tuple(bodies)


def _skill(raw: Any, lang: str) -> Skill:
    if isinstance(raw, dict) and "esco" in raw:
        return Skill(Text.of(raw["label"], lang), raw["esco"])
    return Skill(Text.of(raw, lang))


def _course(cid: str, d: dict[str, Any], providers: Mapping[str, Provider]) -> Course:
    provider = providers[cid.split("/")[0]]
    lang = d["languages"][0]
    price = _price(d.get("price"))
    level, workload, assessment = d.get("level") or {}, d["workload"], d["assessment"]
    stacks = (d.get("stackability") or {}).get("stacks_into") or []
    withdrawn = d.get("withdrawn") or {}
    fields = vocab.isced_fields()
    return Course(
        id=cid,
        provider=provider,
        slug=cid.split("/")[1],
        title=Text.of(d["title"], lang),
        summary=Text.of(d["summary"], lang),
        description=_text(d.get("description"), lang),
        url=d["url"],
        languages=tuple(d["languages"]),
        fields=tuple(fields[code] for code in d["field"]),
        learning_outcomes=tuple(Text.of(o, lang) for o in d["learning_outcomes"]),
        ects=workload.get("ects"),
        hours=workload.get("hours"),
        eqf=level.get("eqf"),
        qf_ehea=level.get("qf_ehea"),
        nqf=MappingProxyType(level["nqf"]) if "nqf" in level else None,
        assessment_methods=tuple(assessment["methods"]),
        assessment_description=_text(assessment.get("description"), lang),
        identity_verification=assessment.get("identity_verification"),
        grading=assessment.get("grading"),
        participation=d["participation"],
        credential_type=d["credential"]["type"],
        awarding_bodies=_awarding_bodies(d, provider, providers, lang),
        credential_formats=tuple(d["credential"].get("formats") or ()),
        own_quality_assurance=_qa(d.get("quality_assurance"), lang),
        prerequisites=_text(d.get("prerequisites"), lang),
        standalone=(d.get("stackability") or {}).get("standalone"),
        stacks_into=tuple(s["course"] for s in stacks if "course" in s),
        stacks_into_qualifications=tuple(
            (Text.of(s["qualification"], lang), s.get("url")) for s in stacks if "qualification" in s
        ),
        skills=tuple(_skill(s, lang) for s in d.get("skills") or []),
        keywords=tuple(d.get("keywords") or ()),
        price=price,
        sessions=tuple(_session(s, d, price) for s in d.get("sessions") or []),
        ila_eligible=bool((d.get("funding") or {}).get("ila_eligible")),
        funding_schemes=tuple(Text.of(s, lang) for s in (d.get("funding") or {}).get("schemes") or []),
        contact=MappingProxyType(dict(d.get("contact") or {})),
        last_reviewed=_date(d.get("last_reviewed")),
        status=d.get("status", "active"),
        withdrawn_date=_date(withdrawn.get("date")),
        withdrawn_reason=_text(withdrawn.get("reason"), lang),
        replaced_by=withdrawn.get("replaced_by"),
    )
