"""Feed generation benchmark: every feed the build writes, for synthetic catalogues.

    python benchmarks/bench_feeds.py                     # 10,000 and 50,000 courses
    python benchmarks/bench_feeds.py --sizes 1000 --keep /tmp/bench-feeds

Each size runs in a child process: it loads and validates the catalogue and builds the
model (reported, not counted), then generates and writes every feed file. Reported: CPU
and wall seconds of the feed step, the process's peak RSS (it includes the model, which
the build holds anyway) and the total size of the feeds. Goal: 50,000 courses in under
60 s on one core and under 1 GB.

No tree is deleted before a measurement (an earlier run's output is moved aside and
deleted at the end): on a journal-less ext4, creating a file next to many inodes freed in
the last minutes scans past each of them (the kernel's `recently_deleted`), which can
triple the system time of writing 150,000 files without any change in the generator.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402


def measure(catalogue: Path, out: Path) -> dict[str, float]:
    """Runs in the child: model first (not counted), then the feeds (counted)."""
    sys.path.insert(0, str(REPO))
    from generator import feeds, model
    from generator.layout import Selection
    from generator.publish import Writer
    from generator.validation import check

    started = time.process_time()
    result = check(Selection(catalogue.resolve(), None), keep=True)
    catalogue_model = model.build(result)
    del result  # as in the build: the raw data is dropped once the model exists
    prepared = time.process_time() - started
    wall, cpu = time.perf_counter(), time.process_time()
    before = resource.getrusage(resource.RUSAGE_SELF)
    writer = Writer(out)
    size = 0
    files = 0
    for path, data in feeds.build(catalogue_model, "https://microcredentials.example/", {}, "Benchmark"):
        size += writer.write(path, data)
        files += 1
    after = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "feeds_cpu": time.process_time() - cpu,
        "feeds_wall": time.perf_counter() - wall,
        "model_cpu": prepared,
        "feeds_user": after.ru_utime - before.ru_utime,
        "feeds_sys": after.ru_stime - before.ru_stime,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "bytes": size,
        "files": files,
        "courses": len(catalogue_model.courses),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", nargs=2, metavar=("CATALOGUE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]))))
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-feeds-"))
    work.mkdir(parents=True, exist_ok=True)
    figures = {}
    stale: list[Path] = []  # earlier outputs, deleted only once every size is measured
    try:
        for size in args.sizes:
            catalogue = work / f"catalogue-{size}"
            if not catalogue.exists():
                synth.generate(catalogue, size, invalid_share=0.0, seed=1)
            out = work / f"feeds-{size}"
            if out.exists():
                stale.append(out.rename(work / f"feeds-{size}.stale-{os.getpid()}"))
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(catalogue), str(out)],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(done.stdout.strip().splitlines()[-1])
            figures[str(size)] = row
            print(
                f"{size:>6} courses: feeds {row['feeds_cpu']:.1f} s CPU (user {row['feeds_user']:.1f} + system {row['feeds_sys']:.1f}; "
                f"{row['feeds_wall']:.1f} s wall), "
                f"{row['files']} files, {row['bytes'] / 1e6:.1f} MB; peak {row['peak_mb']:.0f} MB "
                f"(model built in {row['model_cpu']:.1f} s CPU, not counted)",
                flush=True,
            )
    finally:
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
