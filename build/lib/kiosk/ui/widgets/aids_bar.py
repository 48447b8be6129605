"""The aids on every screen: larger text, high contrast, read aloud. They last for one visit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.ui.input_guard import corner_side
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button


class AidsBar(QWidget):
    large_text_toggled = Signal(bool)
    contrast_toggled = Signal(bool)
    read_aloud_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.large_text = self._toggle()
        self.contrast = self._toggle()
        self.read_aloud = touch_button(role="aid")
        self.large_text.toggled.connect(self.large_text_toggled)
        self.contrast.toggled.connect(self.contrast_toggled)
        self.read_aloud.clicked.connect(self.read_aloud_clicked)
        self._layout = QHBoxLayout(self)
        self._layout.addStretch(1)
        for button in (self.read_aloud, self.large_text, self.contrast):
            self._layout.addWidget(button)

    @staticmethod
    def _toggle() -> QPushButton:
        button = touch_button(role="aid")
        button.setCheckable(True)
        return button

    def show_aids(self, labels: dict[str, str], large_text: bool, contrast: bool, can_speak: bool) -> None:
        """Labels by key (large_text, contrast, read_aloud); the toggles show the visit's state without echoing it."""
        self.large_text.setText(labels["large_text"])
        self.contrast.setText(labels["contrast"])
        self.read_aloud.setText(labels["read_aloud"])
        for button, on in ((self.large_text, large_text), (self.contrast, contrast)):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)
        self.read_aloud.setVisible(can_speak)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        # Flush with the pages' content edge, yet clear of the staff corner at the top right, so a held
        # aid button never opens the PIN pad (the corner fits inside the page margin).
        corner = corner_side(m.scale * 1080) + m.px(2)
        self._layout.setContentsMargins(m.margin, m.px(16), max(m.margin, corner), 0)
        self._layout.setSpacing(m.gap)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
