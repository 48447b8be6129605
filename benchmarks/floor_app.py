"""The start-up floor: the least a PySide6 program can do to put Japanese text on a 1920x1080 window.

One QLabel with the kiosk's font family; it reports its steps and first painted frame to the parent as
`first_frame.py` describes, then quits.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import os  # noqa: E402 (the clock is read before any import)
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from first_frame import first_paint_reporter, phase  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

TEXT = "ストレッチが逆効果になるとき"


def font_family() -> str:
    """The kiosk's Japanese family when the kiosk is importable, else Noto Sans CJK JP."""
    try:
        from kiosk.ui.theme.fonts import japanese_family
    except ImportError:
        return "Noto Sans CJK JP"
    return japanese_family()


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
    watcher = first_paint_reporter(app)
    label.installEventFilter(watcher)
    label.resize(1920, 1080)
    phase("built")
    label.show()
    phase("shown")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
