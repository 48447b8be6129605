"""The start-up floor: the least a PySide6 program can do to put Japanese text on a 1920x1080 window.

One QLabel with the kiosk's font family; as soon as its first frame is painted it prints
`FIRST_PAINT <time.monotonic()>` and quits. `PHASE <name> <time.monotonic()> <peak RSS kB>` lines mark
the steps (CLOCK_MONOTONIC is shared by every process, so the parent can subtract its own spawn time).
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import os  # noqa: E402 (the clock is read before any import)
import resource  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

MARKER = "FIRST_PAINT"
TEXT = "ストレッチが逆効果になるとき"


def phase(name: str, when: float | None = None) -> None:
    """Print one time stamp (and the peak RSS so far, in kB) for the parent."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"PHASE {name} {time.monotonic() if when is None else when:.6f} {peak}", flush=True)


def font_family() -> str:
    """The kiosk's Japanese family when the kiosk is importable, else Noto Sans CJK JP."""
    try:
        from kiosk.ui.fonts import japanese_family
    except ImportError:
        return "Noto Sans CJK JP"
    return japanese_family()


class FirstPaint(QObject):
    """Prints the marker on the watched widget's first Paint event and quits the application."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # The paint itself runs after this filter; quit from the event loop once it is over.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        phase("painted")
        print(f"{MARKER} {time.monotonic():.6f}", flush=True)
        self._app.quit()


def main() -> int:
    """Show the label, wait for its first paint, exit."""
    phase("start", STARTED)
    phase("imported")
    app = QApplication(sys.argv[:1])
    label = QLabel(TEXT)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = QFont(font_family())
    font.setPixelSize(64)
    label.setFont(font)
    label.setStyleSheet("background: #F7F4EE; color: #1F2D33;")
    watcher = FirstPaint(app)
    label.installEventFilter(watcher)
    label.resize(1920, 1080)
    phase("built")
    label.show()
    phase("shown")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
