"""The attract screen: title, one illustration, touch to start, and the language choice.

With several lessons it shows their topic cards instead (kiosk/ui/widgets/topic_cards.py); a card starts its lesson.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.topic_cards import TopicCard, TopicCards


class AttractPage(QWidget):
    """A touch anywhere starts in the default language; a language button starts in that language."""

    start_requested = Signal(str)  # language code, "" for the default
    topic_chosen = Signal(str)  # lesson id, from a topic card

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.title = text_label("title")
        self.subtitle = text_label("subtitle")
        self.illustration = Illustration()
        self.start = touch_button(role="primary")
        self.start.clicked.connect(lambda: self.start_requested.emit(""))
        self._language_row = QHBoxLayout()
        self._language_buttons: list[QPushButton] = []
        self._text = QVBoxLayout()
        self._text.addStretch(1)
        self._text.addWidget(self.title)
        self._text.addWidget(self.subtitle)
        # No animated ring beside it: it read like a radio button and kept 4-6 % of a core busy at rest.
        self._text.addWidget(self.start)
        self._text.addLayout(self._language_row)
        self._text.addStretch(1)
        self._content = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._content.addLayout(self._text, 6)
        self._content.addWidget(self.illustration, 4)
        self.topics: TopicCards | None = None  # built the first time several lessons are offered
        self._metrics: tuple[Metrics, bool] | None = None

    def show_topics(
        self, call: str, cards: list[TopicCard], languages: list[tuple[str, str]], held: bool = False
    ) -> None:
        """Several lessons: the call as the title, one card per lesson, and the language choice.

        held: staff hold the screen; `call` then says so, and no card or language button is shown."""
        if self.topics is None:
            self.topics = TopicCards(self)
            self.topics.chosen.connect(self.topic_chosen)
            self._text.insertWidget(self._text.indexOf(self.title) + 1, self.topics, 1)
            if self._metrics is not None:
                self.apply_metrics(*self._metrics)
        self._single(False)
        self.title.setText(call)
        self.topics.show_cards(cards)
        self.topics.setVisible(not held)
        self._show_languages(languages, held)

    def _single(self, single: bool) -> None:
        """Show the one lesson's picture, subtitle and start button, or the topic cards."""
        for widget in (self.illustration, self.start):
            widget.setVisible(single)
        if not single:
            self.subtitle.hide()
        if self.topics is not None:
            self.topics.setVisible(not single)

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
        self._single(True)
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        self.start.setText(touch_text)
        if image:
            self.illustration.set_svg(*image)
        self.illustration.setVisible(image is not None)
        self._show_languages(languages, held)

    def _show_languages(self, languages: list[tuple[str, str]], held: bool) -> None:
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

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._metrics = (m, landscape)
        if self.topics is not None:
            self.topics.apply_metrics(m)
            self.topics.set_landscape(landscape)
        self._content.setDirection(QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom)
        self._content.setContentsMargins(m.margin * 2 if landscape else m.margin, m.px(24), m.margin, m.margin)
        self._content.setSpacing(m.px(48))
        self._text.setSpacing(m.px(36))
        self._language_row.setSpacing(m.gap)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.topics is None or self.topics.isHidden():  # with topic cards, only a card starts a lesson
            self.start_requested.emit("")
