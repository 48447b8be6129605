"""Draws a QR code matrix as vector squares, sharp at every size, with its quiet zone."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.qr import QrMatrix
from kiosk.ui.theme.palette import NORMAL

QUIET_ZONE = 4  # modules of light margin the QR standard asks for


class QrView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: QrMatrix = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_matrix(self, matrix: QrMatrix) -> None:
        self._matrix = matrix
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(300, 300)

    def code_rect(self) -> QRectF:
        side = float(min(self.width(), self.height()))
        return QRectF((self.width() - side) / 2, 0, side, side)  # top-aligned: the caption follows it

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self._matrix:
            return
        rect = self.code_rect()
        count = len(self._matrix) + 2 * QUIET_ZONE
        module = rect.width() / count
        painter = QPainter(self)
        painter.fillRect(rect, QColor("#FFFFFF"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(NORMAL.ink))
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    # A hair of overlap so no light seams show between neighbouring modules.
                    painter.drawRect(
                        QRectF(
                            rect.x() + (x + QUIET_ZONE) * module,
                            rect.y() + (y + QUIET_ZONE) * module,
                            module + 0.5,
                            module + 0.5,
                        )
                    )
        painter.end()
