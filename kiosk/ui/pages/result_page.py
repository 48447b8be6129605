"""The result: friendly words for the score, the three take-home points, a QR code, ask at the desk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QVBoxLayout, QWidget

from kiosk.content.model import ResultText, ScoreMessage
from kiosk.core.qr import QrMatrix
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.qr_view import QrView

if TYPE_CHECKING:
    from kiosk.content.strings import UiStrings


class ResultPage(QWidget):
    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.headline = text_label("heading")
        self.score = text_label("progress")
        self.message = text_label("body")
        self.points_card = QFrame(objectName="card")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.points_heading = text_label("subheading")
        self.points = [text_label("body") for _ in range(3)]
        card = QVBoxLayout(self.points_card)
        card.addWidget(self.points_heading)
        for label in self.points:
            card.addWidget(label)
        self._card = card
        self.qr = QrView()
        self.qr_caption = text_label("caption")
        self.ask = text_label("subheading")
        self.finish = touch_button(role="primary")
        self.finish.clicked.connect(self.finish_requested)
        self._landscape = True
        left = QVBoxLayout()
        left.addWidget(self.headline)
        left.addWidget(self.score)
        left.addWidget(self.message)
        left.addWidget(self.points_card)
        left.addStretch(1)
        left.addWidget(self.ask)  # the call to action closes the column
        self._left = left
        self._right_panel = QWidget()
        right = QVBoxLayout(self._right_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.qr, 1)
        right.addWidget(self.qr_caption)
        right.addStretch(0)
        right.addWidget(self.finish, 0, Qt.AlignmentFlag.AlignRight)
        self._right = right
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.addLayout(left, 5)
        self._columns.addWidget(self._right_panel, 2)
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self._columns, 1)

    def show_result(
        self,
        message: ScoreMessage,
        right: int,
        total: int,
        result: ResultText,
        qr: QrMatrix | None,
        strings: UiStrings,
    ) -> None:
        self.headline.setText(message.headline)
        self.score.setText(strings.score.format(right=right, total=total))
        self.score.setVisible(total > 0)
        self.message.setText(message.text)
        self._fit()
        self.points_heading.setText(result.heading)
        for label, point in zip(self.points, result.takeaways, strict=False):
            label.setText(f"・{point}")
        self.qr.setVisible(qr is not None)
        self.qr_caption.setVisible(qr is not None)
        if qr is not None:
            self.qr.set_matrix(qr)
        self.qr_caption.setText(strings.qr_caption)
        self.ask.setText(strings.ask_front_desk)
        self.finish.setText(strings.finish)

    def _fit(self) -> None:
        """With large text on a small screen the score sentence gives way, so the take-home points fit."""
        width = self.headline.width()
        if width <= 0:
            return
        column = [self.headline, self.score, self.message, self.points_card, self.ask]
        needed = sum(w.heightForWidth(width) for w in column if not w.isHidden() or w is self.message)
        needed += self._left.spacing() * (len(column) - 1)
        available = self._columns.geometry().height()
        if not self._landscape:  # the QR code, at its smallest, and Finish share the column
            right = self.qr.minimumHeight() + self.qr_caption.heightForWidth(width) + self.finish.sizeHint().height()
            available -= right + self._right.spacing() * 3 + self._columns.spacing()
        self.message.setVisible(needed <= available)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._landscape = landscape
        self._outer.setContentsMargins(m.margin, m.px(24), m.margin, m.px(40))  # the aids bar is above
        self._outer.setSpacing(m.gap)
        self._columns.setDirection(QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom)
        # Portrait: everything in one column, the QR code centred under the points, no gap in between.
        self._left.setStretch(self._left.indexOf(self.points_card) + 1, 1 if landscape else 0)
        self._columns.setStretch(0, 5 if landscape else 0)
        self._columns.setStretch(1, 2 if landscape else 1)
        self._right.setAlignment(self.qr, Qt.AlignmentFlag.AlignRight if landscape else Qt.AlignmentFlag.AlignHCenter)
        self._right.setStretch(0, 1)  # the QR code grows to its largest size first
        self._right.setStretch(2, 0)
        self._columns.setSpacing(m.px(64))
        self._left.setSpacing(m.px(14))
        self._right.setSpacing(m.px(16))
        self._card.setContentsMargins(m.px(36), m.px(20), m.px(36), m.px(20))
        self._card.setSpacing(m.px(6))
        self.qr.setMinimumSize(m.px(240), m.px(240))
        self.qr.setMaximumSize(m.px(440), m.px(440))
