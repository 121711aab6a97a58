#!/usr/bin/env python3
"""Time `catalogue validate` against check-jsonschema on synthetic catalogues.

    python benchmarks/bench_validate.py [--sizes 1000 10000] [--repeat 3]
                                        [--keep DIR] [--json OUT]

For each size, a synthetic catalogue is generated (benchmarks/synth.py) and,
in the same run, the two tools are timed alternately, A B A B ...:

  A  catalogue validate DIR --format json
  B  check-jsonschema --schemafile generator/schemas/course.schema.json <course files>
     + check-jsonschema --schemafile generator/schemas/provider.schema.json <provider files>
     (the two calls, and any chunks of an over-long argument list, count as one B run:
     times are summed, peak memory is the maximum)

Each command is a child process; its wall time is measured around the child,
its peak RSS is the child's ru_maxrss from wait4().  Both tools exit 1 on the
intentionally invalid files; that is expected.  See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402

MANIFEST_SUFFIX = ".synth.json"


# --------------------------------------------------------------------------
# Running a child and measuring it
# --------------------------------------------------------------------------


def run_child(cmd: list[str], cwd: Path, out: Path) -> tuple[float, int, int]:
    """Run cmd; return (wall seconds, peak RSS in KiB, exit code).

    stdout and stderr go to `out` (the tools' reports are written, as they
    would be in CI, but not to the terminal).  wait4() gives the rusage of
    this child alone, so earlier, bigger children do not mask its peak.
    """
    with open(out, "wb") as sink:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    rss_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return wall, rss_kib, proc.returncode


def _arg_budget() -> int:
    """Bytes of command line that one exec may safely take."""
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        arg_max = 128 * 1024
    env = sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    return max(16 * 1024, (arg_max - env) // 2)


def chunked(base: list[str], files: list[str], budget: int) -> list[list[str]]:
    """Split base + files into commands whose argument bytes stay under budget."""
    fixed = sum(len(a) + 1 + 8 for a in base)
    cmds, cur, size = [], [], fixed
    for f in files:
        need = len(f) + 1 + 8  # + the argv pointer
        if cur and size + need > budget:
            cmds.append(base + cur)
            cur, size = [], fixed
        cur.append(f)
        size += need
    if cur:
        cmds.append(base + cur)
    return cmds


class Tool:
    def __init__(self, name: str, label: str, commands: list[list[str]], cwd: Path, ok_codes=(0, 1)):
        self.name, self.label, self.commands, self.cwd, self.ok_codes = name, label, commands, cwd, ok_codes

    def run(self, out: Path) -> dict:
        wall, rss, codes = 0.0, 0, []
        for i, cmd in enumerate(self.commands):
            target = out.with_name(f"{out.stem}-{i}{out.suffix}")
            w, r, code = run_child(cmd, self.cwd, target)
            wall += w
            rss = max(rss, r)
            codes.append(code)
            if code not in self.ok_codes:
                tail = target.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise RuntimeError(f"{self.label}: `{shlex.join(cmd[:6])} ...` exited {code}:\n{tail}")
        return {"seconds": wall, "peak_rss_kib": rss, "exit_codes": codes}


# --------------------------------------------------------------------------
# Catalogues
# --------------------------------------------------------------------------


def prepare(work: Path, size: int, seed: int, share: float) -> tuple[Path, dict]:
    """Generate work/catalogue-<size>, or reuse it if made with the same parameters."""
    cat = work / f"catalogue-{size}"
    manifest = work / f"catalogue-{size}{MANIFEST_SUFFIX}"
    # the generator's own hash: a changed synth.py means other files
    want = {
        "courses": size,
        "seed": seed,
        "invalid_share": share,
        "synth_sha256": hashlib.sha256(Path(synth.__file__).read_bytes()).hexdigest()[:16],
    }
    if manifest.exists() and cat.is_dir():
        info = json.loads(manifest.read_text(encoding="utf-8"))
        if all(info.get(k) == v for k, v in want.items()):
            print(f"reusing {cat} ({info['courses']} courses, seed {seed})", flush=True)
            return cat, info
        shutil.rmtree(cat)  # ours (the manifest says so), made with other parameters
    elif cat.exists():
        raise SystemExit(
            f"{cat} exists but has no {manifest.name}: not a catalogue this script made; "
            "remove it or choose another --keep folder"
        )
    t0 = time.perf_counter()
    info = synth.generate(cat, size, share, seed)
    print(
        f"generated {cat}: {info['providers']} providers, {info['courses']} courses "
        f"({info['invalid_courses']} invalid), {info['bytes'] / 1e6:.1f} MB in "
        f"{time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    info["synth_sha256"] = want["synth_sha256"]
    manifest.write_text(json.dumps(info, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return cat, info


def list_files(cat: Path) -> tuple[list[str], list[str]]:
    """Course and provider files, relative to cat, in a stable order."""
    providers = sorted(str(p.relative_to(cat)) for p in cat.glob("*/provider.yaml"))
    courses = sorted(str(p.relative_to(cat)) for p in cat.glob("*/courses/*.yaml"))
    return courses, providers


def check_ours(report: Path, cat: Path, info: dict) -> dict:
    """What A reported: does it agree with the generator's list of invalid files?"""
    try:
        problems = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return {"parsed": False, "error": str(e)}
    root = str(cat.resolve())
    flagged: dict[str, set] = {}
    for p in problems:
        f = str(Path(p.get("file", "")).resolve())
        rel = os.path.relpath(f, root) if f.startswith(root) else f
        flagged.setdefault(rel, set()).add(p.get("severity"))
    invalid = info.get("invalid", {})
    return {
        "parsed": True,
        "problems": len(problems),
        "invalid_files_with_an_error": sum("error" in flagged.get(f, ()) for f in invalid),
        "invalid_files": len(invalid),
        "valid_files_with_problems": sorted(f for f in flagged if f not in invalid),
    }


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def _version(cmd: list[str]) -> str:
    try:
        r = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=60)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def _mb(kib: int) -> float:
    return round(kib / 1024, 1)


