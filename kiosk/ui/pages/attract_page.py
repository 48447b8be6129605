"""The attract screen: title, one illustration, touch to start, and the language choice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.touch_hint import TouchHint


class AttractPage(QWidget):
    """A touch anywhere starts in the default language; a language button starts in that language."""

    start_requested = Signal(str)  # language code, "" for the default

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.title = text_label("title")
        self.subtitle = text_label("subtitle")
        self.illustration = Illustration()
        self.hint = TouchHint()
        self.start = touch_button(role="primary")
        self.start.clicked.connect(lambda: self.start_requested.emit(""))
        self._language_row = QHBoxLayout()
        self._language_buttons: list[QPushButton] = []
        self._text = QVBoxLayout()
        self._text.addStretch(1)
        self._text.addWidget(self.title)
        self._text.addWidget(self.subtitle)
        start_row = QHBoxLayout()
        start_row.addWidget(self.hint)
        start_row.addWidget(self.start, 1)
        self._text.addLayout(start_row)
        self._text.addLayout(self._language_row)
        self._text.addStretch(1)
        self._content = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._content.addLayout(self._text, 6)
        self._content.addWidget(self.illustration, 4)

    def show_attract(
        self,
        title: str,
        subtitle: str,
        image: tuple[str, bytes] | None,
        touch_text: str,
        languages: list[tuple[str, str]],
        held: bool = False,
    ) -> None:
        """Draw the screen; `languages` is [(code, own name)], shown only when there is a choice.

        held: staff hold the screen (cleaning); `touch_text` then says so, and nothing invites a touch."""
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        self.start.setText(touch_text)
        if image:
            self.illustration.set_svg(*image)
        self.illustration.setVisible(image is not None)
        wanted = languages if len(languages) > 1 else []
        if [b.property("language") for b in self._language_buttons] != [code for code, _ in wanted]:
            for button in self._language_buttons:
                button.deleteLater()
            self._language_buttons = []
            for code, name in wanted:
                button = touch_button(name)
                button.setProperty("language", code)
                button.clicked.connect(lambda _=False, c=code: self.start_requested.emit(c))
                self._language_row.addWidget(button)
                self._language_buttons.append(button)
        for (_, name), button in zip(wanted, self._language_buttons, strict=False):
            button.setText(name)
            button.setVisible(not held)
        self.hint.setVisible(not held)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._content.setDirection(QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom)
        self._content.setContentsMargins(m.margin * 2 if landscape else m.margin, m.px(24), m.margin, m.margin)
        self._content.setSpacing(m.px(48))
        self._text.setSpacing(m.px(36))
        self._language_row.setSpacing(m.gap)
        self.hint.setFixedSize(m.button_height, m.button_height)
        self.hint.palette_colours = m.palette

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.start_requested.emit("")
