"""The checks across the files of a catalogue: references resolve, stacking has no cycle,
titles are not repeated.

Per-file validation distils each course into ``CourseFacts`` (a few strings and marks), so
these checks need no document kept in memory, however large the catalogue. Their ids are in
``generator/rule_ids.py`` (family ``CATALOGUE``), each with a failing example under
``tests/cases/invalid/<rule-id>/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.loading import Document, Mark, NodePath, load_file
from generator.problems import Problem, error, warning
from generator.validation.file_rules import normalise, text_variants

# The rule a reference to a missing course, or to the course itself, breaks (by its kind).
_REFERENCE_RULES = {"stacks_into": "ref/stacks-into", "replaced_by": "ref/replaced-by"}


@dataclass(frozen=True, slots=True)
class Reference:
    kind: str  # "stacks_into", "replaced_by" or "awarding_body"
    target: str
    node: NodePath


@dataclass(slots=True)
class CourseFacts:
    """What the cross-file checks need of one course. Node paths, not line marks: marks are
    found (by reading the file again) only for the rare course that has a problem."""

    course_id: str
    display: str
    source: Path
    withdrawn: bool = False
    titles: list[tuple[str, NodePath]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def mark(self, node: NodePath) -> Mark:
        return _marks_of(self.source, self.display).mark(node)


@lru_cache(maxsize=256)
def _marks_of(source: Path, display: str) -> Document:
    return load_file(source, display)


def course_facts(course_id: str, doc: Document) -> CourseFacts:
    data = doc.data
    facts = CourseFacts(course_id, doc.display, doc.path, withdrawn=data.get("status") == "withdrawn")
    for language, title in text_variants(data["title"]):
        facts.titles.append((normalise(title), ("title",) if language is None else ("title", language)))
    for index, item in enumerate((data.get("stackability") or {}).get("stacks_into") or []):
        if "course" in item:
            facts.references.append(
                Reference("stacks_into", item["course"], ("stackability", "stacks_into", index, "course"))
            )
    replaced_by = (data.get("withdrawn") or {}).get("replaced_by")
    if replaced_by:
        facts.references.append(Reference("replaced_by", replaced_by, ("withdrawn", "replaced_by")))
    for index, body in enumerate((data.get("credential") or {}).get("awarding_bodies") or []):
        if isinstance(body, str):
            facts.references.append(
                Reference("awarding_body", body, ("credential", "awarding_bodies", index))
            )
    return facts


def check_catalogue(
    facts: list[CourseFacts], course_ids: set[str], provider_ids: set[str]
) -> Iterator[Problem]:
    _marks_of.cache_clear()  # files may have changed since the last check (mkdocs serve)
    by_id = {f.course_id: f for f in facts}
    for course in facts:
        yield from _references(course, by_id, course_ids, provider_ids)
    yield from _stacking_cycles(facts)
    yield from _duplicate_titles(facts)


def _references(
    course: CourseFacts, by_id: dict[str, CourseFacts], course_ids: set[str], provider_ids: set[str]
) -> Iterator[Problem]:
    for ref in course.references:
        if ref.kind == "awarding_body":
            if ref.target not in provider_ids:
                yield error(
                    course.display,
                    course.mark(ref.node),
                    "ref/awarding-body",
                    f"the awarding body `{ref.target}` is not a provider in this catalogue",
                    "use the id of a provider folder, or describe the body as {name, country, url}",
                )
            continue
        if ref.target == course.course_id:
            what = "stack into itself" if ref.kind == "stacks_into" else "be replaced by itself"
            yield error(
                course.display,
                course.mark(ref.node),
                _REFERENCE_RULES[ref.kind],
                f"the course cannot {what}",
                "name another course",
            )
        elif ref.target not in course_ids:
            yield error(
                course.display,
                course.mark(ref.node),
                _REFERENCE_RULES[ref.kind],
                f"there is no course `{ref.target}` in this catalogue",
                "check the spelling: provider-id/course-slug, "
                "as in the path catalogue/<provider-id>/courses/<course-slug>.yaml",
            )
        elif ref.kind == "replaced_by" and by_id.get(ref.target) and by_id[ref.target].withdrawn:
            yield warning(
                course.display,
                course.mark(ref.node),
                "ref/replaced-by-withdrawn",
                f"the replacement `{ref.target}` is itself withdrawn",
                "point to the course that learners can take now",
            )


def _stacking_cycles(facts: list[CourseFacts]) -> Iterator[Problem]:
    """Report each cycle of stacks_into links at every link of it: whichever file a pull
    request changed, its own check shows the problem."""
    edges = {
        f.course_id: sorted(
            {r.target for r in f.references if r.kind == "stacks_into" and r.target != f.course_id}
        )
        for f in facts
    }
    by_id = {f.course_id: f for f in facts}
    reported: set[frozenset[str]] = set()
    for cycle in _find_cycles(edges):
        members = frozenset(cycle)
        if members in reported:
            continue
        reported.add(members)
        for position, member in enumerate(cycle):
            following = cycle[(position + 1) % len(cycle)]
            course = by_id[member]
            mark = course.mark(
                next(r.node for r in course.references if r.kind == "stacks_into" and r.target == following)
            )
            loop = " → ".join(cycle[position:] + cycle[:position] + [member])
            yield error(
                course.display,
                mark,
                "ref/stack-cycle",
                f"stacking goes round in a circle: {loop}",
                "a course stacks into a larger one; remove one of these links",
            )


def _find_cycles(edges: dict[str, list[str]]) -> Iterator[list[str]]:
    """Depth-first search with an explicit stack (no recursion limit on long chains)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in sorted(edges):
        if state.get(root):
            continue
        path: list[str] = [root]
        iterators = [iter(edges.get(root, []))]
        state[root] = 1
        while iterators:
            nxt = next(iterators[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iterators.pop()
            elif state.get(nxt) == 1:
                yield path[path.index(nxt) :]
            elif not state.get(nxt) and nxt in edges:
                state[nxt] = 1
                path.append(nxt)
                iterators.append(iter(edges[nxt]))


def _duplicate_titles(facts: list[CourseFacts]) -> Iterator[Problem]:
    """Every course of a group with one title gets the problem, naming a few of the others.

    The list is capped, so a pull request of 10,000 copies costs 10,000 short problems,
    not 10,000 × 10,000 names.
    """
    holders: dict[tuple[str, str], dict[str, tuple[CourseFacts, NodePath]]] = {}
    for course in sorted(facts, key=lambda f: f.course_id):
        provider = course.course_id.split("/")[0]
        for title, node in course.titles:
            holders.setdefault((provider, title), {}).setdefault(course.course_id, (course, node))
    for group in holders.values():
        if len(group) < 2:
            continue
        first = list(group)[: NAMED + 1]
        for course, node in group.values():
            others = [course_id for course_id in first if course_id != course.course_id]
            yield error(
                course.display,
                course.mark(node),
                "title/duplicate",
                f"{_named(others[:NAMED], len(group) - 1)} of the same provider "
                f"{'has' if len(group) == 2 else 'have'} the same title",
                "give each course a title that tells it apart, e.g. add the level or the audience",
            )


NAMED = 3  # other courses named in a problem; the rest are counted


def _named(ids: list[str], total: int) -> str:
    names = ", ".join(f"`{course_id}`" for course_id in ids)
    more = total - len(ids)
    if more:
        return f"the courses {names} and {more:,} more"
    return f"the course {names}" if total == 1 else f"the courses {names}"
