"""A provider's preview: only their own course and provider pages, so checking one course
does not wait for the whole catalogue's pages and feeds.

`catalogue preview PROVIDER` runs `mkdocs serve` (live reload) with the plugin's
``provider`` option set; the plugin asks this module which files to report on and which
part of the catalogue to render. The one validator checks the provider's files in focus:
every provider file and the provider's own course files are read, other courses take part
by their ids (references to them resolve), so the wait does not grow with the catalogue.
Only the provider's own problems can stop the preview; what needs other courses' contents
is checked by the pull request's full check.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from generator import model
from generator.layout import Selection, select
from generator.validation import CheckResult


def selection(root: Path, provider: str) -> Selection:
    """The whole catalogue, or (for a preview) the catalogue reporting on one provider's files."""
    return Selection(root, None) if not provider else select(root / provider)


def catalogue(result: CheckResult, provider: str) -> model.Catalogue:
    """The model to render: everything, or one provider and its courses."""
    if not provider:
        return model.build(result)
    prefix = provider + "/"
    mine = CheckResult(
        result.root,
        result.problems,
        result.files,
        result.providers,
        {cid: data for cid, data in result.courses.items() if cid.startswith(prefix)},
        result.paths,
    )
    built = model.build(mine)  # every provider stays in the model: awarding bodies may name them
    return replace(
        built, providers=MappingProxyType({pid: p for pid, p in built.providers.items() if pid == provider})
    )


def command(config: Path, root: Path, provider: str, address: str) -> tuple[list[str], dict[str, str]]:
    """The `mkdocs serve` command line and the environment variables that make it a preview."""
    import sys

    env = {
        "CATALOGUE_DIR": str(root.resolve()),
        "CATALOGUE_PROVIDER": provider,
        "CATALOGUE_FEEDS": "false",
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": f"http://{address}/",
    }
    return [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address], env
