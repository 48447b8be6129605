"""The staff screen of the front desk's remote: turn the desk page on or off, show a pairing QR code and
code, list the paired devices with a button to unpair each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.qr import QrMatrix
from kiosk.remote.screen import RemoteView
from kiosk.ui.layers.overlay import Overlay
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.qr_view import QrView

if TYPE_CHECKING:
    from kiosk.content.strings import UiStrings

MAX_SHOWN = 5  # devices listed; the rest are summed up in one line


class RemotePage(Overlay):
    for_staff = True

    toggle_requested = Signal()  # turn the desk page on (when off) or off (when on)
    pair_requested = Signal()  # show a new pairing code
    revoke_requested = Signal(str)  # a device's id
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label("heading")
        self.state = text_label("body")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint = text_label("caption")
        self.toggle = touch_button(role="primary")
        self.pair = touch_button()
        self.back = touch_button()
        self.toggle.clicked.connect(self.toggle_requested)
        self.pair.clicked.connect(self.pair_requested)
        self.back.clicked.connect(self.back_requested)
        self.devices_heading = text_label("subheading")
        self.device_names = [text_label("body") for _ in range(MAX_SHOWN)]
        self.revoke_buttons: list[QPushButton] = [touch_button() for _ in range(MAX_SHOWN)]
        self._ids = [""] * MAX_SHOWN
        for index, button in enumerate(self.revoke_buttons):
            button.clicked.connect(lambda _=False, i=index: self.revoke_requested.emit(self._ids[i]))
        self.more = text_label("caption")
        self.qr = QrView()
        self.code = text_label("title")  # big: read from a step away, typed on the desk device
        self.code_hint = text_label("body")
        self._buttons = QGridLayout()
        self._button_columns = 0
        self._arrange_buttons(3)
        self._devices = QGridLayout()
        for row in range(MAX_SHOWN):
            self._devices.addWidget(self.device_names[row], row, 0)
            self._devices.addWidget(self.revoke_buttons[row], row, 1)
        self._devices.setColumnStretch(0, 1)
        left = QVBoxLayout()
        left.addWidget(self.state)
        left.addLayout(self._buttons)
        left.addWidget(self.devices_heading)
        left.addLayout(self._devices)
        left.addWidget(self.more)
        left.addWidget(self.fingerprint)  # four short lines, under the devices: the code's column stays short
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.code_hint)
        right.addStretch(1)
        self._left, self._right = left, right
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.addLayout(left, 3)
        self._columns.addLayout(right, 2)
        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self.title)
        self._outer.addLayout(self._columns, 1)

    def show_remote(self, view: RemoteView, qr: QrMatrix, strings: UiStrings) -> None:
        """Draw the state; `qr` is the pairing address's code, empty when no code is shown."""
        self.title.setText(strings.remote_title)
        if view.problem:
            self.state.setText(strings.remote_failed.format(error=view.problem))
        elif view.on:
            self.state.setText(strings.remote_on.format(url=view.url))
        else:
            self.state.setText(strings.remote_off)
        pairs = view.fingerprint.split(":")  # eight bytes a line: short lines that wrap nowhere else
        lines = "\n".join(":".join(pairs[i : i + 8]) for i in range(0, len(pairs), 8))
        self.fingerprint.setText(strings.remote_fingerprint.format(fingerprint="\n" + lines))
        self.fingerprint.setVisible(bool(view.fingerprint))
        self.toggle.setText(strings.remote_turn_off if view.on else strings.remote_turn_on)
        self.pair.setText(strings.remote_pair)
        self.pair.setVisible(view.on)
        self.back.setText(strings.remote_back)
        self.devices_heading.setText(strings.remote_devices)
        for row in range(MAX_SHOWN):
            device = view.devices[row] if row < len(view.devices) else None
            self._ids[row] = device[0] if device else ""
            self.device_names[row].setText(device[1] if device else "")
            self.revoke_buttons[row].setText(strings.remote_revoke)
            self.device_names[row].setVisible(device is not None)
            self.revoke_buttons[row].setVisible(device is not None)
        extra = len(view.devices) - MAX_SHOWN
        self.more.setText(strings.remote_no_devices if not view.devices else (f"… +{extra}" if extra > 0 else ""))
        self.more.setVisible(not view.devices or extra > 0)
        showing = bool(view.code and qr)
        self.qr.set_matrix(qr if showing else ())
        self.qr.setVisible(showing)
        self.code.setText(f"{view.code[:3]} {view.code[3:]}" if showing else "")  # two groups of three, easier to type
        self.code_hint.setText(strings.remote_code.format(minutes=view.code_minutes) if showing else "")
        for widget in (self.code, self.code_hint):
            widget.setVisible(showing)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._outer.setContentsMargins(m.margin, m.px(32), m.margin, m.px(40))
        self._outer.setSpacing(m.px(24))
        self._columns.setDirection(QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom)
        self._columns.setSpacing(m.px(64))
        self._left.setSpacing(m.px(20))
        self._right.setSpacing(m.px(16))
        self._arrange_buttons(3 if landscape else 2)  # portrait is too narrow for three labelled buttons in a row
        self._buttons.setSpacing(m.px(28))  # the staff menu's spacing: at least 24 px between targets
        self._devices.setHorizontalSpacing(m.px(28))
        self._devices.setVerticalSpacing(m.px(28))
        side = m.px(360)
        self.qr.setFixedSize(side, side)

    def _arrange_buttons(self, columns: int) -> None:
        if columns == self._button_columns:
            return
        self._button_columns = columns
        for index, button in enumerate((self.toggle, self.pair, self.back)):
            self._buttons.removeWidget(button)
            self._buttons.addWidget(button, index // columns, index % columns)
