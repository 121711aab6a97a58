"""Site build benchmark: our MkDocs build of synthetic catalogues against plain MkDocs +
Material building the same course pages as Markdown files, measured in the same run.

    python benchmarks/bench_build.py                      # 1,000 and 5,000 courses, baseline at both
    python benchmarks/bench_build.py --sizes 1000 5000 50000 --baseline-sizes 1000 5000 --json out.json

Each build is a child process timed by /usr/bin/time (CPU seconds, wall seconds, peak RSS).
Costs per course are extra CPU time over the same command on a catalogue with no courses,
divided by the number of courses:

- whole build: our `mkdocs build` (feeds and search index off: they have their own benchmarks);
- load: the build's first step alone, in its own process: `validation.check(keep=True)` and
  `model.build`, the calls the plugin makes;
- pages: whole build minus load, i.e. rendering and writing every course, provider and
  listing page, the sitemap, and MkDocs' own share;
- baseline: plain MkDocs + Material per Markdown page, with the search plugin off (like ours)
  and, as MkDocs comes, on.

Ratios are what to quote (the machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402  (the benchmark's own generator, beside this file)

EPOCH = "1795910400"
BASELINES = {"baseline": False, "baseline_search": True}  # variant → with MkDocs' search plugin


def timed(command: list[str], env: dict[str, str], cwd: Path) -> dict[str, float]:
    """CPU seconds (user+sys), wall seconds and peak RSS (MB) of one child process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        done = subprocess.run(
            ["/usr/bin/time", "-o", out.name, "-f", "%e %U %S %M", *command],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
        wall, user, system, rss = out.read().split()[-4:]
    return {"wall": float(wall), "cpu": float(user) + float(system), "peak_mb": int(rss) / 1024}


def our_build(catalogue: Path, out: Path) -> dict[str, float]:
    # Feeds (bench_feeds.py) and the search index have their own benchmarks; here the pages are compared.
    env = {
        **os.environ,
        "CATALOGUE_DIR": str(catalogue),
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "CATALOGUE_FEEDS": "false",
        "CATALOGUE_SEARCH": "false",
    }
    return timed(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        env,
        REPO,
    )


# The plugin's first step, with the same functions and the build's date.
LOAD = """
import sys
from datetime import date
from pathlib import Path
from generator import model
from generator.layout import Selection
from generator.validation import check
result = check(Selection(Path(sys.argv[1]).resolve(), None), today=date.fromisoformat(sys.argv[2]), keep=True)
assert not result.errors, result.errors
model.build(result)
"""


def load(catalogue: Path) -> dict[str, float]:
    """Loading, validating and modelling the catalogue as the build does, in a process of its own."""
    today = datetime.fromtimestamp(int(EPOCH), tz=UTC).date().isoformat()
    return timed(
        [sys.executable, "-c", LOAD, str(catalogue), today], {**os.environ, "NO_MKDOCS_2_WARNING": "1"}, REPO
    )


def empty_catalogue(where: Path) -> Path:
    """One provider, no course: the fixed cost of a build."""
    root = where / "empty"
    (root / "p0").mkdir(parents=True, exist_ok=True)
    (root / "p0" / "provider.yaml").write_text(
        "name: P\nlegal_name: P\ntype: other\ncountry: SE\nurl: https://p.example/\ndefault_language: en\n"
        "quality_assurance: [{type: quality-label, body: Q}]\nmaintainers: ['@p']\n",
        encoding="utf-8",
    )
    return root


def course_markdown(course: object) -> str:
    """The fact sheet as a provider would write it in plain MkDocs: Markdown, no templates."""
    c = course
    lines = (
        [
            f"# {c.title.get()}",
            "",
            c.summary.get(),
            "",
            "## The micro-credential at a glance",
            "",
            f"- **Awarding body:** {c.provider.name.get()}",
            f"- **Country:** {c.provider.country}",
            f"- **Workload:** {c.ects or ''} ECTS, {c.hours or ''} hours",
            f"- **Level:** EQF {c.eqf or '-'}",
            f"- **Assessment:** {', '.join(c.assessment_methods)}",
            f"- **Participation:** {c.participation}",
            "",
            "## Learning outcomes",
            "",
        ]
        + [f"- {o.get()}" for o in c.learning_outcomes]
        + ["", "## Sessions", "", "| dates | form | place | price |", "|---|---|---|---|"]
    )
    for s in c.sessions:
        lines.append(
            f"| {s.start or 'any time'} – {s.end or ''} | {s.participation} | {s.location.city if s.location else 'online'} | {s.price.currency} {s.price.amount} |"
        )
    lines += ["", "## About the course", "", c.description.get() if c.description else "", ""]
    return "\n".join(lines)


def baseline_docs(catalogue: Path, where: Path, with_courses: bool) -> Path:
    """A plain MkDocs + Material project holding the same course pages as Markdown, out of the nav."""
    sys.path.insert(0, str(REPO))
    from generator import model
    from generator.layout import Selection
    from generator.validation import check

    project = where / ("baseline" if with_courses else "baseline-empty")
    docs = project / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    if with_courses:
        result = check(Selection(catalogue.resolve(), None), keep=True)
        for course in model.build(result).courses.values():
            target = docs / "courses" / f"{course.id}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(course_markdown(course), encoding="utf-8")
    # mkdocs.yml without the search plugin, like our build (its search index has its own benchmark);
    # mkdocs-search.yml with MkDocs' default search plugin, as "plain MkDocs + Material" comes.
    for name, plugins in (("mkdocs.yml", "[]"), ("mkdocs-search.yml", "[search]")):
        (project / name).write_text(
            "site_name: Baseline\nnav:\n  - Home: index.md\ntheme:\n  name: material\n  font: false\n"
            f"plugins: {plugins}\nvalidation:\n  nav:\n    omitted_files: ignore\n",
            encoding="utf-8",
        )
    return project


def baseline_build(project: Path, search: bool) -> dict[str, float]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    config = project / ("mkdocs-search.yml" if search else "mkdocs.yml")
    site = project / ("site-search" if search else "site")
    return timed(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], env, project
    )


