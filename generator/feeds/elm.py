"""ELM v3 JSON-LD (the LOQ profile Europass ingests): per course a `LearningOpportunity`
with its specification, and one dataset file for the whole catalogue.

The LOQ SHACL shapes are closed: only the properties they list may appear, and coded
values must be concepts of the named EU vocabularies. So every value here is one the
shapes allow, and everything is built from the model alone (no clock).

Mapping decisions (see docs/reference/decisions.md):
- a course with both an EQF and a national level is a `Qualification`, otherwise a
  `LearningAchievementSpecification` (ELM puts EQF levels on qualifications only);
- the course is one `LearningOpportunity`; each session is a part of it (`hasPart`) with
  its own dates, price, mode, place and application deadline;
- each ESCO skill becomes a learning outcome of its own, related to the ESCO concept
  (`relatedSkill`; `relatedESCOSkill` is restricted to a scheme IRI ESCO does not use);
- external quality assurance becomes `Accreditation`s of the provider (and of a
  qualification); the QA body is placed in the provider's country, which the format does
  not record for QA bodies.
"""

from __future__ import annotations

import functools
from typing import Any

import pycountry

from generator import addresses
from generator import vocabularies as vocab
from generator.feeds import api
from generator.model import Catalogue, Course, Price, Provider, QualityAssurance, Session, Text

CONTEXT_URL = "http://data.europa.eu/snb/model/context/edc-ap"
# Terms the published context lacks or maps differently from the LOQ shapes.
LOCAL_CONTEXT = {
    "id": "@id",
    "type": "@type",
    "defaultLanguage": {"@id": "http://data.europa.eu/snb/model/elm/defaultLanguage", "@type": "@id"},
    "value": {
        "@id": "http://www.w3.org/1999/02/22-rdf-syntax-ns#value",
        "@type": "http://www.w3.org/2001/XMLSchema#decimal",
    },
    "hasPart": {"@id": "http://data.europa.eu/snb/model/elm/hasPart", "@type": "@id"},
}
CONTEXT = [CONTEXT_URL, LOCAL_CONTEXT]

SCHEMES = {
    "isced": "http://data.europa.eu/snb/isced-f/25831c2",
    "eqf": "http://data.europa.eu/snb/eqf/25831c2",
    "language": "http://publications.europa.eu/resource/authority/language",
    "country": "http://publications.europa.eu/resource/authority/country",
    "currency": "http://publications.europa.eu/resource/authority/currency",
    "credit": "http://data.europa.eu/snb/education-credit/25831c2",
    "accreditation": "http://data.europa.eu/snb/accreditation/25831c2",
    "mode": "http://data.europa.eu/snb/learning-assessment/25831c2",
    "nqf": "http://data.europa.eu/snb/qdr/25831c2",
    "esco": "http://data.europa.eu/esco/concept-scheme/skills",
}
ECTS = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
MODES = {
    "online": ("920fbb3cbe", "Online"),
    "onsite": ("9191af2ed9", "Presential"),
    "blended": ("e92d221e4d", "Blended"),
}
ACCREDITATION = {  # our QA type → (provider-level, programme-level) ELM accreditation type
    "institutional-accreditation": ("bb4618238e", "Institutional Quality Assurance"),
    "programme-accreditation": ("820101cba6", "Program Quality Assurance"),
    "institutional-licence": ("003293d2ce", "Institutional License"),
    "programme-licence": ("e57dddfcf3", "Program License"),
    "quality-label": ("bb4618238e", "Institutional Quality Assurance"),
}


def _concept(uri: str, scheme: str, label: str, notation: str | None = None) -> dict[str, Any]:
    concept = {
        "id": uri,
        "type": "Concept",
        "inScheme": {"id": SCHEMES[scheme], "type": "ConceptScheme"},
        "prefLabel": {"en": label},
    }
    if notation is not None:
        concept["notation"] = notation
    return concept


@functools.cache  # a handful of codes, looked up for every course and session
def _language_alpha_3(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code)
    return (getattr(found, "alpha_3", None) or code).upper()


@functools.cache
def _country_alpha_3(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code)
    return found.alpha_3 if found else code


def _language(code: str) -> dict[str, Any]:
    alpha_3 = _language_alpha_3(code)
    return _concept(
        f"{SCHEMES['language']}/{alpha_3}", "language", vocab.languages().get(code, code), alpha_3
    )


def _country(code: str) -> dict[str, Any]:
    alpha_3 = _country_alpha_3(code)
    return _concept(f"{SCHEMES['country']}/{alpha_3}", "country", vocab.countries().get(code, code), alpha_3)


def _text(value: Text) -> dict[str, str]:
    return dict(value.values)


def _web(url: str) -> dict[str, Any]:
    return {"type": "WebResource", "contentURL": url}


