"""The result screen's two cards: the take-home points (a heading and a list with the slides' bullet), and the
QR code with its caption beside it. Each places its own children and answers heightForWidth exactly, so the
page can lay them out by arithmetic (a grid ignores a nested height-for-width)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QWidget

from kiosk.core.qr import QrMatrix
from kiosk.ui.theme.palette import NORMAL, Palette
from kiosk.ui.widgets.labels import PhraseLabel, text_label
from kiosk.ui.widgets.qr_view import QrView
from kiosk.ui.widgets.rich_text import RichTextLabel, bullet_list


class PointsCard(QFrame):
    """The three take-home points under their heading, drawn as a list like a slide's; under them, in bold, the
    lesson's one safety point when it has one (result.md's `> ` line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.heading = text_label("subheading", self)
        self.points = RichTextLabel("body", self)
        self.safety = text_label("safety_point", self)
        self.items: tuple[str, ...] = ()
        self._padding = (36, 24)
        self._spacing = 8
        self._list_spacing = 8
        self._palette = NORMAL

    def show_points(self, heading: str, items: tuple[str, ...], safety: str = "") -> None:
        self.heading.setText(heading)
        self.items = items
        self.safety.setText(safety)
        self.safety.setVisible(bool(safety))
        self._set_list()

    def set_sizes(self, padding_x: int, padding_y: int, spacing: int, list_spacing: int, palette: Palette) -> None:
        self._padding, self._spacing = (padding_x, padding_y), spacing
        self._list_spacing, self._palette = list_spacing, palette
        self._set_list()
        self._place()

    def _set_list(self) -> None:
        # The list's own bottom margin is the item spacing: none under the last point.
        self.points.set_body(bullet_list(self.items), self._list_spacing, self._palette)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        inner = max(1, width - 2 * self._padding[0])
        height = 2 * self._padding[1] + self.heading.heightForWidth(inner) + self._spacing + self._list_height(inner)
        return height + self._safety_height(inner)

    def _safety_height(self, inner: int) -> int:
        """The safety point and the space above it (the spacing under the heading); 0 without one."""
        return self._spacing + self.safety.heightForWidth(inner) if self.safety.text() else 0

    def _list_height(self, inner: int) -> int:
        return self.points.heightForWidth(inner)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        pad_x, pad_y = self._padding
        inner = max(1, self.width() - 2 * pad_x)
        heading = self.heading.heightForWidth(inner)
        self.heading.setGeometry(pad_x, pad_y, inner, heading)
        top = pad_y + heading + self._spacing
        self.points.setGeometry(pad_x, top, inner, self._list_height(inner))
        if self.safety.text():
            top += self._list_height(inner) + self._spacing
            self.safety.setGeometry(pad_x, top, inner, self.safety.heightForWidth(inner))


class QrCard(QFrame):
    """The QR code and, beside it in the same card, what it opens (the caption), centred on the code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.qr = QrView(self)
        self.caption = PhraseLabel("caption", self, balance=True)  # even lines beside the code
        self._padding = 20
        self._gap = 24
        self._side = 200

    def show_code(self, matrix: QrMatrix, caption: str) -> None:
        self.qr.set_matrix(matrix)
        self.caption.setText(caption)

    def set_sizes(self, padding: int, gap: int, side: int) -> None:
        self._padding, self._gap, self._side = padding, gap, side
        self.qr.setFixedSize(side, side)
        self._place()

    @property
    def side(self) -> int:
        return self._side

    def caption_width(self, width: int) -> int:
        return max(1, width - 2 * self._padding - self._side - self._gap)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return 2 * self._padding + max(self._side, self.caption.heightForWidth(self.caption_width(width)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        pad = self._padding
        inner_height = max(self._side, self.height() - 2 * pad)
        self.qr.setGeometry(pad, pad + (inner_height - self._side) // 2, self._side, self._side)
        width = self.caption_width(self.width())
        height = min(self.caption.heightForWidth(width), inner_height)
        left = pad + self._side + self._gap
        self.caption.setGeometry(QRect(left, pad + (inner_height - height) // 2, width, height))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
