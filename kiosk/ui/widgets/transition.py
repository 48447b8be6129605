"""A short, non-blocking transition: the old screen slides a little and fades over the new one.

The new screen is live at once underneath; the overlay ignores the mouse, so a touch never waits.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPointF, Qt, QVariantAnimation
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

DURATION_MS = 240  # DESIGN.md: 200 to 300 ms
SLIDE_PX = 60


class TransitionOverlay(QWidget):
    """Paints a snapshot of the previous screen while it fades out."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._snapshot: QPixmap | None = None
        self._progress = 1.0
        self._direction = 0
        self.duration_ms = DURATION_MS
        self._animation = QVariantAnimation(self, startValue=0.0, endValue=1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_progress)
        self._animation.finished.connect(self._finish)
        self.hide()

    def play(self, snapshot: QPixmap, direction: int) -> None:
        """Fade out `snapshot`, sliding it left (+1), right (-1) or not at all (0)."""
        if self.duration_ms <= 0:
            return
        self._animation.stop()
        self._snapshot, self._direction, self._progress = snapshot, direction, 0.0
        parent = self.parentWidget()
        assert parent is not None  # made with the window as its parent
        self.setGeometry(parent.rect())
        self._animation.setDuration(self.duration_ms)
        self.show()
        self.raise_()
        self._animation.start()

    @property
    def running(self) -> bool:
        return self.isVisible()

    def _on_progress(self, value: float) -> None:
        self._progress = value
        self.update()

    def _finish(self) -> None:
        self._snapshot = None
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self._snapshot is None:
            return
        painter = QPainter(self)
        painter.setOpacity(1.0 - self._progress)
        painter.drawPixmap(QPointF(-self._direction * SLIDE_PX * self._progress, 0), self._snapshot)
        painter.end()
