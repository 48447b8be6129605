"""What recording a visit adds to the touch that ends it (Home): median and p95, against the same touch unrecorded.

Usage: .venv/bin/python benchmarks/bench_record.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.app.kiosk import build
from kiosk.config.options import Options
from kiosk.config.settings import Settings


def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-record-") as scratch:
        kiosk = build(
            Options(
                windowed=True,
                transitions=False,
                settings=Settings(),
                config_dir=Path(scratch) / "c",
                data_dir=Path(scratch) / "d",
            )
        )
        kiosk.show()
        real_record = kiosk._record_visit
        timings: dict[str, list[float]] = {"recorded": [], "not recorded": []}
        for round_number in range(args.rounds):
            mode = "recorded" if round_number % 2 else "not recorded"  # alternate, so noise hits both alike
            kiosk._record_visit = real_record if mode == "recorded" else (lambda state, reason: None)  # type: ignore[method-assign]
            kiosk.flow._end_listeners[:] = [kiosk._record_visit]
            kiosk.flow.start()
            kiosk.flow.next()
            QApplication.processEvents()
            started = time.perf_counter()
            QTest.mouseClick(kiosk.window.slide.nav.home, Qt.MouseButton.LeftButton)
            kiosk.window.repaint()
            timings[mode].append((time.perf_counter() - started) * 1000)
        kiosk.recorder.flush(5.0)
        kiosk.close()
    rows = {mode: (statistics.median(values), p95(values)) for mode, values in timings.items()}
    for mode, (median, high) in rows.items():
        print(f"Home tap to attract painted, {mode}: median {median:.2f} ms, p95 {high:.2f} ms")
    added = rows["recorded"][0] - rows["not recorded"][0]
    print(
        f"recording adds {added:+.2f} ms at the median, {rows['recorded'][1] - rows['not recorded'][1]:+.2f} ms at p95"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
