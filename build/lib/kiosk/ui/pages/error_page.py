"""Shown instead of the lesson when it cannot be shown: a calm message for the patient, never the details."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.labels import text_label


class ErrorPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.heading = text_label("heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.body = text_label("body")
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.heading, self.body):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        self._layout.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addWidget(self.body, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addStretch(1)

    def show_message(self, heading: str, body: str) -> None:
        self.heading.setText(heading)
        self.body.setText(body)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._layout.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        self._layout.setSpacing(m.gap)
