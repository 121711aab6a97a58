"""Names that look alike: how a new provider could pass for an existing one.

A reader cannot tell "Nordhavn University" from "Nordhаvn University" with a Cyrillic "а",
nor `nordhavn-university` from `nordhavn-universlty` at a glance. ``skeleton`` reduces a
name to what a reader sees (the idea of Unicode's confusable skeletons, UTS #39, for the
scripts of the EU's languages: compatibility forms folded, case and accents dropped, Greek
and Cyrillic letters that look Latin read as Latin, digits that look like letters read as
letters); ``close`` adds small spelling differences.
"""

from __future__ import annotations

import unicodedata

# Greek and Cyrillic letters drawn like Latin ones (lower case, after casefold), from the
# confusables data of UTS #39; and digits and letters that are mistaken for each other.
_LOOKS_LATIN = str.maketrans(
    {
        **dict.fromkeys("аɑα", "a"),
        **dict.fromkeys("ьвβ", "b"),
        **dict.fromkeys("сϲς", "c"),
        **dict.fromkeys("ԁ", "d"),
        **dict.fromkeys("еєε", "e"),
        **dict.fromkeys("ɡ", "g"),
        **dict.fromkeys("һ", "h"),
        **dict.fromkeys("іїιíìɩ1|ӏ", "l"),
        **dict.fromkeys("ј", "j"),
        **dict.fromkeys("кκ", "k"),
        **dict.fromkeys("м", "m"),
        **dict.fromkeys("пη", "n"),
        **dict.fromkeys("оοσ0ӧ", "o"),
        **dict.fromkeys("рρ", "p"),
        **dict.fromkeys("ԛ", "q"),
        **dict.fromkeys("ѕ5", "s"),
        **dict.fromkeys("тτ", "t"),
        **dict.fromkeys("υ", "u"),
        **dict.fromkeys("νѵ", "v"),
        **dict.fromkeys("ԝω", "w"),
        **dict.fromkeys("хχ", "x"),
        **dict.fromkeys("уγ", "y"),
        **dict.fromkeys("ᴢ", "z"),
        # Latin letters read as others: "i" and "l" (and "1", "I", "|" above) are one.
        "i": "l",
        "I": "l",
    }
)


def skeleton(text: str) -> str:
    """What a reader sees of a name: two names with one skeleton are easily taken for each other."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    seen = bare.translate(_LOOKS_LATIN).replace("rn", "m").replace("vv", "w")
    return "".join(c for c in seen if c.isalnum())


def mixed_scripts(text: str) -> bool:
    """True when one word mixes Latin letters with Greek or Cyrillic ones: no real name does."""
    for word in text.split():
        scripts = {_script(c) for c in word if c.isalpha()}
        if "LATIN" in scripts and scripts & {"GREEK", "CYRILLIC"}:
            return True
    return False


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def close(a: str, b: str, limit: int = 2) -> bool:
    """True when ``a`` and ``b`` differ by at most ``limit`` edits (insert, delete, replace or
    swap two neighbours), for names long enough that such a difference is easily missed."""
    if a == b or min(len(a), len(b)) < 3 * limit + 2 or abs(len(a) - len(b)) > limit:
        return a == b
    return _distance(a, b, limit) <= limit


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, only within ``limit`` of the diagonal."""
    far = limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [far] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = a[i - 1] != b[j - 1]
            best = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return far
        before, row = row, current
    return row[len(b)]
