"""The progress indicator: "3 / 12" in words and a row of dots."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme.palette import NORMAL, Palette
from kiosk.ui.widgets.labels import text_label

MAX_DOTS = 30


class Dots(QWidget):
    """One dot per step: done and current filled, the rest as rings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = 0
        self.total = 0
        self.dot = 16
        self.palette_colours: Palette = NORMAL
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_progress(self, current: int, total: int, dot: int) -> None:
        self.current, self.total, self.dot = current, total, dot
        self.setFixedHeight(dot * 2)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(min(self.total, MAX_DOTS) * self.dot * 2, self.dot * 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(min(self.total, 8) * self.dot, self.dot * 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self.total <= 0:
            return
        if self.total > MAX_DOTS:  # a long deck: a bar reads better than hundreds of dots
            self._paint_bar()
            return
        step = min(self.dot * 2.0, self.width() / self.total)
        radius = min(self.dot / 2, step * 0.35)
        start = (self.width() - step * self.total) / 2 + step / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index in range(self.total):
            centre = QPointF(start + index * step, self.height() / 2)
            colour = QColor(self.palette_colours.teal_dark)
            painter.setPen(colour)
            painter.setBrush(colour if index <= self.current else Qt.GlobalColor.transparent)
            painter.drawEllipse(
                centre, radius * (1.25 if index == self.current else 1), radius * (1.25 if index == self.current else 1)
            )
        painter.end()

    def _paint_bar(self) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = self.dot * 0.6
        top = (self.height() - height) / 2
        colour = QColor(self.palette_colours.teal_dark)
        painter.setPen(colour)
        painter.setBrush(Qt.GlobalColor.transparent)
        painter.drawRoundedRect(QRectF(1, top, self.width() - 2, height), height / 2, height / 2)
        painter.setBrush(colour)
        done = (self.width() - 2) * (self.current + 1) / self.total
        painter.drawRoundedRect(QRectF(1, top, done, height), height / 2, height / 2)
        painter.end()


class Progress(QWidget):
    """Counter text above the dots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = text_label("progress")
        self.label.setWordWrap(False)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = Dots()
        layout.addWidget(self.label)
        layout.addWidget(self.dots)

    def set_progress(self, text: str, current: int, total: int, dot: int) -> None:
        self.label.setText(text)
        self.dots.set_progress(current, total, dot)
