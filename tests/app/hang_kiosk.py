"""A real kiosk process for the watchdog test: `kiosk run --windowed` that hangs its main thread once.

With ENDLESS_PICTURES set, no SVG ever finishes drawing.

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

if os.environ.get("ENDLESS_PICTURES"):  # every SVG takes for ever to draw (a renderer that never returns)
    import threading

    from kiosk.ui.widgets import svg_drawing

    def endless(data: bytes, size: object) -> object:
        threading.Event().wait()
        raise AssertionError("never")

    svg_drawing._shared.append(svg_drawing.PictureDrawer(draw=endless))  # type: ignore[arg-type]

sys.exit(cli.main(["run", "--windowed", "--size", "800x600"]))
