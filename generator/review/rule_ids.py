"""Rule ids of the pull-request checks (`catalogue validate --base REF`).

They are a family of their own, apart from ``generator.rule_ids``: they compare
two versions of the repository, so a single file under ``tests/cases/invalid/`` cannot
show them. Each has a simulated pull request in ``tests/test_review.py`` instead, and a
test there checks that every id used in ``generator/review/`` is in this table and has one.
"""

from __future__ import annotations

from generator.problems import Severity

E, W = Severity.ERROR, Severity.WARNING

PR_RULES: dict[str, tuple[Severity, str]] = {
    "pr/deleted": (E, "a published provider or course file was deleted (withdraw the course instead)"),
    "pr/renamed": (
        E,
        "a published provider or course file was renamed or moved, which changes its permanent id",
    ),
    "pr/maintainers": (E, "a provider's maintainers changed together with other changes"),
    "pr/several-providers": (W, "the pull request changes more than one provider folder"),
    "pr/outside-catalogue": (
        W,
        "a pull request that changes catalogue files also changes files outside the catalogue",
    ),
}
