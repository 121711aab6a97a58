"""The link report: JSON for programs, a page of the site for providers, a line for the log."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from generator import addresses
from generator.links.collect import Use
from generator.links.run import Run
from generator.render import pages
from generator.render.environment import render
from generator.writer import Writer

PATH = addresses.links_report_page()  # depth 2: the publisher has page shells for depths 2 and 3


def build(run: Run, targets: dict[str, list[Use]], now: datetime) -> dict[str, Any]:
    """Broken and failing-once links per provider, each with every place it is used."""
    providers: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for url, uses in targets.items():
        record = run.records.get(url)
        if record is None or record.ok:
            continue
        kind = "broken" if record.broken else "failing_once"
        entry = {
            "url": url,
            "status": record.status,
            "error": record.error,
            "since": record.failing_since,
            "failed_runs": record.failed_runs,
        }
        for provider in sorted({u.provider for u in uses}):
            used = [{"course": u.course, "field": u.field} for u in uses if u.provider == provider]
            providers.setdefault(provider, {"broken": [], "failing_once": []})[kind].append(
                {**entry, "used_in": used}
            )
    counts = {
        "links": len(targets),
        "fetched": run.fetched,
        "from_cache": run.cached,
        "broken": sum(len(p["broken"]) for p in providers.values()),
        "failing_once": sum(len(p["failing_once"]) for p in providers.values()),
    }
    return {
        "generated": now.isoformat(timespec="seconds"),
        "counts": counts,
        "providers": dict(sorted(providers.items())),
    }


def write(path: Path, report: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    Writer(path.parent).replace(path.name, text)


def summary(report: dict[str, Any]) -> str:
    c = report["counts"]
    return (
        f"{c['links']} links ({c['fetched']} fetched, {c['from_cache']} from the cache): "
        f"{c['broken']} broken, {c['failing_once']} failing once"
    )


def read(path: Path) -> dict[str, Any] | None:
    """A report written by `catalogue links`; None when missing or unreadable."""
    try:
        report = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) and isinstance(report.get("providers"), dict) else None


def page(site: pages.Site, report: dict[str, Any]) -> pages.Page:
    """/links/: broken links per provider, for providers to fix (names from the catalogue, escaped)."""
    title = "Link health"
    description = "Links in the catalogue that failed on two separate checks, by provider."
    providers = [
        (site.catalogue.providers.get(pid), pid, found) for pid, found in report["providers"].items()
    ]
    body = render(
        site.env,
        "links.html",
        root=addresses.relative_root(PATH),
        title=title,
        report=report,
        providers=providers,
    )
    return pages.Page(
        PATH, title, description, body, pages.page_head(site, PATH, title, description, noindex=True)
    )
