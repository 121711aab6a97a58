"""The checks of one file: the quality rules of format §7 that a schema cannot express,
one small generator each.

A rule takes the ``Context`` of one schema-valid file and yields ``Problem``s. Adding a rule
is adding one function here (registered with ``@course_rule`` or ``@provider_rule``), its
id to ``generator/rule_ids.py`` (family ``FILE``) and one failing example under
``tests/cases/invalid/<rule-id>/``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from generator import vocabularies as vocab
from generator.layout import COURSE_SLUG_LENGTH, ID_PATTERN, PROVIDER_ID_LENGTH
from generator.loading import NodePath
from generator.problems import Problem
from generator.validation.context import Context, field_label, parse_date

Rule = Callable[[Context], Iterator[Problem]]
COURSE_RULES: list[Rule] = []
PROVIDER_RULES: list[Rule] = []
ANY_SHAPE_RULES: list[Rule] = []  # need only strings, so they also run on schema-invalid files

HOURS_PER_ECTS = (20, 35)
REVIEW_MONTHS = 18
MIN_OUTCOME_CHARS = 20
EXTERNAL_QA = frozenset(
    {
        "institutional-accreditation",
        "programme-accreditation",
        "institutional-licence",
        "programme-licence",
        "quality-label",
    }
)

# Where text (a string or a language map) may stand; "*" is any list index.
COURSE_TEXTS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("summary",),
    ("description",),
    ("learning_outcomes", "*"),
    ("assessment", "description"),
    ("prerequisites",),
    ("skills", "*"),
    ("skills", "*", "label"),
    ("stackability", "stacks_into", "*", "qualification"),
    ("funding", "schemes", "*"),
    ("withdrawn", "reason"),
    ("quality_assurance", "*", "body"),
    ("credential", "awarding_bodies", "*", "name"),
)
PROVIDER_TEXTS: tuple[tuple[str, ...], ...] = (
    ("name",),
    ("description",),
    ("quality_assurance", "*", "body"),
)
MARKDOWN_FIELDS = frozenset({"description"})

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufff9-\ufffb]")
# Characters that show nothing, or reorder what is shown: bidirectional controls (a title
# that reads differently from what it says), zero-width and joining characters, the soft
# hyphen, fillers and tag characters. None has a use in the catalogue's languages, and each
# can hide text from a reviewer or make two names look the same.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\u3164\uffa0\U000e0000-\U000e007f\U0001d173-\U0001d17a]"
)
_PLACEHOLDER = re.compile(r"<<[^<>]*>>")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_SPACES = re.compile(r"[\W_]+", re.UNICODE)


def course_rule(func: Rule) -> Rule:
    COURSE_RULES.append(func)
    return func


def provider_rule(func: Rule) -> Rule:
    PROVIDER_RULES.append(func)
    return func


def any_shape(func: Rule) -> Rule:
    ANY_SHAPE_RULES.append(func)
    return func


def both(func: Rule) -> Rule:
    COURSE_RULES.append(func)
    PROVIDER_RULES.append(func)
    return func


# -- helpers ---------------------------------------------------------------------------------


def iter_texts(data: Any, patterns: tuple[tuple[str, ...], ...]) -> Iterator[tuple[NodePath, Any]]:
    """Every text value (string or language map) at the given path patterns."""
    for pattern in patterns:
        yield from _walk(data, pattern, ())


def _walk(node: Any, pattern: tuple[str, ...], path: NodePath) -> Iterator[tuple[NodePath, Any]]:
    if not pattern:
        if isinstance(node, (str, dict)) and not (isinstance(node, dict) and _is_object(node)):
            yield path, node
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, rest, (*path, index))
    elif isinstance(node, dict) and head in node:
        yield from _walk(node[head], rest, (*path, head))


def _is_object(node: dict[str, Any]) -> bool:
    """A map of fields (e.g. an ESCO skill) rather than a language map."""
    return any(len(k) != 2 for k in node)


def text_variants(value: Any) -> Iterator[tuple[str | None, str]]:
    if isinstance(value, str):
        yield None, value
    elif isinstance(value, dict):
        yield from value.items()


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


# -- layout ------------------------------------------------------------------------------


@any_shape
def ids_from_path(ctx: Context) -> Iterator[Problem]:
    """Provider ids and course slugs are permanent public ids: check their form (§1)."""
    checks = [("provider id", ctx.entry.provider_id, PROVIDER_ID_LENGTH)]
    if ctx.entry.kind == "course":
        checks.append(("course slug", ctx.entry.slug, COURSE_SLUG_LENGTH))
    for what, value, (low, high) in checks:
        if not ID_PATTERN.fullmatch(value) or not low <= len(value) <= high:
            yield ctx.error(
                (),
                "layout/id",
                f"the {what} `{value}` (from the file's path) is not a valid id",
                f"use {low}–{high} lower-case letters, digits and single hyphens, "
                "e.g. `data-visualisation`; rename the file or folder before it is first published",
            )


# -- codes -------------------------------------------------------------------------------


@both
def language_codes(ctx: Context) -> Iterator[Problem]:
    known = vocab.languages()
    places: list[tuple[NodePath, str]] = []
    if ctx.entry.kind == "provider":
        places.append((("default_language",), ctx.data["default_language"]))
    places += [(("languages", i), code) for i, code in enumerate(ctx.data.get("languages") or [])]
    for path, session in ctx.sessions():
        places += [((*path, "languages", i), code) for i, code in enumerate(session.get("languages") or [])]
    for path, value in iter_texts(ctx.data, COURSE_TEXTS if ctx.entry.kind == "course" else PROVIDER_TEXTS):
        if isinstance(value, dict):
            places += [((*path, code), code) for code in value]
    for path, code in places:
        if code not in known:
            yield ctx.error(
                path,
                "code/language",
                f"`{code}` is not an ISO 639-1 language code",
                "use a two-letter code such as en, de, fr, sv, pl",
                on_key=isinstance(path[-1], str) and path[-1] == code,
            )


@both
def country_codes(ctx: Context) -> Iterator[Problem]:
    known = vocab.countries()
    places: list[tuple[NodePath, Any]] = [(("country",), ctx.data.get("country"))]
    for path, session in ctx.sessions():
        places.append(((*path, "location", "country"), (session.get("location") or {}).get("country")))
    for index, body in enumerate((ctx.data.get("credential") or {}).get("awarding_bodies") or []):
        if isinstance(body, dict):
            places.append((("credential", "awarding_bodies", index, "country"), body.get("country")))
    for path, code in places:
        if code is not None and code not in known:
            hint = (
                "Greece is GR and the United Kingdom GB in ISO 3166-1 (EL and UK are NUTS codes)"
                if code in ("EL", "UK")
                else "use a two-letter code such as SE, DE, FR"
            )
            yield ctx.error(path, "code/country", f"`{code}` is not an ISO 3166-1 country code", hint)


@course_rule
def currency_codes(ctx: Context) -> Iterator[Problem]:
    known = vocab.currencies()
    for path, price in _prices(ctx):  # (vocab.currencies excludes metals, funds and test codes)
        if price["currency"] not in known:
            yield ctx.error(
                (*path, "currency"),
                "code/currency",
                f"`{price['currency']}` is not an ISO 4217 currency code",
                "use a three-letter code such as EUR, SEK, PLN",
            )


@course_rule
def isced_codes(ctx: Context) -> Iterator[Problem]:
    fields = vocab.isced_fields()
    for index, code in enumerate(ctx.data["field"]):
        if code not in fields:
            hint = (
                "pick a narrow (3-digit) or detailed (4-digit) code from the ISCED-F 2013 list, "
                'e.g. "0613" for software development'
            )
            if len(code) == 3 and "0" + code in fields:
                hint = (
                    f'did you mean "0{code}" ({fields["0" + code].label})? '
                    "Quote codes so the leading zero is kept"
                )
            yield ctx.error(
                ("field", index),
                "code/isced-f",
                f"`{code}` is not an ISCED-F 2013 narrow or detailed field",
                hint,
            )


@provider_rule
def nuts_region(ctx: Context) -> Iterator[Problem]:
    yield from _nuts(ctx, ("region",), ctx.data.get("region"), ctx.data["country"], "the provider's")


@course_rule
def session_nuts_regions(ctx: Context) -> Iterator[Problem]:
    for path, session in ctx.sessions():
        location = session.get("location") or {}
        place = (*path, "location", "region")
        yield from _nuts(ctx, place, location.get("region"), location.get("country", ""), "the session's")


def _nuts(ctx: Context, path: NodePath, region: str | None, country: str, whose: str) -> Iterator[Problem]:
    """One check for every region code, so a session's region obeys the provider's rules."""
    if region and not region.startswith(vocab.nuts_prefix(country)):
        yield ctx.error(
            path,
            "code/nuts",
            f"the NUTS region `{region}` is not in {whose} country `{country}`",
            f"a NUTS code for {country} starts with {vocab.nuts_prefix(country)}",
        )
    elif region and region not in vocab.nuts_regions():
        yield ctx.warning(
            path,
            "code/nuts-unknown",
            f"`{region}` is not a NUTS 2024 region code, so the site shows the code, not a name",
            "look the region up in the NUTS 2024 classification (some codes changed in 2024, "
            "e.g. NL33C became NL366)",
        )


# -- dates and sessions --------------------------------------------------------------------


@both
def real_dates(ctx: Context) -> Iterator[Problem]:
    for path, text in ctx.strings:
        if (
            path
            and path[-1] in ("start", "end", "enrol_by", "valid_until", "last_reviewed", "date")
            and parse_date(text) is None
        ):
            yield ctx.error(
                path,
                "date/invalid",
                f"`{field_label(path)}` is `{text}`, which is not a real calendar date",
                "check the day and month (YYYY-MM-DD), e.g. February has 28 or 29 days",
            )


@course_rule
def session_dates(ctx: Context) -> Iterator[Problem]:
    for path, session in ctx.sessions():
        start, end, enrol_by = (parse_date(session.get(k, "")) for k in ("start", "end", "enrol_by"))
        if start and end and end < start:
            yield ctx.error(
                (*path, "end"),
                "session/dates",
                f"session `{session['id']}` ends ({end}) before it starts ({start})",
                "swap the dates or correct the end date",
            )
        if start and enrol_by and enrol_by > start:
            yield ctx.error(
                (*path, "enrol_by"),
                "session/enrol-by",
                f"session `{session['id']}` closes enrolment ({enrol_by}) after it starts ({start})",
                "`enrol_by` must be on or before `start`",
            )


@course_rule
def session_ids_unique(ctx: Context) -> Iterator[Problem]:
    seen: set[str] = set()
    for path, session in ctx.sessions():
        if session["id"] in seen:
            yield ctx.error(
                (*path, "id"),
                "session/duplicate-id",
                f"two sessions have the id `{session['id']}`",
                "give each session its own id, e.g. 2027-spring and 2027-autumn",
            )
        seen.add(session["id"])


@course_rule
def session_locations(ctx: Context) -> Iterator[Problem]:
    for path, session in ctx.sessions():
        mode = session.get("participation", ctx.data["participation"])
        if mode in ("onsite", "blended") and "location" not in session:
            yield ctx.error(
                path,
                "session/location",
                f"session `{session['id']}` is {mode} but has no location",
                "add `location: {city: ..., country: ...}` to the session",
            )


# -- prices ------------------------------------------------------------------------------


def _prices(ctx: Context) -> Iterator[tuple[NodePath, dict[str, Any]]]:
    if "price" in ctx.data:
        yield ("price",), ctx.data["price"]
    for path, session in ctx.sessions():
        if "price" in session:
            yield (*path, "price"), session["price"]


@course_rule
def prices_present(ctx: Context) -> Iterator[Problem]:
    if "price" in ctx.data:
        return
    sessions = list(ctx.sessions())
    if not sessions:
        yield ctx.error(
            (),
            "price/missing",
            "the course has no sessions and no price",
            "add `price: {amount: ..., currency: ...}` (amount 0 if it is free to the learner)",
        )
    for path, session in sessions:
        if "price" not in session:
            yield ctx.error(
                path,
                "price/missing",
                f"session `{session['id']}` has no price and the course has none",
                "add a course `price:` (used by every session) or a `price:` to this session",
            )


@course_rule
def price_decimals(ctx: Context) -> Iterator[Problem]:
    for path, price in _prices(ctx):
        try:
            exponent = Decimal(str(price["amount"])).as_tuple().exponent
        except InvalidOperation:  # pragma: no cover - the schema guarantees a finite number
            continue
        if isinstance(exponent, int) and exponent < -2:
            yield ctx.error(
                (*path, "amount"),
                "price/decimals",
                f"the amount {price['amount']} has more than two decimals",
                "round it to cents, e.g. 149.90",
            )


# -- quality assurance -------------------------------------------------------------------


def _expired(entry: dict[str, Any], today: date) -> bool:
    until = parse_date(entry.get("valid_until", ""))
    return until is not None and until < today


@course_rule
def qa_present(ctx: Context) -> Iterator[Problem]:
    if (
        ctx.provider is None
    ):  # the provider file is missing or has errors of its own: judge QA once it is fixed
        return
    effective = ctx.effective_qa()
    if not effective:
        yield ctx.error(
            (),
            "qa/empty",
            "the course has no quality assurance, and neither has its provider",
            "add a `quality_assurance:` entry to the course or to provider.yaml (EU element 11 is mandatory)",
        )
    elif ctx.data.get("status", "active") == "active" and all(_expired(e, ctx.today) for e in effective):
        yield ctx.error(
            ("quality_assurance",) if ctx.data.get("quality_assurance") else (),
            "qa/expired",
            "every quality-assurance entry of this course has expired",
            "renew the accreditation and update `valid_until`, or withdraw the course",
        )


@course_rule
def qa_for_ila(ctx: Context) -> Iterator[Problem]:
    if not (ctx.data.get("funding") or {}).get("ila_eligible") or ctx.provider is None:
        return
    external = [e for e in ctx.effective_qa() if e["type"] in EXTERNAL_QA and not _expired(e, ctx.today)]
    if not external:
        yield ctx.error(
            ("funding", "ila_eligible"),
            "qa/ila-external",
            "an ILA-eligible course needs external quality assurance that has not expired",
            "add an accreditation, licence or quality label (not only `internal-review`), "
            "or set `ila_eligible: false`",
        )


@both
def qa_entries_current(ctx: Context) -> Iterator[Problem]:
    for index, entry in enumerate(ctx.data.get("quality_assurance") or []):
        if _expired(entry, ctx.today):
            yield ctx.warning(
                ("quality_assurance", index, "valid_until"),
                "qa/entry-expired",
                f"this {entry['type']} expired on {entry['valid_until']}",
                "update `valid_until` after renewal, or remove the entry",
            )


# -- status ------------------------------------------------------------------------------


@course_rule
def withdrawal_complete(ctx: Context) -> Iterator[Problem]:
    status = ctx.data.get("status", "active")
    withdrawn = ctx.data.get("withdrawn") or {}
    if status == "withdrawn" and "date" not in withdrawn:
        yield ctx.error(
            ("status",),
            "withdrawn/date",
            "a withdrawn course needs the date of withdrawal",
            "add `withdrawn: {date: YYYY-MM-DD, reason: ..., replaced_by: provider/course}`",
        )
    if status != "withdrawn" and "withdrawn" in ctx.data:
        yield ctx.warning(
            ("withdrawn",),
            "withdrawn/inconsistent",
            "the course has withdrawal details but is not withdrawn",
            "add `status: withdrawn`, or remove the `withdrawn:` block",
        )


# -- warnings ------------------------------------------------------------------------------


@course_rule
def workload_consistent(ctx: Context) -> Iterator[Problem]:
    workload = ctx.data["workload"]
    if "ects" in workload and "hours" in workload:
        per_credit = workload["hours"] / workload["ects"]
        low, high = HOURS_PER_ECTS
        if not low <= per_credit <= high:
            yield ctx.warning(
                ("workload",),
                "workload/ratio",
                f"{workload['hours']} hours for {workload['ects']} ECTS is {per_credit:.0f} hours per credit",
                f"one ECTS credit is {low}–{high} hours of work; check both figures",
            )


@course_rule
def recently_reviewed(ctx: Context) -> Iterator[Problem]:
    reviewed = parse_date(ctx.data.get("last_reviewed", ""))
    if reviewed and months_between(reviewed, ctx.today) > REVIEW_MONTHS:
        yield ctx.warning(
            ("last_reviewed",),
            "review/stale",
            f"the entry was last reviewed on {reviewed}, over {REVIEW_MONTHS} months ago",
            "check that everything is still correct, then set `last_reviewed` to today's date",
        )
    elif reviewed and reviewed > ctx.today:
        yield ctx.warning(
            ("last_reviewed",),
            "review/future",
            f"`last_reviewed` ({reviewed}) is in the future",
            "use the date on which you checked the entry",
        )


@course_rule
def upcoming_session(ctx: Context) -> Iterator[Problem]:
    sessions = [s for _, s in ctx.sessions()]
    if not sessions or ctx.data.get("status", "active") != "active":
        return
    if any(
        s.get("schedule") == "self-paced" or (parse_date(s.get("start", "")) or date.min) >= ctx.today
        for s in sessions
    ):
        return
    yield ctx.warning(
        ("sessions",),
        "session/none-upcoming",
        "no session starts in the future and none is self-paced",
        "add the next session, or mark a session `schedule: self-paced`",
    )


@course_rule
def summary_not_title(ctx: Context) -> Iterator[Problem]:
    titles = {normalise(t) for _, t in text_variants(ctx.data["title"])}
    for language, summary in text_variants(ctx.data["summary"]):
        if normalise(summary) in titles or any(
            t and normalise(summary).startswith(t) and len(normalise(summary)) < len(t) + 20 for t in titles
        ):
            path = ("summary",) if language is None else ("summary", language)
            yield ctx.warning(
                path,
                "summary/repeats-title",
                "the summary repeats the title",
                "say in one or two sentences who the course is for and what they will be able to do",
            )


@course_rule
def outcomes_specific(ctx: Context) -> Iterator[Problem]:
    for index, outcome in enumerate(ctx.data["learning_outcomes"]):
        for language, text in text_variants(outcome):
            if len(text.strip()) < MIN_OUTCOME_CHARS:
                path = (
                    ("learning_outcomes", index)
                    if language is None
                    else ("learning_outcomes", index, language)
                )
                yield ctx.warning(
                    path,
                    "outcome/too-short",
                    f"the learning outcome `{text}` is very short",
                    "describe what the learner can do and how it shows, "
                    'e.g. "Build a reproducible chart from survey data"',
                )


@course_rule
def level_consistent(ctx: Context) -> Iterator[Problem]:
    level = ctx.data.get("level") or {}
    cycle = vocab.qf_ehea_cycles().get(level.get("qf_ehea", ""))
    if cycle and "eqf" in level and cycle["eqf"] != level["eqf"]:
        yield ctx.warning(
            ("level", "qf_ehea"),
            "level/mismatch",
            f"{cycle['label']} corresponds to EQF level {cycle['eqf']}, not {level['eqf']}",
            "check the EQF level and the cycle",
        )


# -- text hygiene --------------------------------------------------------------------------


@any_shape
def no_hidden_characters(ctx: Context) -> Iterator[Problem]:
    """Control characters, and characters that show nothing or reorder what is shown."""
    for path, text in ctx.strings:
        for pattern, rule, says, hint in _HIDDEN:
            found = pattern.search(text)
            if found:
                yield ctx.error(path, rule, f"`{field_label(path)}` contains {says(found.group())}", hint)


def _named(char: str) -> str:
    name = unicodedata.name(char, "").lower() or "an invisible character"
    return f"U+{ord(char):04X} ({name}), which shows nothing or changes the order in which the text is shown"


_HIDDEN: tuple[tuple[re.Pattern[str], str, Callable[[str], str], str], ...] = (
    (
        _CONTROL,
        "text/control-character",
        lambda char: f"the invisible character U+{ord(char):04X}",
        "delete it (it is often pasted in from a word processor or a PDF)",
    ),
    (
        _INVISIBLE,
        "text/invisible-character",
        _named,
        "delete it: retype the text around it if you cannot see where it is",
    ),
)


@any_shape
def placeholders_filled(ctx: Context) -> Iterator[Problem]:
    """`catalogue new` writes <<...>> placeholders; none may reach the catalogue."""
    for path, text in ctx.strings:
        found = _PLACEHOLDER.search(text)
        if found:
            yield ctx.error(
                path,
                "template/placeholder",
                f"`{field_label(path)}` still holds the template placeholder {found.group()}",
                "replace it with the real value",
            )


@both
def plain_text_without_markup(ctx: Context) -> Iterator[Problem]:
    patterns = COURSE_TEXTS if ctx.entry.kind == "course" else PROVIDER_TEXTS
    for path, value in iter_texts(ctx.data, patterns):
        for language, text in text_variants(value):
            if _MARKUP.search(_PLACEHOLDER.sub("", text)):
                where = path if language is None else (*path, language)
                kind = "Markdown" if path[0] in MARKDOWN_FIELDS else "plain text"
                yield ctx.warning(
                    where,
                    "text/markup",
                    f"`{field_label(where)}` contains HTML, which is shown as text, not as markup",
                    f"this field is {kind}: remove the HTML tags",
                )


@both
def language_maps_complete(ctx: Context) -> Iterator[Problem]:
    default = ctx.default_language()
    patterns = COURSE_TEXTS if ctx.entry.kind == "course" else PROVIDER_TEXTS
    for path, value in iter_texts(ctx.data, patterns):
        if isinstance(value, dict) and default and default not in value:
            yield ctx.warning(
                path,
                "text/default-language",
                f"`{field_label(path)}` has no `{default}` text, the file's default language",
                f"add an entry `{default}: ...`; visitors and feeds fall back to it",
            )