def _location(country: str, city: str | None = None, address: str | None = None) -> dict[str, Any]:
    place: dict[str, Any] = {"type": "Address", "countryCode": _country(country)}
    if address or city:
        place["fullAddress"] = {
            "type": "Note",
            "noteLiteral": {"en": ", ".join(p for p in (address, city) if p)},
        }
    location: dict[str, Any] = {"type": "Location", "address": place}
    if city:
        location["geographicName"] = {"en": city}
    return location


def organisation_id(provider: Provider, site_url: str) -> str:
    return addresses.url(site_url, addresses.provider_page(provider.id)) + "#organisation"


def organisation(provider: Provider, site_url: str) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": organisation_id(provider, site_url),
        "type": "Organisation",
        "legalName": {provider.default_language: provider.legal_name},
        "homepage": _web(provider.url),
        "location": _location(provider.country),
    }
    # ELM wants the public name apart from the legal one (the two must be disjoint)
    names = {lang: name for lang, name in provider.name.values if name != provider.legal_name}
    if names:
        node["altLabel"] = names
    accreditations = [
        _accreditation(qa, provider, node["id"], site_url, index, "provider")
        for index, qa in enumerate(provider.quality_assurance)
        if qa.type in ACCREDITATION
    ]
    if accreditations:
        node["accreditation"] = accreditations
    return node


def _accreditation(
    qa: QualityAssurance, provider: Provider, organisation_id: str, site_url: str, index: int, scope: str
) -> dict[str, Any]:
    code, label = ACCREDITATION[qa.type]
    body = qa.body.get() if qa.body else label
    accreditation: dict[str, Any] = {
        "id": f"{organisation_id.split('#')[0]}#{scope}-accreditation-{index + 1}",
        "type": "Accreditation",
        "dcType": _concept(f"http://data.europa.eu/snb/accreditation/{code}", "accreditation", label),
        "title": {"en": f"{label}: {body}"},
        "organisation": {"id": organisation_id},
        "accreditingAgent": {
            "id": f"{organisation_id.split('#')[0]}#{scope}-agent-{index + 1}",
            "type": "Organisation",
            "legalName": {"en": body},
            "location": _location(provider.country),
            **({"homepage": _web(qa.url)} if qa.url else {}),
        },
    }
    if qa.valid_until:
        accreditation["expiryDate"] = f"{qa.valid_until.isoformat()}T23:59:59"
    return accreditation


def _outcomes(course: Course, base: str) -> list[dict[str, Any]]:
    outcomes = [
        {"id": f"{base}#outcome-{i + 1}", "type": "LearningOutcome", "title": _text(o)}
        for i, o in enumerate(course.learning_outcomes)
    ]
    for index, skill in enumerate(course.skills):
        if skill.esco:
            outcomes.append(
                {
                    "id": f"{base}#skill-{index + 1}",
                    "type": "LearningOutcome",
                    "title": _text(skill.label),
                    "relatedSkill": _concept(skill.esco, "esco", skill.label.get()),
                }
            )
    return outcomes


def specification(course: Course, site_url: str) -> dict[str, Any]:
    base = addresses.url(site_url, addresses.elm_course(course.id))
    qualification = bool(course.eqf and course.nqf)
    spec: dict[str, Any] = {
        "id": f"{base}#specification",
        "type": "Qualification" if qualification else "LearningAchievementSpecification",
        "title": _text(course.title),
        "description": _text(course.summary),
        "homepage": _web(course.url),
        "thematicArea": [_concept(f.uri, "isced", f.label, f.code) for f in course.fields],
        "language": [_language(code) for code in course.languages],
        "learningOutcome": _outcomes(course, base),
        "provenBy": {
            "id": f"{base}#assessment",
            "type": "LearningAssessmentSpecification",
            "title": {"en": "Assessment: " + ", ".join(course.assessment_methods)},
            **(
                {"description": _text(course.assessment_description)} if course.assessment_description else {}
            ),
        },
    }
    if course.ects:
        spec["creditPoint"] = {
            "type": "CreditPoint",
            "framework": _concept(ECTS, "credit", "European Credit Transfer System"),
            "point": f"{course.ects:g}",
        }
    if course.hours:
        spec["volumeOfLearning"] = f"PT{course.hours}H"
    if course.prerequisites:
        spec["entryRequirement"] = {"type": "Note", "noteLiteral": _text(course.prerequisites)}
    if qualification:
        eqf = vocab.eqf_levels()[course.eqf]  # type: ignore[index]
        spec["eqfLevel"] = _concept(eqf["uri"], "eqf", eqf["label"], str(course.eqf))
        nqf = course.nqf or {}
        spec["nqfLevel"] = _concept(
            f"{base}#nqf", "nqf", f"{nqf.get('framework')} level {nqf.get('level')}", str(nqf.get("level"))
        )
        own = [
            _accreditation(
                qa, course.provider, organisation_id(course.provider, site_url), site_url, i, "course"
            )
            for i, qa in enumerate(course.own_quality_assurance)
            if qa.type in ACCREDITATION
        ]
        if own:
            spec["accreditation"] = own
    return spec