def bench_size(size: int, args, work: Path, catalogue_cmd: list[str], cjs_cmd: list[str]) -> dict:
    cat, info = prepare(work, size, args.seed, args.invalid_share)
    courses, providers = list_files(cat)
    n_files = len(courses) + len(providers)
    schemas = REPO / "generator" / "schemas"
    budget = _arg_budget()
    a = Tool(
        "A", "catalogue validate", [[*catalogue_cmd, "validate", str(cat), "--format", "json"]], cwd=REPO
    )
    b_cmds = chunked(
        [*cjs_cmd, "--schemafile", str(schemas / "course.schema.json")], courses, budget
    ) + chunked([*cjs_cmd, "--schemafile", str(schemas / "provider.schema.json")], providers, budget)
    b = Tool("B", "check-jsonschema", b_cmds, cwd=cat)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)

    for w in range(args.warmup):
        print(f"  [{size}] warm-up {w + 1}: A B", flush=True)
        a.run(logs / f"{size}-warmup-A.out")
        b.run(logs / f"{size}-warmup-B.out")

    rounds = []
    for r in range(args.repeat):
        ra = a.run(logs / f"{size}-A.out")
        rb = b.run(logs / f"{size}-B.out")
        rounds.append({"A": ra, "B": rb, "ratio_b_over_a": rb["seconds"] / ra["seconds"]})
        print(
            f"  [{size}] round {r + 1}/{args.repeat}: A {ra['seconds']:.2f} s {_mb(ra['peak_rss_kib'])} MB, "
            f"B {rb['seconds']:.2f} s {_mb(rb['peak_rss_kib'])} MB, B/A {rounds[-1]['ratio_b_over_a']:.2f}",
            flush=True,
        )

    def summary(key: str) -> dict:
        secs = [x[key]["seconds"] for x in rounds]
        med = statistics.median(secs)
        return {
            "median_s": round(med, 3),
            "min_s": round(min(secs), 3),
            "max_s": round(max(secs), 3),
            "files_per_s": round(n_files / med, 1),
            "peak_rss_mb": _mb(max(x[key]["peak_rss_kib"] for x in rounds)),
            "seconds": [round(s, 3) for s in secs],
            "exit_codes": sorted({c for x in rounds for c in x[key]["exit_codes"]}),
        }

    ratios = [x["ratio_b_over_a"] for x in rounds]
    return {
        "courses": size,
        "providers": len(providers),
        "files": n_files,
        "invalid_courses": info["invalid_courses"],
        "bytes": info["bytes"],
        "catalogue": str(cat),
        "A": {**summary("A"), "command": shlex.join(a.commands[0])},
        "B": {
            **summary("B"),
            "calls": len(b_cmds),
            "command": " + ".join(
                f"{shlex.join(c[: len(cjs_cmd) + 2])} <{len(c) - len(cjs_cmd) - 2} files>" for c in b_cmds
            ),
        },
        "ratio_b_over_a": {
            "median": round(statistics.median(ratios), 2),
            "per_round": [round(r, 3) for r in ratios],
        },
        "a_report_check": check_ours(logs / f"{size}-A-0.out", cat, info),
    }


