"""The fast Markdown path gives the same sanitised HTML as Python-Markdown, or steps aside."""

from __future__ import annotations

import random

import pytest
from bs4 import BeautifulSoup
from conftest import SAMPLE, TODAY

from generator import model
from generator.layout import Selection
from generator.render import markdown as md
from generator.validation import check

# Pieces of text in the plain subset and around its edges (what sends a text to Python-Markdown).
PLAIN = [
    "text",
    "more words",
    "*em*",
    "**strong**",
    "`code`",
    "`a > b`",
    "[link\ntext](https://e.example/x?a=1&b=2)",
    "[l](mailto:x@y.example)",
    "end.",
    "(*p*)",
    "*a b*,",
    "*a\nb*",
    '"q"',
    "'s",
    "é",
    "日本",
    "–",
    "3",
    ">",
    "#",
    "a\u00a0b",
    "(",
    ")",
    "!",
    "?",
    ":",
    ";",
    "/",
    "%",
    "+",
    "-",
    "*ä*",
    "**ü ö**",
]
EDGES = [
    "a*b",
    "*x*y",
    "y*x*",
    "***x***",
    "_u_",
    "snake_case",
    "\\*",
    "`a&b`",
    "``",
    "` ``c`",
    "![i](https://e.example/)",
    "[r]",
    "[a](http://e.example/)",
    "[a](javascript:alert(1))",
    "<b>",
    "&copy;",
    "\t",
    "\r",
    "\u3000",
    "  \n",
    "1. ",
    "* ",
    "+ ",
    "- - x",
    "\n    code",
    "\n\n- a\n\n- b",
]


def python_markdown(source: str) -> str:
    return md.clean(md.python_markdown(source.replace("&", "&amp;").replace("<", "&lt;")))


def texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        blocks = []
        for _ in range(rng.randint(1, 4)):
            pieces = PLAIN + (EDGES if rng.random() < 0.2 else [])
            if rng.random() < 0.3:
                blocks.append(
                    "\n".join(
                        "- " + " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
                        for _ in range(rng.randint(1, 4))
                    )
                )
            else:
                blocks.append(
                    "".join(
                        rng.choice(pieces) + rng.choice([" ", " ", "\n", ""])
                        for _ in range(rng.randint(1, 12))
                    ).strip()
                )
        out.append(rng.choice(["\n\n", "\n\n\n", "\n \n"]).join(blocks))
    return out


def sample_descriptions() -> list[str]:
    catalogue = model.build(check(Selection(SAMPLE, None), today=TODAY, keep=True))
    found = [c.description for c in catalogue.courses.values()] + [
        p.description for p in catalogue.providers.values()
    ]
    return [text for d in found if d for _, text in d.values]


def test_the_fast_path_agrees_with_python_markdown(blns: list[str]) -> None:
    corpus = sample_descriptions() + blns + texts(seed=1, count=4000)
    fast = 0
    for source in corpus:
        assert md.to_html(source) == python_markdown(source), repr(source)
        fast += md._plain(source.replace("&", "&amp;").replace("<", "&lt;")) is not None
    assert fast > len(corpus) // 4  # the comparison means something only if the fast path takes part


def test_the_sample_catalogue_mostly_takes_the_fast_path() -> None:
    descriptions = sample_descriptions()
    fast = [d for d in descriptions if md._plain(d.replace("&", "&amp;").replace("<", "&lt;")) is not None]
    assert len(fast) >= 0.9 * len(descriptions)


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "<script>alert(1)</script>",
        '[x](https://e.example/" onclick="y)',
        "*<img src=x onerror=y>*",
        "`</code><script>`",
    ],
)
def test_payloads_stay_text_on_either_path(source: str) -> None:
    html = md.to_html(source)
    elements = BeautifulSoup(html, "html.parser").find_all(True)
    assert {e.name for e in elements} <= md.ALLOWED_TAGS
    assert all(
        set(e.attrs) <= {"href", "rel"} and e.get("href", "https:").startswith("https:") for e in elements
    )
    assert html == python_markdown(source)


def _visible(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


@pytest.mark.parametrize(
    "source",
    [
        'See [the page](https://x.example/a "t" and the rest (here) of the text "q") end.',
        'See [the page](https://x.example/a "t and the rest (here) of the text) end.',
        'See [the page](https://x.example/a"b ' + "and a long paragraph after it. " * 100 + ") end.",
        "See [the page](https://x.example/it's) and the rest of the text.",
    ],
)
def test_a_malformed_link_loses_no_text(source: str) -> None:
    """An address with a quote or a space is not a link: the text stays visible, as written,
    instead of disappearing into an attribute."""
    html = md.to_html(source)
    assert _visible(html).strip() == source
    assert "title=" not in html and "<a" not in html


def test_a_well_formed_link_is_still_a_link_with_emphasis_inside() -> None:
    html = md.to_html("See [*the* page](https://x.example/a?b=1&c=2) and [us](mailto:a@b.example).")
    links = BeautifulSoup(html, "html.parser").find_all("a")
    assert [a["href"] for a in links] == ["https://x.example/a?b=1&c=2", "mailto:a@b.example"]
    assert links[0].em is not None and _visible(html) == "See the page and us."
