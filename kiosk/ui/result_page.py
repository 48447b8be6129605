"""The result: friendly words for the score, the three take-home points, a QR code, ask at the desk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.model import ResultText, ScoreMessage
from kiosk.qr import QrMatrix
from kiosk.ui.buttons import touch_button
from kiosk.ui.labels import text_label
from kiosk.ui.qr_view import QrView
from kiosk.ui.theme import Metrics


class ResultPage(QWidget):
    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.headline = text_label("heading")
        self.score = text_label("progress")
        self.message = text_label("body")
        self.points_card = QFrame(objectName="card")
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
        left = QVBoxLayout()
        left.addWidget(self.headline)
        left.addWidget(self.score)
        left.addWidget(self.message)
        left.addWidget(self.points_card)
        left.addStretch(1)
        self._left = left
        self._right_panel = QWidget()
        right = QVBoxLayout(self._right_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.qr, 1)
        right.addWidget(self.qr_caption)
        self._right = right
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.addLayout(left, 3)
        self._columns.addWidget(self._right_panel, 2)
        bar = QHBoxLayout()
        bar.addWidget(self.ask, 1)
        bar.addWidget(self.finish)
        self._bar = bar
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self._columns, 1)
        self._outer.addLayout(bar)

    def show_result(
        self,
        message: ScoreMessage,
        right: int,
        total: int,
        result: ResultText,
        qr: QrMatrix | None,
        strings: dict[str, str],
    ) -> None:
        self.headline.setText(message.headline)
        self.score.setText(strings["score"].format(right=right, total=total))
        self.score.setVisible(total > 0)
        self.message.setText(message.text)
        self.points_heading.setText(result.heading)
        for label, point in zip(self.points, result.takeaways, strict=False):
            label.setText(f"・{point}")
        self._right_panel.setVisible(qr is not None)
        if qr is not None:
            self.qr.set_matrix(qr)
        self.qr_caption.setText(strings["qr_caption"])
        self.ask.setText(strings["ask_front_desk"])
        self.finish.setText(strings["finish"])

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._outer.setContentsMargins(m.margin, m.margin, m.margin, m.px(40))
        self._outer.setSpacing(m.gap)
        self._columns.setDirection(QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom)
        self._columns.setSpacing(m.px(64))
        self._left.setSpacing(m.px(24))
        self._right.setSpacing(m.px(16))
        self._card.setContentsMargins(m.px(40), m.px(32), m.px(40), m.px(32))
        self._card.setSpacing(m.px(16))
        self._bar.setSpacing(m.gap)
        self.qr.setMinimumSize(m.px(280), m.px(280))
