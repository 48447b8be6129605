"""Qt helpers of the in-process benchmarks: building the kiosk, watching paints, a floor window.

Importing this module sets QT_QPA_PLATFORM=offscreen (unless set): the platform is read when the
QApplication is created, which happens only later.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QVariantAnimation
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.app.kiosk import Kiosk, build, ensure_application
from kiosk.config.options import Options
from kiosk.ui.theme.fonts import japanese_family

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SIZE = (1920, 1080)


def build_kiosk(content: Path | None = None, scratch: Path | None = None) -> Kiosk:
    """The real kiosk, windowed at 1920x1080 with transitions on, on throwaway config and data folders."""
    ensure_application()
    scratch = scratch or Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    return build(
        Options(
            content=content,
            windowed=True,
            size=SIZE,
            transitions=True,
            config_dir=scratch / "config",
            data_dir=scratch / "data",
        )
    )


def application() -> QApplication:
    """The QApplication (created by the kiosk's own helper so its settings match)."""
    return ensure_application()


class PaintProbe(QObject):
    """Counts Paint events of the widgets it is installed on and keeps the time of the last one."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.last = 0.0

    def watch(self, *widgets: QWidget) -> PaintProbe:
        for widget in widgets:
            widget.installEventFilter(self)
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            self.last = time.perf_counter()
        return False


def transition_animation(kiosk: Kiosk) -> QVariantAnimation | None:
    """The overlay's animation, found by type (the overlay keeps it in a private attribute)."""
    return kiosk.window.overlay.findChild(QVariantAnimation)


def finish_transition(kiosk: Kiosk) -> None:
    """End a running slide transition at once, as if its 240 ms had passed, and deliver the repaint."""
    animation = transition_animation(kiosk)
    if animation is not None and animation.state() != QVariantAnimation.State.Stopped:
        animation.setCurrentTime(animation.totalDuration())  # reaching the end stops it and emits finished
    QApplication.processEvents()


def paint_after(target: QWidget, probe: PaintProbe, window: QWidget) -> float:
    """Deliver the pending frame; return perf_counter() once `target` has been painted.

    First the ordinary way (posted layout and update requests through processEvents); if the target
    was not painted by that, a synchronous repaint of the window.
    """
    before = probe.count
    QApplication.processEvents()
    if probe.count == before:
        window.repaint()
    return time.perf_counter()


class FloorWindow(QWidget):
    """The same-run baseline for a tap: a 1920x1080 window whose button changes a big Japanese label."""

    TEXTS = ("ストレッチが正解とは限りません", "筋肉は神経の命令で動きます")

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("floor")
        self.label = QLabel(self.TEXTS[0])
        self.label.setWordWrap(True)
        font = QFont(japanese_family())
        font.setPixelSize(56)
        self.label.setFont(font)
        self.button = QPushButton("次へ")
        self.button.setMinimumHeight(112)
        self.button.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.setStyleSheet("QWidget { background: #F7F4EE; color: #1F2D33; }")
        self.button.clicked.connect(self._flip)
        self.resize(*SIZE)

    def _flip(self) -> None:
        self.label.setText(self.TEXTS[1] if self.label.text() == self.TEXTS[0] else self.TEXTS[0])
