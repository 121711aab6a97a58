"""Markdown fields → safe HTML: Python-Markdown for the syntax, nh3 for the guarantee.

Raw HTML is not part of the format, so ``<`` is escaped before Markdown sees it (a
provider's ``<b>`` shows as text); nh3 then cleans the result against a small allow-list,
so nothing but the format's subset (paragraphs, lists, emphasis, https links, inline code)
can reach a page even if Markdown had a bug.
"""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "code", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"https", "mailto"}

_converter = markdown.Markdown(extensions=[], output_format="html")


def to_html(source: str) -> str:
    """Sanitised HTML for one Markdown text."""
    _converter.reset()
    html = _converter.convert(source.replace("&", "&amp;").replace("<", "&lt;"))
    return clean(html)


def clean(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="nofollow ugc noopener", strip_comments=True)
