"""Run every kiosk benchmark, print one Markdown table, and write benchmarks/results/latest.json.

Usage: .venv/bin/python benchmarks/run_all.py [--quick]

Each benchmark runs in its own process, one after the other (never in parallel: the machine has two
cores). Run by hand; the test suite never runs benchmarks.

The slow-PC run (issue 32): bench_touch.py again, held to a third of one core. It is pinned to one CPU with
`taskset -c N`, and two busy loops (`python -c "while True: pass"`) are pinned to the same CPU: the kernel's
fair scheduler gives each of the three runnable processes a third of that core, the kiosk and its floor window
alike. (A cgroup CPU quota, cpu.cfs_quota_us, does the same more exactly but needs root; taskset needs nothing.)
Skipped, with a note, where taskset is missing.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import BENCH_DIR, PYTHON, RESULTS_DIR, ROOT, table_rows

BENCHMARKS = (
    "bench_startup.py",
    "bench_touch.py",
    "bench_render.py",
    "bench_merge.py",
    "bench_handout.py",
    "bench_remote.py",
    "bench_idle.py",
    "bench_lessons.py",
)


SLOW_SHARE = "a third of one core"
BUSY_LOOPS = 2  # beside the kiosk on its one CPU: it gets 1 / (1 + BUSY_LOOPS) of it


def run_one(
    script: str, quick: bool, scratch: Path, prefix: tuple[str, ...] = (), extra_env: dict[str, str] | None = None
) -> tuple[list[dict[str, object]], float]:
    """Run one benchmark script; its figures (as dictionaries) and its wall time in seconds."""
    out = scratch / f"{script}{'-'.join(prefix)}.json"
    command = [*prefix, PYTHON, str(BENCH_DIR / script), "--json", str(out)] + (["--quick"] if quick else [])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(extra_env or {}))
    print(f"running {script}{' --quick' if quick else ''} ...", file=sys.stderr, flush=True)
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if done.returncode != 0 or not out.exists():
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"{script} failed with exit code {done.returncode}")
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    for figure in figures:
        figure["benchmark"] = script
    return figures, elapsed


def run_slow(scratch: Path) -> tuple[list[dict[str, object]], float]:
    """The taps of bench_touch.py (quick) with the kiosk held to a third of one core: the slow-PC figures."""
    taskset = shutil.which("taskset")
    if taskset is None:
        print("taskset not found: the slow-PC run is skipped", file=sys.stderr)
        return [], 0.0
    cpu = str(min(os.sched_getaffinity(0)))
    pin = (taskset, "-c", cpu)
    loops = [subprocess.Popen([*pin, PYTHON, "-c", "while True: pass"]) for _ in range(BUSY_LOOPS)]
    try:
        figures, elapsed = run_one("bench_touch.py", True, scratch, pin, {"KIOSK_BENCH_TAPS_ONLY": "1"})
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()
    for figure in figures:
        figure["name"] = f"{figure['name']}, {SLOW_SHARE}"
        figure["note"] = (
            f"taskset -c {cpu} with {BUSY_LOOPS} busy loops on that CPU (the floor tap is held the same way)"
            if str(figure["name"]).startswith("tap Next →")
            else ""
        )
    return figures, elapsed


def environment() -> dict[str, object]:
    """What the numbers were measured on."""
    import PySide6

    return {
        "python": sys.version.split()[0],
        "pyside6": PySide6.__version__,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "qpa": "offscreen",
    }


def main() -> int:
    """Run the benchmarks, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs of each benchmark (a few seconds each)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR / "latest.json", help="where to write the results")
    args = parser.parse_args()
    started = time.monotonic()
    figures: list[dict[str, object]] = []
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-all-") as scratch:
        for script in BENCHMARKS:
            found, seconds[script] = run_one(script, args.quick, Path(scratch))
            figures += found
        found, seconds[f"bench_touch.py, {SLOW_SHARE}"] = run_slow(Path(scratch))
        figures += found
    command = f".venv/bin/python benchmarks/run_all.py{' --quick' if args.quick else ''}"
    print(f"\n## Kiosk benchmarks ({'quick' if args.quick else 'full'} run)\n")
    print("\n".join(table_rows(figures)))
    notes = [f"- {f['name']}: {f['note']}" for f in figures if f.get("note")]
    if notes:
        print("\nNotes:\n" + "\n".join(notes))
    failed = [f["name"] for f in figures if f["passed"] is False]
    total = time.monotonic() - started
    print(f"\n{len(failed)} of {sum(f['passed'] is not None for f in figures)} targets missed; took {total:.0f} s.")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": command,
        "quick": args.quick,
        "environment": environment(),
        "seconds": seconds,
        "failed": failed,
        "figures": figures,
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
