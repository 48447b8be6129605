"""`kiosk stats merge` over 100 and 1,000 kiosks x 365 days of summaries, against reading the same files.

The floor reads every file's bytes and does nothing else: what any merge pays for the file system.
Each size is merged in a child process of its own, which reads the files (the floor), then merges them and
reports its peak resident memory over what it held before the merge (ru_maxrss), so one size's memory never
hides another's. The merge is measured as `kiosk stats merge --csv` runs it (the day rows kept for the CSV)
and as `kiosk stats merge` runs it (rows=False: the totals only).
Targets (issue 32): the merge of 100 kiosks x 365 days within 1.5x the floor in the same run; its memory
flat in the number of summaries (the same peak at 1,000 kiosks as at 100 without the day rows).
"""

from __future__ import annotations

import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import Figure, run_benchmark

from kiosk.fleet.merge import merge, summary_files
from tests.fleet.outboxes import write_outboxes

DAYS = 365


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux


def child(root: Path, total: int, runs: int, rows: bool) -> dict[str, object]:
    """In a fresh process: read every file (the floor), then merge, `runs` times; the peak memory of the merge."""
    kwargs = {"rows": rows} if "rows" in inspect.signature(merge).parameters else {}
    for path in summary_files([root]):  # once to warm the file system cache, as a hub that merges daily has it
        path.read_bytes()
    floor: list[float] = []
    merged: list[float] = []
    before = _peak_kb()
    for _ in range(runs):
        started = time.perf_counter()
        for path in summary_files([root]):
            path.read_bytes()
        floor.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        report = merge([root], **kwargs)
        merged.append((time.perf_counter() - started) * 1000)
        if report.everything.total.visits != total or report.skipped:
            raise RuntimeError("the merge lost or skipped visits")
        del report
    return {"floor": floor, "merged": merged, "before_kb": before, "peak_kb": _peak_kb()}


def _in_child(root: Path, total: int, runs: int, rows: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", str(root), str(total), str(runs), "1" if rows else "0"]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env={**os.environ})
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(quick: bool) -> list[Figure]:
    figures: list[Figure] = []
    for kiosks in (100, 1000):
        runs = 1 if quick or kiosks > 100 else 3
        with tempfile.TemporaryDirectory(prefix="kiosk-merge-") as scratch:
            root = Path(scratch)
            total = write_outboxes(root, kiosks=kiosks, days=DAYS)
            files = kiosks * DAYS
            for rows in (True, False):
                got = _in_child(root, total, runs, rows)
                merged, floor = got["merged"], got["floor"]
                assert isinstance(merged, list) and isinstance(floor, list)
                before, peak = got["before_kb"], got["peak_kb"]
                assert isinstance(before, int) and isinstance(peak, int)
                how = "with day rows (--csv)" if rows else "totals only"
                name = f"stats merge {how}, {kiosks} kiosks x {DAYS} days"
                target = 1.5 if kiosks == 100 else None
                floor_name = f"reading the {files:,} files"
                note = f"{total} visits in {files:,} summaries"
                figures.append(Figure(name, "ms", merged, floor, floor_name, "ratio", target, note=note))
                grown = peak - before
                note = f"peak RSS {peak / 1024:.0f} MB, {1024 * grown / files:.0f} B per summary"
                figures.append(Figure(f"{name}: peak memory over the start", "MB", [grown / 1024], note=note))
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        root, total, runs, rows = Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1"
        print(json.dumps(child(root, total, runs, rows)))
        sys.exit(0)
    sys.exit(run_benchmark(__doc__ or "", measure))
