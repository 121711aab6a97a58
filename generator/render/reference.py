"""The format reference and the rule list as Markdown, generated from the JSON Schemas and
the rule table at build time: one source of truth, never copied by hand."""

from __future__ import annotations

from typing import Any

from generator.rule_ids import Family, of_family
from generator.validation.schema import load_schema

SCHEMA_LINKS = {"provider": "provider.yaml", "course": "courses/<slug>.yaml"}


def format_reference() -> str:
    parts = [
        "# Format reference",
        "",
        "Generated from the JSON Schemas that the validator uses. Each field's title and description "
        "are also shown by editors that read the `# yaml-language-server: $schema=...` line "
        "at the top of a file.",
        "",
    ]
    for kind in ("provider", "course"):
        schema = load_schema(kind)
        parts += [f"## {schema['title']}", "", schema["description"], ""]
        parts += _table(schema, schema.get("$defs", {}), "")
    return "\n".join(parts) + "\n"


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return {
            **_resolve(defs[node["$ref"].rsplit("/", 1)[-1]], defs),
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node


def _table(schema: dict[str, Any], defs: dict[str, Any], prefix: str) -> list[str]:
    rows = ["| field | required | type | meaning |", "|---|---|---|---|"]
    nested: list[tuple[str, dict[str, Any]]] = []
    required = set(schema.get("required", []))
    for name, raw in schema.get("properties", {}).items():
        prop = _resolve(raw, defs)
        required_cell = "yes" if name in required else "no"
        rows.append(
            f"| `{prefix}{name}` | {required_cell} | {_type(prop, defs)} "
            f"| {_cell(prop.get('description', ''))} |"
        )
        item = _resolve(prop.get("items", {}), defs) if prop.get("type") == "array" else prop
        if item.get("type") == "object" and item.get("properties"):
            nested.append((f"{prefix}{name}{'[]' if item is not prop else ''}.", item))
    lines = [*rows, ""]
    for child_prefix, child in nested:
        lines += [f"### `{child_prefix.rstrip('.')}`", "", *_table(child, defs, child_prefix)]
    return lines


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    if "anyOf" in prop:
        kinds = [_resolve(branch, defs).get("type", "") for branch in prop["anyOf"]]
        return (
            "text (string or language map)"
            if kinds == ["string", "object"]
            else " or ".join(k or "text" for k in kinds)
        )
    kind = str(prop.get("type", ""))
    if kind == "array":
        return f"list of {_type(_resolve(prop.get('items', {}), defs), defs)}"
    if "pattern" in prop:
        return f"{kind} matching `{prop['pattern']}`"
    return kind


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# Each family of rules on the rules page: its heading, and when its checks run.
FAMILY_SECTIONS: dict[Family, tuple[str, str]] = {
    Family.FILE: (
        "Checks of one file",
        "Each provider and course file is checked on its own by `catalogue validate`, by every build "
        "of the site and in every pull request: that it can be read, that it follows the JSON Schemas, "
        "and the rules of the format that a schema cannot express.",
    ),
    Family.CATALOGUE: (
        "Checks across the catalogue",
        "They run at the same times, on the whole catalogue: where files are, and what one file says "
        "about another (references, stacking, titles). Even when you check a single file, the "
        "catalogue around it is loaded for them.",
    ),
    Family.PULL_REQUEST: (
        "Checks of a pull request against its base",
        "They run only in a pull request check (`catalogue validate --base REF`), which compares the "
        "pull request with the branch it would be merged into; checking files and building the site "
        "never report them. [Your pull request, step by step]"
        "(../for-providers/pull-request.md#4-the-messages-and-what-to-do) explains each one.",
    ),
}


def rules_reference() -> str:
    lines = [
        "# Quality rules",
        "",
        "Every problem the checks report names one of these rules. Errors block a pull request; "
        "warnings are advice and block only with `--strict`.",
    ]
    for family in Family:
        heading, when = FAMILY_SECTIONS[family]
        lines += ["", f"## {heading}", "", when, "", "| rule | severity | what it checks |", "|---|---|---|"]
        lines += [
            f"| `{rule}` | {info.severity.value} | {_cell(info.checks)} |"
            for rule, info in of_family(family).items()
        ]
    return "\n".join(lines) + "\n"
