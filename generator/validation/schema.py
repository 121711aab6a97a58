"""JSON Schema validation, with errors rewritten for providers and placed at their line.

The validators are compiled once per process (building one per file is 30× slower), and
every jsonschema error becomes a ``Problem`` whose message names the field in the
provider's terms and whose hint says what to write instead.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from itertools import islice
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError, validators

from generator.loading import Document, NodePath
from generator.problems import Problem, error
from generator.validation.context import field_label

_TYPE_NAMES = {
    "string": "text",
    "object": "a map of fields",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for ``provider`` or ``course`` files, as shipped in the package."""
    text = resources.files("generator.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local ``$ref`` replaced by its target (ours are not recursive).

    Resolving references is most of jsonschema's time; inlining them once makes each
    validation about a fifth faster and gives error objects the whole sub-schema.
    """
    if isinstance(node, dict):
        if "$ref" in node:
            target = _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
            return {**target, **{k: _inline(v, defs) for k, v in node.items() if k != "$ref"}}
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


@cache
def _flat_schema(kind: str) -> dict[str, Any]:
    schema = load_schema(kind)
    flat: dict[str, Any] = _inline(schema, schema.get("$defs", {}))
    return flat


@cache
def _ecma(pattern: str) -> re.Pattern[str]:
    """JSON Schema patterns are ECMA-262: ``$`` is the very end, while Python's ``$`` also
    matches before a final newline (so "https://x.example\n" would pass). fastjsonschema
    makes the same substitution, so the two validators agree."""
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(kind: str) -> Draft202012Validator:
    return _Validator(_flat_schema(kind))


@cache
def _gate(kind: str) -> Callable[[Any], Any]:
    """A compiled yes/no check of the same schema, five times faster than jsonschema.

    Most files are valid; only those it rejects go through jsonschema for the detailed,
    line-precise errors. Our schemas use no keyword whose meaning differs between draft 7
    (what fastjsonschema implements) and 2020-12, and a test holds the two to agreement.
    """
    return fastjsonschema.compile(
        {**_flat_schema(kind), "$schema": "http://json-schema.org/draft-07/schema#"}
    )


def is_valid(data: Any, kind: str) -> bool:
    try:
        _gate(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


LIMIT = 1000  # schema errors read from one file


def check_schema(doc: Document, kind: str) -> list[Problem]:
    """Schema problems of one document, sorted, one per distinct place and cause."""
    if doc.data is None:
        return [
            error(
                doc.display,
                (1, 1),
                "schema/empty",
                "the file is empty",
                f"start from `catalogue new {kind}`, which writes a template to fill in",
            )
        ]
    if is_valid(doc.data, kind):
        return []
    # A 256 KiB file can hold 120,000 wrong list items; past LIMIT nobody reads them, and
    # counting them all would cost seconds per file.
    errors = list(islice(_leaf_errors(_validator(kind).iter_errors(doc.data)), LIMIT))
    if not errors:  # the two validators disagree: never let that pass a file silently
        return [
            error(
                doc.display,
                (1, 1),
                "schema/invalid",
                "the file does not match the schema",
                "this is a validator bug: please report it with the file attached",
            )
        ]
    renamed = {
        (tuple(e.absolute_path), _suggestion(e)) for e in errors if e.validator == "additionalProperties"
    }
    problems = {
        _to_problem(doc, e)
        for e in errors
        if not (e.validator == "required" and (tuple(e.absolute_path), _missing(e)) in renamed)
    }
    return sorted(problems, key=Problem.sort_key)


def _missing(err: ValidationError) -> str:
    message = str(err.message)
    return message.split("'")[1] if "'" in message else str(err.validator_value)


def _extra(err: ValidationError) -> str:
    return str(sorted(set(err.instance) - set(err.schema.get("properties", {})))[0])


def _suggestion(err: ValidationError) -> str | None:
    """The known field an unknown one is probably a misspelling of (its "missing" twin is not reported)."""
    close = difflib.get_close_matches(_extra(err), sorted(err.schema.get("properties", {})), n=1, cutoff=0.6)
    return close[0] if close else None


def _leaf_errors(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    """Replace anyOf/oneOf failures by the errors of the branch that fits the value best."""
    for err in errors:
        if err.validator in ("anyOf", "oneOf") and err.context:
            branch = _best_branch(err)
            if branch is not None:
                yield from _leaf_errors(iter(branch))
                continue
        yield err


def _best_branch(err: ValidationError) -> list[ValidationError] | None:
    """The sub-errors of the alternative that fits the value best: its type must match, and
    among object forms the one whose fields the value actually uses wins."""
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in err.context or []:
        by_branch.setdefault(sub.schema_path[0], []).append(sub)
    fitting = [
        (index, subs)
        for index, subs in by_branch.items()
        if _type_fits(err.validator_value[index], err.instance)
    ]
    if not fitting:
        return None
    return min(fitting, key=lambda item: _misfit(err.validator_value[item[0]], item[1], err.instance))[1]


def _misfit(branch: dict[str, Any], errors: list[ValidationError], instance: Any) -> tuple[int, int, int]:
    if not isinstance(instance, dict):
        return (0, 0, len(errors))
    is_language_map = all(isinstance(k, str) and len(k) == 2 and k.islower() for k in instance)
    language_branch = "propertyNames" in str(branch) and "properties" not in branch
    unknown = sum(e.validator == "additionalProperties" for e in errors)
    missing = sum(e.validator == "required" for e in errors)
    return (int(language_branch != is_language_map), unknown, missing)


def _type_fits(schema: dict[str, Any], instance: Any) -> bool:
    if "anyOf" in schema:
        return any(_type_fits(s, instance) for s in schema["anyOf"])
    expected = schema.get("type")
    return expected is not None and (
        _type_name(instance) == expected or (expected == "number" and _type_name(instance) == "integer")
    )


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return {float: "number", str: "string", dict: "object", list: "array", type(None): "null"}.get(
        type(value), "unknown"
    )


def _to_problem(doc: Document, err: ValidationError) -> Problem:
    node_path: NodePath = tuple(err.absolute_path)
    rule, message, hint, on_key = _explain(err, node_path)
    if rule == "schema/unknown-field":  # point at the misspelled key itself
        node_path = (*node_path, _extra(err))
    elif rule == "schema/language-key":
        node_path, on_key = (*node_path, str(err.instance)), True
    mark = doc.key_mark(node_path) if on_key else doc.mark(node_path)
    return error(doc.display, mark, rule, message, hint)


def _explain(err: ValidationError, node_path: NodePath) -> tuple[str, str, str, bool]:
    """(rule id, message, hint, point at the key?) for one jsonschema error."""
    name = field_label(node_path)
    explain = _EXPLAINERS.get(str(err.validator), _explain_generic)
    return explain(err, node_path, name)


def _explain_additional(err: ValidationError, node_path: NodePath, name: str) -> tuple[str, str, str, bool]:
    allowed = sorted(err.schema.get("properties", {}))
    extra, close = _extra(err), _suggestion(err)
    where = "" if not node_path else f" in `{name}`"
    message = f"unknown field `{extra}`{where}"
    if close:
        return (
            "schema/unknown-field",
            f"{message}; did you mean `{close}`?",
            f"rename `{extra}` to `{close}`",
            True,
        )
    return (
        "schema/unknown-field",
        message,
        "allowed fields here: " + ", ".join(f"`{a}`" for a in allowed),
        True,
    )


def _explain_required(err: ValidationError, node_path: NodePath, name: str) -> tuple[str, str, str, bool]:
    missing = _missing(err)
    described = err.schema.get("properties", {}).get(missing, {}).get("description", "")
    where = "" if not node_path else f" in `{name}`"
    hint = f"add `{missing}:` — {described}" if described else f"add `{missing}:`"
    if missing in ("start", "end"):
        hint = "give the session `start` and `end` dates, or mark it `schedule: self-paced`"
    return ("schema/required", f"missing required field `{missing}`{where}", hint, True)


def _explain_type(err: ValidationError, node_path: NodePath, name: str) -> tuple[str, str, str, bool]:
    expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
    got = _type_name(err.instance)
    message = f"`{name}` must be {_TYPE_NAMES.get(expected, expected)}, not {_TYPE_NAMES.get(got, got)}"
    hint = "check the indentation and the value's form"
    if expected == "string" and got in ("integer", "number", "boolean", "null"):
        hint = f'put the value in quotes, e.g. "{_yaml_repr(err.instance)}", so YAML reads it as text'
    elif expected == "boolean":
        hint = "write true or false"
    elif expected in ("integer", "number") and got == "string":
        hint = "write the number without quotes or units, e.g. 7.5"
    elif expected == "array":
        hint = "write a list: one `- item` per line, or [a, b] on one line"
    return ("schema/type", message, hint, False)


def _yaml_repr(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _explain_enum(err: ValidationError, node_path: NodePath, name: str) -> tuple[str, str, str, bool]:
    options = [str(v) for v in err.validator_value]
    close = difflib.get_close_matches(str(err.instance), options, n=1, cutoff=0.5)
    message = f"`{name}` is `{_short(err.instance)}`, which is not one of the allowed values"
    hint = f"did you mean `{close[0]}`? " if close else ""
    return ("schema/enum", message, hint + "allowed: " + ", ".join(f"`{o}`" for o in options), False)


def _explain_const(err: ValidationError, node_path: NodePath, name: str) -> tuple[str, str, str, bool]:
    return (
        "schema/enum",
        f"`{name}` must be {err.validator_value}",
        f"write `{err.validator_value}` or leave the field out",
        False,
    )


_PATTERN_HINTS = {
    "^https://": (
        "must be a web address starting with https://",
        "use the https:// address of the page (http, javascript: and relative links are not accepted)",
    ),
    "^[0-9]{4}-": ("must be a date written YYYY-MM-DD", "e.g. 2027-01-18"),
    "^[a-z]{2}$": ("must be a two-letter ISO 639-1 language code in lower case", "e.g. en, de, fr, sv"),
    "^[A-Z]{2}$": (
        "must be a two-letter ISO 3166-1 country code in capitals",
        'e.g. SE, DE, FR; quote it if needed: "NO"',
    ),
    "^[A-Z]{3}$": ("must be a three-letter ISO 4217 currency code in capitals", "e.g. EUR, SEK, PLN"),
    "^[0-9]{3,4}$": (
        "must be a 3- or 4-digit ISCED-F 2013 code",
        'quote it so the leading zero is kept, e.g. "0613"',
    ),
    "^[a-z0-9]+(-[a-z0-9]+)*/": (
        "must be a course id: provider-id/course-slug",
        "e.g. nordhavn-university/data-visualisation",
    ),
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        "must be an id in lower-case letters, digits and single hyphens",
        "e.g. 2027-spring or nordhavn-university",
    ),
    "^http://data\\.europa\\.eu/esco/skill/": (
        "must be an ESCO skill URI",
        "http://data.europa.eu/esco/skill/<uuid>, copied from the ESCO portal",
    ),
    "^@": (
        "must be a repository handle such as @name or @org/team",
        'write the handle with its @, in quotes: "@name"',
    ),
    "^[A-Z]{2}[A-Z0-9]": (
        "must be a NUTS region code",
        "e.g. SE232; the first two letters are the country's NUTS code",
    ),
    "^[^@": ("must be an e-mail address", "e.g. courses@provider.example"),
    "^\\+?[0-9]": ("must be a telephone number", "international form, e.g. +46 31 123 45 67"),
}


def _explain_pattern(err: ValidationError, node_path: NodePath, name: str) -> tuple[str, str, str, bool]:
    pattern = str(err.validator_value)
    if pattern == "\\S":
        return ("schema/length", f"`{name}` is blank", "write the text, or remove the field", False)
    if "propertyNames" in err.schema_path:
        return (
            "schema/language-key",
            f"`{name}` has the key `{_short(err.instance)}`, which is not a language code",
            "a text map's keys are two-letter ISO 639-1 codes in lower case, e.g. en, de, sv",
            False,
        )
    for prefix, (what, hint) in _PATTERN_HINTS.items():
        if pattern.startswith(prefix):
            return ("schema/pattern", f"`{name}` is `{_short(err.instance)}`, which {what}", hint, False)
    return (
        "schema/pattern",
        f"`{name}` does not have the expected form",
        f"expected the pattern {pattern}",
        False,
    )


def _explain_bounds(err: ValidationError, node_path: NodePath, name: str) -> tuple[str, str, str, bool]:
    words = {
        "minLength": (
            "is empty" if err.validator_value == 1 else f"is shorter than {err.validator_value} characters",
            "write the text or remove the field",
        ),
        "maxLength": (
            f"is longer than {err.validator_value:,} characters",
            "shorten it; the full text can go in `description` or on your own page",
        ),
        "minItems": (f"needs at least {err.validator_value} item(s)", "add the missing items"),
        "maxItems": (f"has more than {err.validator_value} items", f"keep at most {err.validator_value}"),
        "uniqueItems": ("lists the same item twice", "remove the duplicate"),
        "minimum": (f"is below the minimum of {err.validator_value}", "check the value"),
        "maximum": (f"is above the maximum of {err.validator_value}", "check the value and its unit"),
        "exclusiveMinimum": (f"must be more than {err.validator_value}", "check the value"),
        "minProperties": ("is empty", "fill it in or remove it"),
    }
    what, hint = words.get(str(err.validator), ("is out of range", "check the value"))
    if name == "workload" and err.validator == "minProperties":
        what, hint = "is empty", "give `ects`, `hours`, or both"
    rule = (
        "schema/length"
        if "Length" in str(err.validator)
        else ("schema/items" if "Items" in str(err.validator) else "schema/range")
    )
    return (rule, f"`{name}` {what}", hint, False)


def _explain_generic(err: ValidationError, node_path: NodePath, name: str) -> tuple[str, str, str, bool]:
    got = _TYPE_NAMES.get(_type_name(err.instance), "this")
    if err.validator == "anyOf" and _is_text_schema(err.validator_value):
        return (
            "schema/type",
            f"`{name}` must be text (a string, or a map from language code to string), not {got}",
            "put the text in quotes",
            False,
        )
    if err.validator in ("anyOf", "oneOf"):
        return ("schema/type", f"`{name}` does not have any of the accepted forms", _form_hint(err), False)
    return ("schema/invalid", f"`{name}`: {err.message}", "see the format reference for this field", False)


def _is_text_schema(branches: list[dict[str, Any]]) -> bool:
    return [b.get("type") for b in branches] == ["string", "object"]


def _form_hint(err: ValidationError) -> str:
    described = err.schema.get("description")
    return described or "see the format reference for this field"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_EXPLAINERS = {
    "additionalProperties": _explain_additional,
    "required": _explain_required,
    "type": _explain_type,
    "enum": _explain_enum,
    "const": _explain_const,
    "pattern": _explain_pattern,
    **dict.fromkeys(
        (
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "uniqueItems",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "minProperties",
        ),
        _explain_bounds,
    ),
}
