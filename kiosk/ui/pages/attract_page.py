"""The attract screen: the title, the loop's picture and line, touch to start, and the language choice.

With several lessons it shows their topic cards instead (kiosk/ui/widgets/topic_cards.py); a card starts its lesson.
The loop's clock is the wiring's (kiosk/app/attract_loop.py): the page says how many pictures each lesson has
(`cycle_changed`) and fades to the one it is told (`show_frame`). The first screen is drawn by a plain
Illustration; the cross-fade is built the first time the loop moves, so start-up pays nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.topic_cards import Frame, LoopLine, TopicCard, TopicCards, show_frame_now

if TYPE_CHECKING:
    from kiosk.ui.widgets.crossfade import CrossFade, LineFade
    from kiosk.ui.widgets.picture_store import PictureStore

FADE_MS = 600  # a gentle dissolve; never something a patient waits for (a touch starts at once)


class AttractPage(QWidget):
    """A touch anywhere starts in the default language; a language button starts in that language."""

    start_requested = Signal(str)  # language code, "" for the default
    topic_chosen = Signal(str)  # lesson id, from a topic card
    cycle_changed = Signal(list)  # pictures in the loop of each lesson shown ([] : nothing is to move)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.title = text_label("title")
        self.subtitle = LoopLine("subtitle")  # the loop's line: the deck's subtitle, then each slide's heading
        self.illustration: Illustration = Illustration()
        self.fade_ms = FADE_MS  # the wiring's: 0 when transitions are off
        self.frames: tuple[Frame, ...] = ()
        self.cycle: list[int] = []  # pictures in the loop of each lesson drawn (what `cycle_changed` said last)
        self._cards: tuple[list[TopicCard], bool] | None = None  # the cards drawn, and whether held
        self._line_fade: LineFade | None = None
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
        self._store: PictureStore | None = None
        self._metrics: tuple[Metrics, bool] | None = None

    @property
    def language_buttons(self) -> tuple[QPushButton, ...]:
        """The language buttons shown, each with its language code as the "language" property."""
        return tuple(self._language_buttons)

    def keep_pictures_in(self, store: PictureStore) -> None:
        """This screen's first pictures (its own and its topic cards') come from `store` and are kept there."""
        self._store = store
        self.illustration.store = store
        if self.topics is not None:
            self.topics.keep_pictures_in(store)

    def show_topics(
        self, call: str, cards: list[TopicCard], languages: list[tuple[str, str]], held: bool = False
    ) -> None:
        """Several lessons: the call as the title, one card per lesson, and the language choice.

        held: staff hold the screen; `call` then says so, and no card or language button is shown."""
        if self.topics is None:
            self.topics = TopicCards(self)
            self.topics.keep_pictures_in(self._store)
            self.topics.chosen.connect(self.topic_chosen)
            self._text.insertWidget(self._text.indexOf(self.title) + 1, self.topics, 1)
            if self._metrics is not None:
                self.apply_metrics(*self._metrics)
        self._single(False)
        self.frames = ()
        self.title.setText(call)
        if (cards, held) != self._cards:  # the same cards again (an aid turned on here): the loop goes on
            self._cards = (cards, held)
            self.topics.show_cards(cards)
            self._new_cycle([] if held else [len(card.frames) for card in cards])
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
        frames: tuple[Frame, ...],
        touch_text: str,
        languages: list[tuple[str, str]],
        held: bool = False,
    ) -> None:
        """Draw the screen on the loop's first picture and line; `languages` is [(code, own name)], shown only
        when there is a choice.

        held: staff hold the screen (cleaning); `touch_text` then says so, nothing invites a touch, nothing moves."""
        self._single(True)
        self._cards = None
        self.title.setText(title)
        frames = (frames[:1] if held else frames) or ((None, ""),)
        if frames != self.frames:  # the same loop again (an aid turned on here): it goes on where it is
            self.frames = frames
            self.subtitle.set_lines([line for _, line in frames])
            show_frame_now(self.illustration, self.subtitle, self._line_fade, frames[0])
            self._new_cycle([len(frames)])
        self.subtitle.setVisible(any(line for _, line in frames))
        self.illustration.setVisible(any(image for image, _ in frames))
        self.start.setText(touch_text)
        self._show_languages(languages, held)

    def _new_cycle(self, counts: list[int]) -> None:
        self.cycle = counts
        self.cycle_changed.emit(counts)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        """Behind another screen: the next time it is drawn, it starts again from the first picture."""
        self.frames, self._cards = (), None
        super().hideEvent(event)

    def show_frame(self, lesson: int, index: int) -> None:
        """The loop moves: fade to picture `index` (with topic cards: of the card of lesson `lesson`)."""
        if self.topics is not None and not self.topics.isHidden():
            self.topics.show_frame(lesson, index, self.fade_ms)
            return
        if lesson != 0 or not 0 <= index < len(self.frames) or self.start.isHidden():
            return
        fade = self._fade()
        image, line = self.frames[index]
        fade.fade_to(*(image or ("", b"")))
        assert self._line_fade is not None
        self._line_fade.change(line)

    def _fade(self) -> CrossFade:
        """The cross-fading picture, in the place of the first screen's, made when the loop first moves."""
        from kiosk.ui.widgets.crossfade import CrossFade, LineFade

        if not isinstance(self.illustration, CrossFade):
            self.illustration = CrossFade.replacing(self.illustration, self.fade_ms)
            self._line_fade = LineFade(self.subtitle, self.illustration)
        self.illustration.fade_ms = self.fade_ms
        return self.illustration

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
