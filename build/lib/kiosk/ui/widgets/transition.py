"""A short, non-blocking transition: the old content slides a little and fades over the new one.

Only the content moves. The overlay covers the pages' area (never the aids bar above it), the snapshot it
fades holds the old page without its fixed bars (nav bar, quiz bar: the window blanks them to the page's
background), and it never paints where the new page's fixed bars are (`fixed`, asked at every frame), so
the chrome a patient reaches for is still and crisp throughout.
The new screen is live at once underneath; the overlay ignores the mouse, so a touch never waits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QPoint, QPointF, QRect, QRectF, QSizeF, Qt, QVariantAnimation
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

DURATION_MS = 240  # DESIGN.md: 200 to 300 ms
SLIDE_PX = 60


class TransitionOverlay(QWidget):
    """Paints a snapshot of the previous content while it fades out, around the fixed bars."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._snapshot: QPixmap | None = None
        self._progress = 1.0
        self._direction = 0
        self.duration_ms = DURATION_MS
        # The region (in the overlay's coordinates) of the bars on screen now: never painted over.
        self.fixed: Callable[[], QRegion] = QRegion
        self._animation = QVariantAnimation(self, startValue=0.0, endValue=1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_progress)
        self._animation.finished.connect(self._finish)
        self.hide()

    def play(self, snapshot: QPixmap, area: QRect, direction: int) -> None:
        """Fade out `snapshot` over `area` (parent coordinates), sliding it left (+1), right (-1) or not (0)."""
        if self.duration_ms <= 0:
            return
        self._animation.stop()
        self._snapshot, self._direction, self._progress = snapshot, direction, 0.0
        self.setGeometry(area)
        self._animation.setDuration(self.duration_ms)
        self.show()
        self.raise_()
        self._animation.start()

    @property
    def running(self) -> bool:
        return self.isVisible()

    @property
    def animation(self) -> QVariantAnimation:
        """The animation driving the fade (tests and benchmarks pause it and seek)."""
        return self._animation

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
        shift = round(-self._direction * SLIDE_PX * self._progress)
        ratio = self._snapshot.devicePixelRatio()
        whole = QRect(QPoint(0, 0), self._snapshot.deviceIndependentSize().toSize())
        # Rectangle by rectangle around the fixed bars: plain blits, cheaper than one blit through a clip region.
        for rect in visible_rects(self.rect(), self.fixed()):
            source = rect.translated(-shift, 0).intersected(whole)
            if not source.isEmpty():
                pixels = QRectF(QPointF(source.topLeft()) * ratio, QSizeF(source.size()) * ratio)
                painter.drawPixmap(QRectF(source.translated(shift, 0)), self._snapshot, pixels)
        painter.end()


def visible_rects(area: QRect, fixed: QRegion) -> list[QRect]:
    """The area less the fixed region, as the few rectangles Qt keeps a region in."""
    rects: list[QRect] = list(QRegion(area).subtracted(fixed))  # type: ignore[call-overload]  # stubs omit __iter__
    return rects
