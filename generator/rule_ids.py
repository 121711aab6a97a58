"""Every rule id the validator can report, with its severity and what it checks.

The documentation's rule list is generated from this table, and a test checks that every
id used in the code is here and has a failing example under ``tests/cases/invalid/``.
"""

from __future__ import annotations

from generator.problems import Severity

E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, tuple[Severity, str]] = {
    # Reading the file (the hardened loader)
    "yaml/unreadable": (E, "the file cannot be read from disk"),
    "yaml/too-large": (E, "the file is larger than 256 KiB"),
    "yaml/encoding": (E, "the file is not valid UTF-8"),
    "yaml/control-character": (E, "the file contains a control character YAML does not allow"),
    "yaml/syntax": (E, "the file is not valid YAML (indentation, quotes, tabs)"),
    "yaml/multi-document": (E, "the file holds more than one YAML document"),
    "yaml/alias": (E, "anchors (&name) and aliases (*name) are not allowed"),
    "yaml/tag": (E, "YAML tags (!!str, !!python/...) are not allowed"),
    "yaml/duplicate-key": (E, "the same key appears twice in one map"),
    "yaml/non-string-key": (E, "a key is a number, true/false, empty, a list or a map"),
    "yaml/too-deep": (E, "the data is nested more than 20 levels deep"),
    "yaml/number": (E, "a number has more than 15 digits"),
    # The JSON Schema
    "schema/empty": (E, "the file is empty"),
    "schema/unknown-field": (E, "a field the format does not define (often a misspelling)"),
    "schema/required": (E, "a required field is missing"),
    "schema/type": (E, "a value has the wrong type (text, number, list, map, true/false)"),
    "schema/enum": (E, "a value is not one of the allowed values"),
    "schema/pattern": (E, "a value does not have the required form (https URL, date, code, id)"),
    "schema/language-key": (E, "a key of a text map is not a two-letter language code"),
    "schema/length": (E, "a text is empty or too long"),
    "schema/items": (E, "a list has too few or too many items, or repeats one"),
    "schema/range": (E, "a number is out of range, or a map is empty"),
    "schema/invalid": (E, "any other schema constraint"),
    # Where files are
    "layout/not-found": (E, "the catalogue folder does not exist"),
    "layout/unexpected-file": (E, "a YAML file is not where the catalogue looks for files"),
    "layout/no-provider": (E, "a provider folder has courses but no provider.yaml"),
    "layout/id": (E, "a provider id or course slug (from the path) is not a valid id"),
    # Codes
    "code/language": (E, "a language code is not ISO 639-1"),
    "code/country": (E, "a country code is not ISO 3166-1 alpha-2"),
    "code/currency": (E, "a currency code is not ISO 4217"),
    "code/isced-f": (E, "a field is not an ISCED-F 2013 narrow or detailed field"),
    "code/nuts": (E, "the NUTS region is not in the provider's country"),
    # References across files
    "ref/stacks-into": (E, "a course stacks into a course that does not exist, or into itself"),
    "ref/replaced-by": (E, "a withdrawn course is replaced by a course that does not exist, or by itself"),
    "ref/replaced-by-withdrawn": (W, "the replacement of a withdrawn course is withdrawn too"),
    "ref/awarding-body": (E, "an awarding body names a provider that does not exist"),
    "ref/stack-cycle": (E, "stacking links go round in a circle"),
    "title/duplicate": (E, "two courses of one provider have the same title"),
    # Dates, sessions, prices
    "date/invalid": (E, "a date is not a real calendar date"),
    "session/dates": (E, "a session ends before it starts"),
    "session/enrol-by": (E, "enrolment closes after the session starts"),
    "session/duplicate-id": (E, "two sessions of a course have the same id"),
    "session/location": (E, "an onsite or blended session has no location"),
    "session/none-upcoming": (W, "no session starts in the future and none is self-paced"),
    "price/missing": (E, "a session has no effective price, or a course without sessions has no price"),
    "price/decimals": (E, "a price has more than two decimals"),
    # Quality assurance and status
    "qa/empty": (E, "the effective quality assurance (course's plus provider's) is empty"),
    "qa/expired": (E, "every quality-assurance entry of an active course has expired"),
    "qa/ila-external": (E, "an ILA-eligible course has no current external quality assurance"),
    "qa/entry-expired": (W, "a quality-assurance entry has expired"),
    "withdrawn/date": (E, "a withdrawn course has no withdrawal date"),
    "withdrawn/inconsistent": (W, "withdrawal details on a course that is not withdrawn"),
    # Advice
    "workload/ratio": (W, "hours and ECTS disagree (outside 20–35 hours per credit)"),
    "review/stale": (W, "last_reviewed is more than 18 months ago"),
    "review/future": (W, "last_reviewed is in the future"),
    "summary/repeats-title": (W, "the summary repeats the title"),
    "outcome/too-short": (W, "a learning outcome is shorter than 20 characters"),
    "level/mismatch": (W, "the QF-EHEA cycle does not match the EQF level"),
    # Text hygiene
    "text/control-character": (E, "a text contains an invisible control character"),
    "text/markup": (W, "a text contains HTML, which is shown as text"),
    "text/default-language": (W, "a language map lacks the file's default language"),
    "template/placeholder": (E, "a <<placeholder>> from `catalogue new` was not filled in"),
    # The validator itself
    "internal/rule-failed": (E, "a check crashed on this file (a bug in the validator: please report it)"),
}