def page_bytes(site: Path) -> tuple[float, int]:
    pages = list((site / "courses").glob("*/*/index.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return (sum(p.stat().st_size for p in pages) / len(pages) if pages else 0.0), total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument(
        "--baseline-sizes",
        type=int,
        nargs="*",
        default=None,
        help="sizes to build the baseline at (default: all)",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path, help="keep the generated catalogues and sites here")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    baseline_sizes = set(args.sizes if args.baseline_sizes is None else args.baseline_sizes)
    figures: dict[str, object] = {"sizes": {}}
    try:
        empty = empty_catalogue(work)
        ours_fixed = our_build(empty, work / "site-empty")
        load_fixed = load(empty)
        empty_project = baseline_docs(empty, work, with_courses=False)
        base_fixed = {variant: baseline_build(empty_project, search) for variant, search in BASELINES.items()}
        figures["fixed"] = {"ours": ours_fixed, "load": load_fixed, **base_fixed}
        for size in args.sizes:
            catalogue = work / f"catalogue-{size}"
            if not catalogue.exists():
                synth.generate(catalogue, size, invalid_share=0.0, seed=1)
            ours = our_build(catalogue, work / f"site-{size}")
            loaded = load(catalogue)
            per_page, total = page_bytes(work / f"site-{size}")
            per_course = 1000 * (ours["cpu"] - ours_fixed["cpu"]) / size
            load_share = 1000 * (loaded["cpu"] - load_fixed["cpu"]) / size
            row: dict[str, object] = {
                "ours": ours,
                "ours_ms_per_course": per_course,
                "load": loaded,
                "load_ms_per_course": load_share,
                "pages_ms_per_course": per_course - load_share,
                "bytes_per_course_page": per_page,
                "site_bytes": total,
            }
            if size in baseline_sizes:
                project = baseline_docs(catalogue, work / f"b-{size}", with_courses=True)
                for variant, search in BASELINES.items():
                    base = baseline_build(project, search)
                    per_page_base = 1000 * (base["cpu"] - base_fixed[variant]["cpu"]) / size
                    row[variant] = {
                        **base,
                        "ms_per_page": per_page_base,
                        "over_whole_build": per_page_base / per_course,
                        "over_pages": per_page_base / row["pages_ms_per_course"],
                    }
                shutil.rmtree(project)
            figures["sizes"][str(size)] = row
            if not args.keep:
                shutil.rmtree(work / f"site-{size}")
            print(_row(size, row), flush=True)
        sizes = sorted(int(s) for s in figures["sizes"])
        figures["growth"] = []
        for small_size, large_size in itertools.pairwise(
            sizes
        ):  # each step: time linear means ratio ≈ size ratio
            small, large = (
                figures["sizes"][str(small_size)]["ours"],
                figures["sizes"][str(large_size)]["ours"],
            )
            step = {
                "sizes": [small_size, large_size],
                "size_ratio": large_size / small_size,
                "wall_ratio": large["wall"] / small["wall"],
                "cpu_ratio": large["cpu"] / small["cpu"],
            }
            figures["growth"].append(step)
            print(
                f"growth {small_size} → {large_size} courses (×{step['size_ratio']:.0f}): "
                f"wall ×{step['wall_ratio']:.2f}, CPU ×{step['cpu_ratio']:.2f}"
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def _row(size: int, row: dict) -> str:
    ours = row["ours"]
    text = (
        f"{size:>6} courses: ours {ours['wall']:.1f} s wall, {ours['cpu']:.1f} s CPU, {ours['peak_mb']:.0f} MB peak, "
        f"{row['ours_ms_per_course']:.2f} ms CPU per course (load {row['load_ms_per_course']:.2f} + pages {row['pages_ms_per_course']:.2f}), "
        f"{row['bytes_per_course_page'] / 1024:.1f} KB per course page, "
        f"site {row['site_bytes'] / 1e6:.1f} MB"
    )
    for variant, what in (("baseline", "search off"), ("baseline_search", "with its search")):
        if variant in row:
            base = row[variant]
            text += (
                f"\n{'':>15}plain MkDocs + Material, {what}: {base['cpu']:.1f} s CPU, {base['ms_per_page']:.2f} ms per page "
                f"→ baseline ÷ ours: whole build {base['over_whole_build']:.1f}×, pages {base['over_pages']:.1f}×"
            )
    return text


if __name__ == "__main__":
    raise SystemExit(main())
