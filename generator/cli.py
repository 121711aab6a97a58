"""The `catalogue` command: one of the two doors (the other is the MkDocs plugin).

It parses arguments, calls the pipeline, prints, and chooses the exit code:
0 valid, 1 problems found, 2 usage or internal error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TypeVar

import click

from generator import addresses, model, preview, stats
from generator.layout import COURSE_SLUG_LENGTH, ID_PATTERN, PROVIDER_ID_LENGTH, Selection, select
from generator.links import collect as links_collect
from generator.links import report as links_report
from generator.links import run as links_run
from generator.links import state as links_state
from generator.problems import Problem
from generator.report import as_github, as_json, as_text, summary
from generator.review import check as review_check
from generator.review import codeowners as codeowners_file
from generator.review import git as review_git
from generator.review import summary as review_summary
from generator.review.git import GitError
from generator.validation import CheckResult, check
from generator.writer import Writer

DEFAULT_CATALOGUE = Path(os.environ.get("CATALOGUE_DIR", "catalogue"))
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"`{value}` is not a date written YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="microcredential-catalogue")
def cli() -> None:
    """Validate and publish a catalogue of micro-credentials."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for pull-request annotations.",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Check as if it were this day (expiry, staleness, upcoming sessions).",
)
@click.option(
    "--base",
    metavar="REF",
    help="Also check the pull-request rules against this git ref (e.g. origin/main): "
    "no deleted or renamed file, maintainers changed alone, one provider folder.",
)
def validate(paths: tuple[Path, ...], strict: bool, fmt: str, today: str | None, base: str | None) -> None:
    """Check catalogue folders or single files (default: the catalogue/ folder).

    A PATH is a catalogue folder (the one holding provider folders), a provider folder,
    or single files; the whole catalogue around them is loaded for the cross-file checks.
    """
    day = _today(today)
    problems: list[Problem] = []
    files = 0
    for selection in _selections(paths or (DEFAULT_CATALOGUE,)):
        result = check(selection, today=day)
        problems += result.problems
        files += result.files
        if base is not None:
            problems += _git(partial(review_check.pull_request_problems, selection.root, base, day))
    problems = sorted(set(problems), key=Problem.sort_key)
    click.echo(
        {
            "json": lambda: as_json(problems),
            "github": lambda: as_github(problems),
            "text": lambda: as_text(problems, files),
        }[fmt]()
    )
    if fmt == "github":
        click.echo(summary(problems, files), err=True)
    failed = any(p.severity.value == "error" or strict for p in problems)
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _selections(paths: tuple[Path, ...]) -> list[Selection]:
    """Group the PATH arguments by catalogue, so each catalogue is loaded once."""
    by_root: dict[Path, Selection] = {}
    for path in paths:
        if not path.exists():
            raise click.BadParameter(f"{path} does not exist", param_hint="PATH")
        chosen = select(path)
        previous = by_root.get(chosen.root)
        if previous is None:
            by_root[chosen.root] = chosen
        elif previous.only is None or chosen.only is None:
            by_root[chosen.root] = Selection(chosen.root, None)
        else:
            by_root[chosen.root] = Selection(chosen.root, previous.only | chosen.only)
    return list(by_root.values())


@cli.group()
def new() -> None:
    """Write a commented template for a new provider or course."""


@new.command("provider")
@click.argument("provider_id")
@click.option(
    "--catalogue", "root", type=click.Path(path_type=Path), default=DEFAULT_CATALOGUE, show_default=True
)
def new_provider(provider_id: str, root: Path) -> None:
    """Write catalogue/PROVIDER_ID/provider.yaml."""
    _check_id(provider_id, "provider id", PROVIDER_ID_LENGTH)
    _write_template("provider", root / provider_id / "provider.yaml", root)


@new.command("course")
@click.argument("course_id", metavar="PROVIDER/SLUG")
@click.option(
    "--catalogue", "root", type=click.Path(path_type=Path), default=DEFAULT_CATALOGUE, show_default=True
)
def new_course(course_id: str, root: Path) -> None:
    """Write catalogue/PROVIDER/courses/SLUG.yaml."""
    provider_id, _, slug = course_id.partition("/")
    _check_id(provider_id, "provider id", PROVIDER_ID_LENGTH)
    _check_id(slug, "course slug", COURSE_SLUG_LENGTH)
    if not (root / provider_id / "provider.yaml").is_file():
        raise click.UsageError(
            f"there is no provider `{provider_id}` in {root}: "
            f"run `catalogue new provider {provider_id}` first"
        )
    _write_template("course", root / provider_id / "courses" / f"{slug}.yaml", root)


