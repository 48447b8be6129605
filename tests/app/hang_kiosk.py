"""A real kiosk process for the watchdog test: `kiosk run --windowed` that hangs its main thread once.

The first run (no marker file yet) writes the marker and, HANG_AFTER_MS after start, blocks the Qt event
loop for an hour, as a deadlock or an endless drawing would. Runs after that do not hang.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from kiosk import cli
from kiosk.app import kiosk as wiring

marker = Path(os.environ["HANG_MARKER"])
if not marker.exists():
    marker.write_text(str(os.getpid()), encoding="utf-8")
    real_build = wiring.build

    def build_then_hang(options: object) -> wiring.Kiosk:
        built = real_build(options)  # type: ignore[arg-type]
        QTimer.singleShot(int(os.environ["HANG_AFTER_MS"]), lambda: time.sleep(3600))
        return built

    wiring.build = build_then_hang  # type: ignore[assignment]

sys.exit(cli.main(["run", "--windowed", "--size", "800x600"]))
