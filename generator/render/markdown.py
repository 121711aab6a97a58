"""Markdown fields → safe HTML: Python-Markdown for the syntax, nh3 for the guarantee.

Raw HTML is not part of the format, so ``<`` is escaped before Markdown sees it (a
provider's ``<b>`` shows as text); nh3 then cleans the result against a small allow-list,
so nothing but the format's subset (paragraphs, lists, emphasis, https links, inline code)
can reach a page even if Markdown had a bug.

Most descriptions use only plain paragraphs, one bulleted list, ``*emphasis*``, ``[links](https://…)``
and ``code``. Those are converted by ``_plain``, five times faster than Python-Markdown and to the
same HTML (a test compares the two on thousands of texts); anything else, or anything in doubt,
goes to Python-Markdown. Both paths end in nh3, so the fast one cannot weaken the guarantee.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor

ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "code", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"https", "mailto"}

# Only the format's subset is parsed: what is not in it (headings, images, raw HTML, quotes,
# code blocks) stays text. Fewer processors also make conversion about twice as fast.
_UNUSED = {
    "inlinePatterns": (
        "image_link",
        "image_reference",
        "short_image_ref",
        "reference",
        "short_reference",
        "autolink",
        "automail",
        "html",
        "entity",
    ),
    "blockprocessors": ("code", "hashheader", "setextheader", "hr", "quote", "reference"),
    "preprocessors": ("html_block",),
    "postprocessors": ("raw_html",),
}


# A link is `[text](address)` with an https or mailto address that has no space, quote,
# backtick, backslash or bracket, and no title. Python-Markdown's own link syntax is much
# looser: an address with a quote or a space starts a title, or runs on to a later ")",
# and the text in between disappears into an attribute nobody sees. Anything else that
# looks like a link is shown exactly as written (the validator warns about it).
LINK_ADDRESS = r"(?:https://|mailto:)[^\s()<>\"'`\\\[\]]+"
_LINK = r"\[([^\[\]]+)\]\((" + LINK_ADDRESS + r")\)"


class _StrictLink(InlineProcessor):
    def handleMatch(  # type: ignore[override]  # Python-Markdown's stubs allow a None result
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        element = etree.Element("a")
        element.set("href", m.group(2))
        element.text = m.group(1)  # emphasis and code inside the label are still parsed
        return element, m.start(0), m.end(0)


def _make_converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=[], output_format="html")
    for registry, names in _UNUSED.items():
        found = (
            converter.parser.blockprocessors
            if registry == "blockprocessors"
            else getattr(converter, registry)
        )
        for name in names:
            found.deregister(name)
    converter.inlinePatterns.register(_StrictLink(_LINK, converter), "link", 160)
    return converter


_converter = _make_converter()


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="nofollow ugc noopener",
    strip_comments=True,
)


def to_html(source: str) -> str:
    """Sanitised HTML for one Markdown text."""
    escaped = source.replace("&", "&amp;").replace("<", "&lt;")
    html = _plain(escaped)
    if html is None:
        html = python_markdown(escaped)
    return clean(html)


def python_markdown(escaped: str) -> str:
    """Python-Markdown's HTML for an already escaped text (not yet sanitised)."""
    _converter.reset()
    return _converter.convert(escaped)


def clean(html: str) -> str:
    return _cleaner.clean(html)


# The plain subset. A block is a paragraph, or a tight list whose every line is "- item";
# inline, outside code spans and links, only flanked single-word-boundary emphasis.
# Characters whose meaning depends on Python-Markdown's finer rules send a text to it.
_DOUBTFUL = re.compile(r"[\t\r\x02\x03\\_\[\]*`]")
_LIST_ITEM = re.compile(r"- (?![*+-] |\d+\. )(\S.*)")
_LIST_LIKE = re.compile(r"[*+-] |\d+\. |[*+-]$|\d+\.$")
_INLINE = re.compile(
    r"(?<!`)`([^`\n&]+)`(?!`)"  # code: no backtick, no entity (Python-Markdown would escape it twice)
    r"|(?<!!)\[([^\[\]`*_\\]+)\]\(((?:https://|mailto:)[^\s()<>\"'`\\*\[\]]+)\)"  # a link with plain text
    r"|(?<![^\s(])(\*\*?)([^\W_](?:[^*`\[\]_\\]*[^\W_])?)\4(?![^\s.,;:!?)])"  # *em* or **strong**
)
_TAGS = {"*": "em", "**": "strong"}


def _plain(text: str) -> str | None:
    """HTML for a text in the plain subset, or None when Python-Markdown must decide."""
    html = []
    previous_list = False
    for block in re.split(r"\n(?:[ ]*\n)+", text.strip("\n")):
        lines = block.split("\n")
        if any(line != line.strip() or not line for line in lines):
            return None  # indents, hard line breaks, odd whitespace
        if lines[0].startswith("- "):
            items = [_LIST_ITEM.fullmatch(line) for line in lines]
            if previous_list or not all(items):
                return None  # lazy or nested items; two lists in a row make a loose list
            inline = [_inline(item.group(1)) for item in items if item]
            if None in inline:
                return None
            html.append("<ul>\n" + "\n".join(f"<li>{item}</li>" for item in inline) + "\n</ul>")
            previous_list = True
            continue
        if any(_LIST_LIKE.match(line) for line in lines):
            return None
        paragraph = _inline(block)
        if paragraph is None:
            return None
        html.append(f"<p>{paragraph}</p>")
        previous_list = False
    return "\n".join(html)


def _inline(text: str) -> str | None:
    out = []
    at = 0
    for match in _INLINE.finditer(text):
        between = text[at : match.start()]
        if _DOUBTFUL.search(between):
            return None
        out.append(between)
        code, label, href, mark, emphasised = match.groups()
        if code is not None:
            out.append(f"<code>{code.strip()}</code>")
        elif label is not None:
            out.append(f'<a href="{href}">{label}</a>')
        else:
            out.append(f"<{_TAGS[mark]}>{emphasised}</{_TAGS[mark]}>")
        at = match.end()
    rest = text[at:]
    if _DOUBTFUL.search(rest):
        return None
    out.append(rest)
    return "".join(out)
