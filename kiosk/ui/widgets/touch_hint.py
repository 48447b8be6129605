"""The attract screen's gentle loop: ripples spreading from a fingertip, every few seconds.

Decoration only: it runs while visible, stops when hidden, and never affects the visit. It starts
after its first paint, not when shown: the first animation tick makes PySide resolve Qt's private
animation timer class, which loads every binding type once (~30 ms), and that must not delay the
kiosk's first frame.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme.palette import NORMAL, Palette

PERIOD_MS = 2400


class TouchHint(QWidget):
    """Three teal rings spreading out from a dot and fading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._phase = 0.0
        self._painted = False  # the animation waits for the first paint (see the module comment)
        self.palette_colours: Palette = NORMAL
        # Linear, the default easing: the rings spread at an even pace.
        self._animation = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=PERIOD_MS, loopCount=-1)  # type: ignore[call-arg]  # stubs omit inherited properties
        self._animation.valueChanged.connect(self._on_phase)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(120, 120)

    def _on_phase(self, value: float) -> None:
        self._phase = value
        self.update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._painted:
            self._animation.start()

    def _start_after_first_paint(self) -> None:
        if self.isVisible():
            self._animation.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self._animation.stop()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._start_after_first_paint)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        largest = min(self.width(), self.height()) / 2 - 2
        colour = QColor(self.palette_colours.teal)
        for ring in range(3):
            phase = (self._phase + ring / 3) % 1.0
            colour.setAlphaF(max(0.0, 1.0 - phase) * 0.8)
            painter.setPen(QPen(colour, max(2.0, largest / 14)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            radius = largest * (0.3 + 0.7 * phase)
            painter.drawEllipse(centre, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.palette_colours.teal_dark))
        painter.drawEllipse(centre, largest * 0.22, largest * 0.22)
        painter.end()
