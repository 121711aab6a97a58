"""The format reference and the rule list as Markdown, generated from the JSON Schemas and
the rule table at build time: one source of truth, never copied by hand."""

from __future__ import annotations

from typing import Any

from generator.rule_ids import RULES, Family
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


def rules_reference() -> str:
    lines = [
        "# Quality rules",
        "",
        "Every problem the validator reports names one of these rules. Errors block a pull request; "
        "warnings are advice and block only with `--strict`.",
        "",
        "| rule | severity | what it checks |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{rule}` | {info.severity.value} | {_cell(info.checks)} |"
        for rule, info in RULES.items()
        if info.family is not Family.PULL_REQUEST
    ]
    return "\n".join(lines) + "\n"
