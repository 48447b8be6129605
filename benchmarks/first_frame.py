"""What the two start-up children (floor_app.py, kiosk_first_frame.py) print for the parent.

`PHASE <name> <time.monotonic()> <peak RSS kB>` marks a step; `FIRST_PAINT <time.monotonic()>` ends the run
(CLOCK_MONOTONIC is shared by every process, so the parent subtracts its own spawn time). Qt is imported
inside `first_paint_reporter` only, so importing this module costs the children nothing measurable.
"""

from __future__ import annotations

import resource
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

MARKER = "FIRST_PAINT"
PHASE = "PHASE"


def phase(name: str, when: float | None = None) -> None:
    """Print one time stamp (and the peak RSS so far, in kB) for the parent."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{PHASE} {name} {time.monotonic() if when is None else when:.6f} {peak}", flush=True)


def first_paint_reporter(app: QApplication) -> QObject:
    """An event filter: after the watched widget's first paint, print the marker and quit `app`."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self._done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and not self._done:
                self._done = True
                QTimer.singleShot(0, self._report)  # after the paint (and the rest of the frame) is over
            return False

        def _report(self) -> None:
            phase("painted")
            print(f"{MARKER} {time.monotonic():.6f}", flush=True)
            app.quit()

    return FirstPaint()