def _check_id(value: str, what: str, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not ID_PATTERN.fullmatch(value) or not low <= len(value) <= high:
        raise click.BadParameter(
            f"`{value}` is not a valid {what}: use {low}–{high} lower-case letters, digits and single hyphens"
        )


def _write_template(kind: str, target: Path, root: Path) -> None:
    if target.exists():
        raise click.UsageError(f"{target} already exists; edit it instead")
    schema = resources.files("generator.schemas").joinpath(f"{kind}.schema.json")
    schema_ref = (
        os.path.relpath(str(schema), target.parent) if Path(str(schema)).exists() else f"{kind}.schema.json"
    )
    text = resources.files("generator.templates").joinpath(f"{kind}.yaml").read_text("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    Writer(target.parent).write(
        target.name, text.format(schema=schema_ref.replace(os.sep, "/"), path=target.as_posix())
    )
    click.echo(
        f"wrote {target}: replace each <<...>> placeholder, then run `catalogue validate {target.as_posix()}`"
    )


@cli.command("stats")
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats_command(path: Path | None, fmt: str) -> None:
    """Count the valid courses by country, field, level, mode and language."""
    result: CheckResult = check(Selection((path or DEFAULT_CATALOGUE).resolve(), None), keep=True)
    if result.errors:
        click.echo(
            summary(result.problems, result.files) + " — run `catalogue validate` for details", err=True
        )
        sys.exit(EXIT_PROBLEMS)
    counts = stats.count(model.build(result))
    click.echo(
        json.dumps(counts, indent=2, ensure_ascii=False, sort_keys=True)
        if fmt == "json"
        else stats.as_text(counts)
    )


def _git(run: Callable[[], T]) -> T:
    """A comparison with git that cannot be made is a usage error (exit 2), with git's reason."""
    try:
        return run()
    except GitError as exc:
        raise click.UsageError(f"cannot compare with the base: {exc}") from None


@cli.command("codeowners")
@click.option(
    "--catalogue", "root", type=click.Path(path_type=Path), default=DEFAULT_CATALOGUE, show_default=True
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 when the committed file is out of date.",
)
@click.option(
    "--project-owner",
    "owners",
    multiple=True,
    metavar="@HANDLE",
    help="The project's maintainers (the `*` line); default: those already in the file.",
)
def codeowners_command(root: Path, check_only: bool, owners: tuple[str, ...]) -> None:
    """Write .github/CODEOWNERS: each provider folder owned by its `maintainers`."""
    top = _git(lambda: review_git.top_of(root.resolve()))
    target = top / codeowners_file.PATH
    try:
        wanted = codeowners_file.expected(top, root.resolve(), owners)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    current = target.read_text("utf-8") if target.is_file() else ""
    if check_only:
        _report_codeowners(current, wanted)
        return
    if current != wanted:
        target.parent.mkdir(parents=True, exist_ok=True)
        Writer(target.parent).replace(target.name, wanted)
    click.echo(f"{'wrote' if current != wanted else 'unchanged:'} {codeowners_file.PATH}")


def _report_codeowners(current: str, wanted: str) -> None:
    if current == wanted:
        click.echo(f"✓ {codeowners_file.PATH} is up to date")
        return
    missing = [line for line in wanted.splitlines() if line not in current.splitlines()]
    extra = [line for line in current.splitlines() if line not in wanted.splitlines()]
    click.echo(f"✗ {codeowners_file.PATH} is out of date: run `catalogue codeowners` and commit it", err=True)
    click.echo("\n".join([f"  + {line}" for line in missing] + [f"  - {line}" for line in extra]), err=True)
    sys.exit(EXIT_PROBLEMS)


@cli.command("diff")
@click.option(
    "--base", required=True, metavar="REF", help="The git ref the pull request goes into (e.g. origin/main)."
)
@click.option(
    "--catalogue", "root", type=click.Path(path_type=Path), default=DEFAULT_CATALOGUE, show_default=True
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown for the pull request's summary comment.",
)
@click.option("--today", metavar="YYYY-MM-DD", help="Check as if it were this day.")
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of the terminal.",
)
def diff_command(base: str, root: Path, fmt: str, today: str | None, output: Path | None) -> None:
    """What a pull request changes: new, withdrawn and changed courses, problems and advice.

    Exits 0 whenever the summary was written; `catalogue validate --base` is the check that fails.
    """
    result = _git(lambda: review_check.report(root, base, _today(today)))
    text = review_summary.as_markdown(result) if fmt == "markdown" else review_summary.as_text(result)
    if output is None:
        click.echo(text.rstrip("\n"))
    else:
        Writer(output.parent).replace(output.name, text)


