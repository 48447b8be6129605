"""Shown instead of the lesson when the content cannot be loaded: every problem, as path:line: message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.labels import text_label

MAX_SHOWN = 12


class ErrorPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.heading = text_label("heading")
        self.problems = text_label("caption")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.problems)
        self._layout.addStretch(1)

    def show_problems(self, heading: str, problems: list[str]) -> None:
        shown = problems[:MAX_SHOWN]
        if len(problems) > MAX_SHOWN:
            shown.append(f"... {len(problems) - MAX_SHOWN} more in the log")
        self.heading.setText(heading)
        self.problems.setText("\n".join(shown))

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._layout.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        self._layout.setSpacing(m.gap)
