"""English labels for the format's codes, as the public reads them."""

from __future__ import annotations

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
    if code is None:
        return ""
    return LABELS[kind].get(code, code)