@cli.command("links")
@click.option(
    "--catalogue", "root", type=click.Path(path_type=Path), default=DEFAULT_CATALOGUE, show_default=True
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(".cache/links.json"),
    show_default=True,
    help="What earlier runs found; kept between runs (a link is broken after failing on two runs).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("link-report.json"),
    show_default=True,
    help="The JSON report; the site's /links/ page is built from it.",
)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=8, show_default=True, help="Links fetched at once."
)
@click.option(
    "--timeout", type=click.FloatRange(0.1, 120), default=10.0, show_default=True, help="Seconds per attempt."
)
@click.option(
    "--retries",
    type=click.IntRange(0, 5),
    default=2,
    show_default=True,
    help="More attempts after a transient failure.",
)
@click.option(
    "--max-age",
    type=click.FloatRange(0),
    default=168.0,
    show_default=True,
    help="Hours before a working link is fetched again.",
)
@click.option(
    "--min-gap",
    type=click.FloatRange(0),
    default=20.0,
    show_default=True,
    help="Hours between two runs for their failures to count as separate.",
)
@click.option("--offline", is_flag=True, help="Fetch nothing: write the report from the cache.")
@click.option(
    "--allow-private-addresses",
    "allow_private",
    is_flag=True,
    help="Also fetch local and private addresses "
    "(tests only: provider text must not reach the local network).",
)
def links_command(
    root: Path,
    cache: Path,
    report_path: Path,
    workers: int,
    timeout: float,
    retries: int,
    max_age: float,
    min_gap: float,
    offline: bool,
    allow_private: bool,
) -> None:
    """Check every provider, course and session URL; write the report. Not a pull-request check."""
    result: CheckResult = check(Selection(root.resolve(), None), keep=True)
    if result.errors:
        click.echo(
            summary(result.problems, result.files) + " — run `catalogue validate` for details", err=True
        )
        sys.exit(EXIT_PROBLEMS)
    targets = links_collect.targets(model.build(result))
    now = datetime.now(UTC)
    options = links_run.Options(
        workers,
        timeout,
        retries,
        1.0,
        timedelta(hours=max_age),
        timedelta(hours=min_gap),
        allow_private,
        offline,
    )
    done = links_run.check(targets, links_state.load(cache), now, options)
    if not offline:
        links_state.save(cache, done.records)
    report = links_report.build(done, targets, now)
    links_report.write(report_path, report)
    click.echo(links_report.summary(report))


@cli.command("preview")
@click.argument("provider_id")
@click.option(
    "--catalogue", "root", type=click.Path(path_type=Path), default=DEFAULT_CATALOGUE, show_default=True
)
@click.option(
    "--config",
    "config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's mkdocs.yml.",
)
@click.option("--address", default="127.0.0.1:8000", show_default=True, help="Where to serve the preview.")
def preview_command(provider_id: str, root: Path, config: Path, address: str) -> None:
    """Serve one provider's course and provider pages, rebuilt whenever a file is saved.

    Only this provider's pages are built (no feeds), so a preview takes seconds even in a
    large catalogue; only problems in this provider's files stop it.
    """
    _check_id(provider_id, "provider id", PROVIDER_ID_LENGTH)
    if not (root / provider_id).is_dir():
        raise click.UsageError(
            f"there is no provider folder {root / provider_id}: "
            f"run `catalogue new provider {provider_id}` first"
        )
    if not config.is_file():
        raise click.UsageError(f"{config} not found: run this from the repository folder, or pass --config")
    command, env = preview.command(config, root, provider_id, address)
    page = addresses.url(f"http://{address}/", addresses.provider_page(provider_id))
    click.echo(
        f"previewing {provider_id} at {page} — press Ctrl+C to stop",
        err=True,
    )
    sys.stderr.flush()
    # Become `mkdocs serve` rather than wait for it: stopping this process then stops the server too.
    os.execve(command[0], command, {**os.environ, **env})


def main() -> None:
    """Entry point: usage errors exit 2 (click's convention), and so does any internal error."""
    try:
        cli.main(prog_name="catalogue", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001  # never show a traceback to a provider
        click.echo(f"internal error: {exc.__class__.__name__}: {exc}. Please report this as a bug.", err=True)
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
