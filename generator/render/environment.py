"""The one Jinja environment that turns catalogue data into HTML.

Autoescape is on and cannot be turned off per template; provider text is only ever a
*value* given to a template, never a template. Markdown goes through ``markdown.to_html``
(escape, convert, nh3), URLs through ``safe_href`` (https, and mailto for e-mail), and
JSON-LD through ``tojson`` (which escapes ``<``, ``>`` and ``&``, so ``</script>`` in a
text cannot end the script element).

The plain-text helpers (money, country and language names, code labels) are shared with
the feeds and search and live in ``generator/display.py``; this module registers them as
filters and globals beside its own HTML helpers. Templates spell no address of the site:
``course_url``, ``provider_url``, ``listing_url`` and the other helpers registered here come
from ``generator/addresses.py`` (a template prefixes them with ``root``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator import addresses
from generator import vocabularies as vocab
from generator.display import (
    country_name,
    iso,
    label,
    language_name,
    local_money,
    long_date,
    money,
    number,
    region_name,
)
from generator.model import Text
from generator.render.markdown import to_html

_UNSAFE_IN_URL = re.compile(r"[\"'<>\\ \t\r\n]")


def safe_href(url: str | None) -> str | None:
    """The URL if a browser may follow it from our pages: https only."""
    if url and url.startswith("https://") and not _UNSAFE_IN_URL.search(url):
        return url
    return None


def mailto(email: str | None) -> str | None:
    if email and "@" in email and not any(c in email for c in "\"'<>\\ :/?#\t\r\n"):
        return f"mailto:{email}"
    return None


def markdown(text: str | None) -> Markup:
    return Markup(to_html(text)) if text else Markup("")


def esco_href(uri: str) -> str | None:
    """ESCO URIs are http; the same resource is served over https."""
    return (
        safe_href("https://" + uri.removeprefix("http://"))
        if uri.startswith("http://data.europa.eu/esco/")
        else None
    )


def variants(text: Text | None, default: str) -> list[tuple[str, str]]:
    """(language, text) pairs with the page's default language first."""
    if text is None:
        return []
    return sorted(text.values, key=lambda item: (item[0] != default, item[0]))


def text(value: Text | None, lang: str, tag: str = "span", cls: str = "") -> Markup:
    """A text in its languages, each element with its ``lang``; with several languages each
    variant is marked for the language switch (all stay visible without JavaScript)."""
    if value is None:
        return Markup("")
    if len(value.values) == 1:  # the common case, without the language switch's markers
        code, words = value.values[0]
        classes = f' class="{escape(cls)}"' if cls else ""
        return Markup(f'<{tag} lang="{escape(code)}"{classes}>{escape(words)}</{tag}>')
    all_variants = variants(value, lang)
    several = len(all_variants) > 1
    classes = " ".join(c for c in ("ml" if several else "", cls) if c)
    out = []
    for code, words in all_variants:
        attributes = f' lang="{escape(code)}"' + (f' data-ml="{escape(code)}"' if several else "")
        attributes += f' class="{escape(classes)}"' if classes else ""
        out.append(f"<{tag}{attributes}>{escape(words)}</{tag}>")
    return Markup("\n".join(out))


def markdown_text(value: Text | None, lang: str) -> Markup:
    if value is None:
        return Markup("")
    all_variants = variants(value, lang)
    marker = ' class="ml" data-ml="{}"' if len(all_variants) > 1 else ""
    return Markup(
        "\n".join(
            f'<div lang="{escape(code)}"{marker.format(escape(code))}>{markdown(words)}</div>'
            for code, words in all_variants
        )
    )


def link(url: str | None, label: str) -> Markup:
    """The label as a link when the URL is safe to follow, else as plain text."""
    href = safe_href(url)
    if href is None:
        return escape(label)
    return Markup(f'<a href="{escape(href)}" rel="nofollow noopener">{escape(label)}</a>')


def in_lang(value: Text, lang: str | None = None) -> str:
    return value.get(lang)


def create(templates: Path) -> Environment:
    """The one autoescaping environment, over the site project's templates folder."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # templates do not change during a build; not checking saves a stat per render
    )
    # Helpers are filters rather than globals where the templates are hot: Jinja calls a filter
    # directly but a global or a method through its runtime's checks, several times slower.
    env.filters.update(
        safe_href=safe_href,
        mailto=mailto,
        markdown=markdown,
        language_name=language_name,
        country_name=country_name,
        region_name=region_name,
        money=money,
        local_money=local_money,
        iso=iso,
        long_date=long_date,
        number=number,
        esco_href=esco_href,
        text=text,
        markdown_text=markdown_text,
        label=_label_filter,
        link=link,
        in_lang=in_lang,
        course_url=addresses.course_page,
        provider_url=addresses.provider_page,
        listing_url=_listing_url,
    )
    env.globals.update(
        variants=variants,
        label=label,
        text=text,
        markdown_text=markdown_text,
        eqf=vocab.eqf_levels(),
        qf_ehea=vocab.qf_ehea_cycles(),
        search_url=addresses.search_page(),
        providers_url=addresses.providers_page(),
        doc_url=addresses.doc_page,
        asset_url=addresses.asset,
        search_bundle_url=addresses.search_bundle(),
        search_tables_url=addresses.search_tables(),
        search_manifest_url=addresses.search_tables_manifest(),
    )
    return env


def _label_filter(code: str | None, kind: str) -> str:
    return label(kind, code)


def _listing_url(kind: addresses.ListingKind, value: str | None = None) -> str:
    """``kind | listing_url``: the index of a kind of listing; ``kind | listing_url(value)``:
    the first page of one value's courses."""
    return addresses.listing_index(kind) if value is None else addresses.listing_page(kind, value)


def render(env: Environment, template: str, **values: Any) -> str:
    return env.get_template(template).render(**values)