def _amount(price: Price) -> dict[str, Any]:
    return {
        "type": "PriceDetail",
        "amount": {
            "type": "Amount",
            "value": f"{price.amount:.2f}",
            "unit": _concept(
                f"{SCHEMES['currency']}/{price.currency}", "currency", price.currency, price.currency
            ),
        },
    }


def _offer(
    course: Course, session: Session | None, base: str, spec_id: str, organisation_id: str
) -> dict[str, Any]:
    mode = session.participation if session else course.participation
    code, mode_label = MODES[mode]
    offer: dict[str, Any] = {
        "id": f"{base}#opportunity" + (f"-{session.id}" if session else ""),
        "type": "LearningOpportunity",
        "title": _text(course.title),
        "homepage": _web(session.url if session and session.url else course.url),
        "providedBy": {"id": organisation_id},
        "defaultLanguage": _language(course.default_language),
        "learningAchievementSpecification": {"id": spec_id},
        "mode": _concept(f"http://data.europa.eu/snb/learning-assessment/{code}", "mode", mode_label),
    }
    price = session.price if session else course.price
    if price is not None:
        offer["priceDetail"] = _amount(price)
    if session is None:
        offer["description"] = _text(course.summary)
        return offer
    if session.start or session.end:
        offer["temporal"] = {
            "type": "PeriodOfTime",
            **({"startDate": f"{session.start.isoformat()}T00:00:00"} if session.start else {}),
            **({"endDate": f"{session.end.isoformat()}T23:59:59"} if session.end else {}),
        }
    if session.enrol_by:
        offer["applicationDeadline"] = f"{session.enrol_by.isoformat()}T23:59:59"
    if session.location:
        offer["location"] = _location(
            session.location.country, session.location.city, session.location.address
        )
    return offer


def opportunity(course: Course, site_url: str) -> dict[str, Any]:
    """The course as a LearningOpportunity graph: the offering, its sessions, the
    specification and the provider, each node complete so the file is valid on its own."""
    return {
        "@context": CONTEXT,
        "@graph": [*_course_graph(course, site_url), organisation(course.provider, site_url)],
    }


def _course_graph(course: Course, site_url: str) -> list[dict[str, Any]]:
    """The course's own nodes: the offering, its sessions and the specification."""
    base = addresses.url(site_url, addresses.elm_course(course.id))
    provider_id = organisation_id(course.provider, site_url)
    spec = specification(course, site_url)
    offer = _offer(course, None, base, spec["id"], provider_id)
    parts = [_offer(course, s, base, spec["id"], provider_id) for s in course.sessions]
    if parts:
        offer["hasPart"] = [{"id": part["id"]} for part in parts]
    return [offer, *parts, spec]


def course_nodes(course: Course, site_url: str, organisations: dict[str, bytes]) -> list[bytes]:
    """The nodes of ``opportunity(course)``, each serialised; the last one is the provider's
    organisation, serialised once per provider and kept in ``organisations`` by provider id."""
    provider = course.provider
    if provider.id not in organisations:
        organisations[provider.id] = api.member(organisation(provider, site_url))
    return [*map(api.member, _course_graph(course, site_url)), organisations[provider.id]]


# A document is HEAD + nodes joined by "," + TAIL: canonical JSON, as "@context" sorts first.
DOCUMENT_HEAD = b'{"@context":' + api.member(CONTEXT) + b',"@graph":['
DOCUMENT_TAIL = b"]}\n"


def document_bytes(nodes: list[bytes]) -> bytes:
    """A JSON-LD document from serialised nodes."""
    return DOCUMENT_HEAD + b",".join(nodes) + DOCUMENT_TAIL


def organisation_nodes(catalogue: Catalogue, site_url: str, organisations: dict[str, bytes]) -> list[bytes]:
    """Each provider once, for the dataset (course nodes are streamed before them); those
    ``course_nodes`` serialised already are taken from ``organisations``."""
    return [
        organisations.get(p.id) or api.member(organisation(p, site_url)) for p in catalogue.providers.values()
    ]


def manifest(site_url: str, site_name: str) -> dict[str, Any]:
    """/.well-known/quality-link-manifest.json: where QualityLink's aggregator finds the ELM
    dataset. The QualityLink discovery specification is a draft; this follows its idea of
    a list of typed data sources and is documented as provisional."""
    return {
        "version": "0.1",
        "name": site_name,
        "sources": [
            {
                "id": "catalogue-elm",
                "type": "elm",
                "format": "application/ld+json",
                "path": addresses.url(site_url, addresses.elm_dataset()),
                "refresh": "P1D",
            }
        ],
    }
