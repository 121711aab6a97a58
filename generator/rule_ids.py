"""Every rule id the project can report: its severity, what it checks, and which family of
checks reports it. This is the one table of rule ids.

- ``Family.FILE``, the checks of one file: the loader (``loading.py``), the JSON Schema
  (``validation/schema.py``) and ``validation/file_rules.py``.
- ``Family.CATALOGUE``, the checks across the files of a catalogue: where files are, and
  ``validation/catalogue_rules.py`` (references, stacking cycles, duplicate titles).
- ``Family.PULL_REQUEST``, the checks of a pull request against its base:
  ``review/pull_request_rules.py``. They run only with ``catalogue validate --base REF``.

The "Quality rules" reference page is generated from this table. Tests check that every id
used in the code is here and reported by a check of its family, that every file and
catalogue rule has a failing example under ``tests/cases/invalid/``, and that every
pull-request rule has a simulated pull request in ``tests/test_review.py``.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from generator.problems import Severity


class Family(enum.Enum):
    """Which checks report a rule, and so when it can be reported."""

    FILE = "file"
    CATALOGUE = "catalogue"
    PULL_REQUEST = "pull-request"


class RuleInfo(NamedTuple):
    severity: Severity
    family: Family
    checks: str  # what the rule checks, in a few words


E, W = Severity.ERROR, Severity.WARNING
FILE, CATALOGUE, PULL_REQUEST = Family.FILE, Family.CATALOGUE, Family.PULL_REQUEST

RULES: dict[str, RuleInfo] = {
    # -- The checks of one file ------------------------------------------------------------------
    # Reading the file (the hardened loader)
    "yaml/unreadable": RuleInfo(E, FILE, "the file cannot be read from disk"),
    "yaml/too-large": RuleInfo(E, FILE, "the file is larger than 256 KiB"),
    "yaml/encoding": RuleInfo(E, FILE, "the file is not valid UTF-8"),
    "yaml/control-character": RuleInfo(E, FILE, "the file contains a control character YAML does not allow"),
    "yaml/syntax": RuleInfo(E, FILE, "the file is not valid YAML (indentation, quotes, tabs)"),
    "yaml/multi-document": RuleInfo(E, FILE, "the file holds more than one YAML document"),
    "yaml/alias": RuleInfo(E, FILE, "anchors (`&name`) and aliases (`*name`) are not allowed"),
    "yaml/tag": RuleInfo(E, FILE, "YAML tags (`!!str`, `!!python/...`) are not allowed"),
    "yaml/duplicate-key": RuleInfo(E, FILE, "the same key appears twice in one map"),
    "yaml/non-string-key": RuleInfo(E, FILE, "a key is a number, true/false, empty, a list or a map"),
    "yaml/too-deep": RuleInfo(E, FILE, "the data is nested more than 20 levels deep"),
    "yaml/number": RuleInfo(E, FILE, "a number has more than 15 digits"),
    # The JSON Schema
    "schema/empty": RuleInfo(E, FILE, "the file is empty"),
    "schema/unknown-field": RuleInfo(E, FILE, "a field the format does not define (often a misspelling)"),
    "schema/required": RuleInfo(E, FILE, "a required field is missing"),
    "schema/type": RuleInfo(E, FILE, "a value has the wrong type (text, number, list, map, true/false)"),
    "schema/enum": RuleInfo(E, FILE, "a value is not one of the allowed values"),
    "schema/pattern": RuleInfo(
        E, FILE, "a value does not have the required form (https URL, date, code, id)"
    ),
    "schema/language-key": RuleInfo(E, FILE, "a key of a text map is not a two-letter language code"),
    "schema/length": RuleInfo(E, FILE, "a text is empty or too long"),
    "schema/items": RuleInfo(E, FILE, "a list has too few or too many items, or repeats one"),
    "schema/range": RuleInfo(E, FILE, "a number is out of range, or a map is empty"),
    "schema/invalid": RuleInfo(E, FILE, "any other schema constraint"),
    # Where the file is
    "layout/unexpected-file": RuleInfo(E, FILE, "a YAML file is not where the catalogue looks for files"),
    "file/too-many-problems": RuleInfo(
        E, FILE, "a file has more than 100 problems: the rest are counted, not listed"
    ),
    "layout/not-a-file": RuleInfo(
        E, FILE, "a catalogue path is a link, folder, pipe or device, not an ordinary file"
    ),
    "layout/id": RuleInfo(E, FILE, "a provider id or course slug (from the path) is not a valid id"),
    # Codes
    "code/language": RuleInfo(E, FILE, "a language code is not ISO 639-1"),
    "code/country": RuleInfo(E, FILE, "a country code is not ISO 3166-1 alpha-2"),
    "code/currency": RuleInfo(E, FILE, "a currency code is not ISO 4217"),
    "code/isced-f": RuleInfo(E, FILE, "a field is not an ISCED-F 2013 narrow or detailed field"),
    "code/nuts": RuleInfo(E, FILE, "a NUTS region is not in its country (the provider's or the session's)"),
    "code/nuts-unknown": RuleInfo(W, FILE, "the NUTS region is not a NUTS 2024 code"),
    # Dates, sessions, prices
    "date/invalid": RuleInfo(E, FILE, "a date is not a real calendar date"),
    "session/dates": RuleInfo(E, FILE, "a session ends before it starts"),
    "session/enrol-by": RuleInfo(E, FILE, "enrolment closes after the session starts"),
    "session/duplicate-id": RuleInfo(E, FILE, "two sessions of a course have the same id"),
    "session/location": RuleInfo(E, FILE, "an onsite or blended session has no location"),
    "session/none-upcoming": RuleInfo(W, FILE, "no session starts in the future and none is self-paced"),
    "price/missing": RuleInfo(
        E, FILE, "a session has no effective price, or a course without sessions has no price"
    ),
    "price/decimals": RuleInfo(E, FILE, "a price has more than two decimals"),
    # Quality assurance and status
    "qa/empty": RuleInfo(E, FILE, "the effective quality assurance (course's plus provider's) is empty"),
    "qa/expired": RuleInfo(E, FILE, "every quality-assurance entry of an active course has expired"),
    "qa/ila-external": RuleInfo(E, FILE, "an ILA-eligible course has no current external quality assurance"),
    "qa/entry-expired": RuleInfo(W, FILE, "a quality-assurance entry has expired"),
    "withdrawn/date": RuleInfo(E, FILE, "a withdrawn course has no withdrawal date"),
    "withdrawn/inconsistent": RuleInfo(W, FILE, "withdrawal details on a course that is not withdrawn"),
    # Advice
    "workload/ratio": RuleInfo(W, FILE, "hours and ECTS disagree (outside 20–35 hours per credit)"),
    "review/stale": RuleInfo(W, FILE, "last_reviewed is more than 18 months ago"),
    "review/future": RuleInfo(W, FILE, "last_reviewed is in the future"),
    "summary/repeats-title": RuleInfo(W, FILE, "the summary repeats the title"),
    "outcome/too-short": RuleInfo(W, FILE, "a learning outcome is shorter than 20 characters"),
    "level/mismatch": RuleInfo(W, FILE, "the QF-EHEA cycle does not match the EQF level"),
    # Text hygiene
    "text/control-character": RuleInfo(E, FILE, "a text contains an invisible control character"),
    "text/invisible-character": RuleInfo(
        E, FILE, "a text contains a bidirectional control or another character that shows nothing"
    ),
    "text/markup": RuleInfo(W, FILE, "a text contains HTML, which is shown as text"),
    "text/default-language": RuleInfo(W, FILE, "a language map lacks the file's default language"),
    "template/placeholder": RuleInfo(E, FILE, "a `<<placeholder>>` from `catalogue new` was not filled in"),
    # The validator itself
    "internal/rule-failed": RuleInfo(
        E, FILE, "a check crashed on this file (a bug in the validator: please report it)"
    ),
    # -- The checks across the files of a catalogue ----------------------------------------------
    # Where files are
    "layout/not-found": RuleInfo(E, CATALOGUE, "the catalogue folder does not exist"),
    "layout/no-provider": RuleInfo(E, CATALOGUE, "a provider folder has courses but no provider.yaml"),
    # References between files
    "ref/stacks-into": RuleInfo(
        E, CATALOGUE, "a course stacks into a course that does not exist, or into itself"
    ),
    "ref/replaced-by": RuleInfo(
        E, CATALOGUE, "a withdrawn course is replaced by a course that does not exist, or by itself"
    ),
    "ref/replaced-by-withdrawn": RuleInfo(
        W, CATALOGUE, "the replacement of a withdrawn course is withdrawn too"
    ),
    "ref/awarding-body": RuleInfo(E, CATALOGUE, "an awarding body names a provider that does not exist"),
    "ref/stack-cycle": RuleInfo(E, CATALOGUE, "stacking links go round in a circle"),
    "title/duplicate": RuleInfo(E, CATALOGUE, "two courses of one provider have the same title"),
    # -- The checks of a pull request against its base -------------------------------------------
    "pr/deleted": RuleInfo(
        E,
        PULL_REQUEST,
        "a published provider or course file was deleted (withdraw the course instead)",
    ),
    "pr/renamed": RuleInfo(
        E,
        PULL_REQUEST,
        "a published provider or course file was renamed or moved, which changes its permanent id",
    ),
    "pr/maintainers": RuleInfo(
        E, PULL_REQUEST, "a provider's maintainers changed together with other changes"
    ),
    "pr/lookalike-provider": RuleInfo(
        W, PULL_REQUEST, "a new provider's id or name reads like an existing provider's (impersonation)"
    ),
    "pr/several-providers": RuleInfo(
        W, PULL_REQUEST, "the pull request changes more than one provider folder"
    ),
    "pr/outside-catalogue": RuleInfo(
        W,
        PULL_REQUEST,
        "a pull request that changes catalogue files also changes files outside the catalogue",
    ),
}


def of_family(family: Family) -> dict[str, RuleInfo]:
    """The rules one family of checks reports, in the table's order."""
    return {rule: info for rule, info in RULES.items() if info.family is family}