def print_table(results: list[dict]) -> None:
    head = f"{'courses':>8} {'files':>6}  {'tool':<22} {'median s':>9} {'min–max s':>14} {'files/s':>9} {'peak MB':>8}"
    print()
    print(head)
    print("-" * len(head))
    for r in results:
        for key, name in (("A", "A catalogue validate"), ("B", "B check-jsonschema")):
            s = r[key]
            print(
                f"{r['courses']:>8} {r['files']:>6}  {name:<22} {s['median_s']:>9.2f} "
                f"{s['min_s']:>6.2f}–{s['max_s']:<7.2f} {s['files_per_s']:>9.0f} {s['peak_rss_mb']:>8.1f}"
            )
        ratio = r["ratio_b_over_a"]
        per = ", ".join(f"{x:.2f}" for x in ratio["per_round"])
        print(f"{'':>8} {'':>6}  B/A (median of rounds) = {ratio['median']:.2f}   [per round: {per}]")
        chk = r["a_report_check"]
        if chk.get("parsed"):
            print(
                f"{'':>8} {'':>6}  A flagged {chk['invalid_files_with_an_error']}/{chk['invalid_files']} "
                f"intended-invalid files; {len(chk['valid_files_with_problems'])} valid files with problems"
            )
        print()
    print("B/A > 1: catalogue validate is that many times faster than check-jsonschema on the same files.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="catalogue sizes in courses")
    ap.add_argument("--repeat", type=int, default=3, help="timed A B rounds per size (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed A B rounds first (default 1)")
    ap.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="generate the catalogues in DIR and keep them; reuse them on the next run",
    )
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--invalid-share", type=float, default=0.05)
    ap.add_argument("--catalogue", default="catalogue", help="command for A (default: catalogue)")
    ap.add_argument("--check-jsonschema", default="check-jsonschema", help="command for B")
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0 or any(s < 1 for s in args.sizes):
        ap.error("--repeat must be >= 1, --warmup >= 0, sizes >= 1")

    catalogue_cmd = shlex.split(args.catalogue)
    cjs_cmd = shlex.split(args.check_jsonschema)
    for cmd in (catalogue_cmd, cjs_cmd):
        if shutil.which(cmd[0]) is None:
            print(
                f"bench: `{cmd[0]}` not found (pip install -e '.[test]' installs both tools)", file=sys.stderr
            )
            return 2
    for schema in ("course.schema.json", "provider.schema.json"):
        if not (REPO / "generator" / "schemas" / schema).is_file():
            print(f"bench: generator/schemas/{schema} is missing", file=sys.stderr)
            return 2

    if args.keep:
        work = args.keep.resolve()
        work.mkdir(parents=True, exist_ok=True)
        cleanup = None
    else:
        work = Path(tempfile.mkdtemp(prefix="bench-validate-"))
        cleanup = work

    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": shlex.join([Path(sys.executable).name, *sys.argv]) if argv is None else None,
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        },
        "tools": {"A": _version(catalogue_cmd), "B": _version(cjs_cmd)},
        "repeat": args.repeat,
        "warmup": args.warmup,
        "seed": args.seed,
        "invalid_share": args.invalid_share,
    }
    print(
        f"A = {meta['tools']['A']}; B = {meta['tools']['B']}; {meta['machine']['cpus']} CPUs; "
        f"load average {meta['machine']['load_average']}",
        flush=True,
    )
    results = []
    try:
        for size in args.sizes:
            results.append(bench_size(size, args, work, catalogue_cmd, cjs_cmd))
    except RuntimeError as e:
        print(f"bench: {e}", file=sys.stderr)
        return 2
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)
    print_table(results)
    if args.json:
        for r in results:
            if cleanup is not None:
                r["catalogue"] = None  # deleted
        args.json.write_text(json.dumps({**meta, "results": results}, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
