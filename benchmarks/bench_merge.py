"""`kiosk stats merge` over 100 kiosks x 365 days of summaries (36,500 files), against reading the same files.

The floor reads every file's bytes and does nothing else: what any merge pays for the file system.
Target (issue 17): the merge of that data set under 2 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import Figure, run_benchmark  # noqa: E402

from kiosk.fleet.merge import merge, summary_files  # noqa: E402
from tests.fleet.outboxes import write_outboxes  # noqa: E402


def measure(quick: bool) -> list[Figure]:
    runs = 2 if quick else 5
    merged: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-merge-") as scratch:
        root = Path(scratch)
        total = write_outboxes(root, kiosks=100, days=365)
        merge([root])  # once to warm the file system cache, as a hub that merges daily would have it
        for _ in range(runs):
            started = time.perf_counter()
            for path in summary_files([root]):
                path.read_bytes()
            floor.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            report = merge([root])
            merged.append((time.perf_counter() - started) * 1000)
            if report.everything.total.visits != total or report.skipped:
                raise RuntimeError("the merge lost or skipped visits")
    return [
        Figure(
            "stats merge, 100 kiosks x 365 days",
            "ms",
            merged,
            floor,
            "reading the 36,500 files",
            "median",
            2000,
            note=f"{total} visits in 36,500 summaries; ratio is against only reading the files",
        )
    ]


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__ or "", measure))
