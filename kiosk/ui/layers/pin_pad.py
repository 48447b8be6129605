"""The staff PIN pad: large digits, dots for what was typed, a line for messages and lockout."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.layers.overlay import Overlay
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.labels import text_label

MAX_DIGITS = 12


class PinPad(Overlay):
    """Collects digits and reports them; whether they are right is decided elsewhere."""

    for_staff = True

    pin_submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label("heading")
        self.entered = text_label("pin_dots")
        self.message = text_label("body")
        for label in (self.title, self.entered, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for index, key in enumerate("123456789"):
            self.digits[key] = self._key(key, grid, index // 3, index % 3)
        self.clear = self._key("⌫", grid, 3, 0)
        self.digits["0"] = self._key("0", grid, 3, 1)
        self.ok = self._key("OK", grid, 3, 2, role="primary")
        self.cancel = touch_button()
        self.cancel.clicked.connect(self._cancel)
        self.clear.clicked.disconnect()
        self.clear.clicked.connect(self._backspace)
        self.ok.clicked.disconnect()
        self.ok.clicked.connect(self._submit)
        self._grid = grid
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.entered)
        self._layout.addWidget(self.message)
        self._layout.addLayout(grid)
        self._layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addStretch(1)
        self._typed = ""
        self._locked = False
        self._checking = False

    def _key(self, text: str, grid: QGridLayout, row: int, column: int, role: str = "") -> QPushButton:
        button = touch_button(text, role or "pin_key")
        button.setProperty("pad_key", True)  # the style sheet's pad_key rule gives every key one fixed width
        button.clicked.connect(lambda _=False, t=text: self._type(t))
        grid.addWidget(button, row, column)
        return button

    def show_pad(self, title: str, message: str, cancel_text: str) -> None:
        """Open the pad empty, with a title and a message (no PIN set, locked, ...)."""
        self.title.setText(title)
        self.cancel.setText(cancel_text)
        self._typed = ""
        self._refresh()
        self.set_message(message)

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def set_locked(self, locked: bool) -> None:
        """While locked the keys do nothing; the message says for how long."""
        self._locked = locked
        for button in [*self.digits.values(), self.clear]:
            button.setEnabled(not locked)
        if locked:
            self._typed = ""
        self._refresh()

    def set_checking(self, checking: bool, message: str = "") -> None:
        """While a PIN is checked (off the UI thread) the keys rest and the message says so; the pad still draws."""
        self._checking = checking
        for button in [*self.digits.values(), self.clear]:
            button.setEnabled(not (checking or self._locked))
        if message:
            self.set_message(message)
        self._refresh()

    def _type(self, digit: str) -> None:
        if len(self._typed) < MAX_DIGITS and not self._locked and not self._checking:
            self._typed += digit
            self._refresh()

    def _backspace(self) -> None:
        self._typed = self._typed[:-1]
        self._refresh()

    def _submit(self) -> None:
        if self._checking:
            return
        typed, self._typed = self._typed, ""
        self._refresh()
        if typed:
            self.pin_submitted.emit(typed)

    def _cancel(self) -> None:
        self._typed = ""
        self.cancelled.emit()

    def _refresh(self) -> None:
        # Spaced dots, so staff can count what they typed; OK only once there is something to send.
        self.entered.setText(" ".join("●" * len(self._typed)) or "–")
        self.ok.setEnabled(bool(self._typed) and not self._locked and not self._checking)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """A desk keyboard works too: digits, Backspace, Enter, Escape."""
        key, text = event.key(), event.text()
        if text.isdigit() and len(text) == 1:
            self._type(text)
        elif key == Qt.Key.Key_Backspace:
            self._backspace()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        elif key == Qt.Key.Key_Escape:
            self._cancel()

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._layout.setContentsMargins(m.margin, m.px(24), m.margin, m.px(24))
        self._layout.setSpacing(m.gap)
        self._grid.setSpacing(m.px(24))
        self._grid.setAlignment(Qt.AlignmentFlag.AlignHCenter)
