"""'Are you still there?': full screen, a countdown, one big Continue button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.layers.overlay import Overlay
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.labels import text_label


class IdlePrompt(Overlay):
    """Any touch, on the button or anywhere else, keeps the visit."""

    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = text_label("title")
        self.hint = text_label("body")
        self.seconds = text_label("countdown")
        self.keep = touch_button(role="primary")
        self.keep.setProperty("wide", True)  # sized by the style sheet (styles.py)
        self.keep.clicked.connect(self.continue_requested)
        for label in (self.question, self.hint, self.seconds):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        self._layout.addWidget(self.question)
        self._layout.addWidget(self.hint)
        self._layout.addWidget(self.seconds)
        self._layout.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addStretch(1)

    def show_prompt(self, question: str, hint: str, button: str) -> None:
        self.question.setText(question)
        self.hint.setText(hint)
        self.keep.setText(button)

    def set_seconds(self, text: str) -> None:
        self.seconds.setText(text)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._layout.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        self._layout.setSpacing(m.px(40))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.continue_requested.emit()
