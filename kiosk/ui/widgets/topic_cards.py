"""The attract screen's topic cards: one large card per lesson (its picture, title and one line); a touch
chooses it. With the attract loop, the cards take turns: one card at a time fades to its lesson's next
picture and line (the loop's clock is the wiring's; a card only draws the picture it is told to).
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import PhraseLabel, layout_lines

if TYPE_CHECKING:
    from kiosk.ui.widgets.crossfade import CrossFade, LineFade
    from kiosk.ui.widgets.picture_store import PictureStore


# One picture of the attract loop: (name, SVG bytes), or None for no picture; and its line. A plain tuple, not
# a NamedTuple: this module is on the start-up path, and making a NamedTuple class costs it ~0.3 ms.
Frame = tuple[tuple[str, bytes] | None, str]


class TopicCard(NamedTuple):
    """What one card shows: the lesson it starts, its title, its loop's pictures (the first shown first), and a
    note under the title ("Japanese only": the lesson is not in the language shown), "" for none."""

    lesson: str
    title: str
    frames: tuple[Frame, ...]
    note: str = ""


class LoopLine(PhraseLabel):
    """A line that changes with the loop: as tall as the tallest of its lines, so nothing around it moves."""

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(role, parent)
        self.lines_to_come: list[str] = []
        self._tallest: dict[tuple[int, str], int] = {}  # (width, font) -> height; layouts ask many times

    def set_lines(self, lines: list[str]) -> None:
        """Every line the loop will show here (the height is reserved for the tallest)."""
        if lines != self.lines_to_come:
            self.lines_to_come, self._tallest = lines, {}
            self.updateGeometry()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        own = super().heightForWidth(width)
        if len(self.lines_to_come) < 2:
            return own
        key = (width, self.font().key())
        if key not in self._tallest:
            if len(self._tallest) > 32:
                self._tallest.clear()
            inner, extra = self._content_width(width), self._extra()[1]
            lines = [line for line in self.lines_to_come if line]
            heights = [self._height_of(layout_lines(line, self.font(), inner, self.balance)) + extra for line in lines]
            self._tallest[key] = max(heights, default=0)
        return max(own, self._tallest[key])


class NoteLabel(PhraseLabel):
    """A short note on a quiet fill (the style sheet's background and rounded corners), then its words."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        QFrame.paintEvent(self, event)  # the styled background: PhraseLabel paints only the words
        super().paintEvent(event)


def show_frame_now(picture: Illustration, line: QLabel, line_fade: "LineFade | None", frame: Frame) -> None:
    """A frame at once, no fade (a new screen, new content); before the loop first moves, `line_fade` is None."""
    if line_fade is not None:
        line_fade.stop()
    image, text = frame
    if image:
        picture.set_svg(*image)
    else:
        picture.clear()
    line.setText(text)


class _Card(QPushButton):
    """A button holding a picture above a wrapping title, so long titles and large text are never cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topic")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoDefault(False)
        self.picture: Illustration = Illustration()
        self.label = PhraseLabel("topic_title")
        self.note = NoteLabel("topic_note")  # a quiet tag, as wide as its words, centred under the title
        self.line = LoopLine("topic_line")
        for label in (self.label, self.note, self.line):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.note.hide()
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.picture, 1)
        self._layout.addWidget(self.label)
        self._layout.addWidget(self.note, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addWidget(self.line)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.frames: tuple[Frame, ...] = ()
        self._line_fade: LineFade | None = None

    def show_card(self, card: TopicCard) -> None:
        """Draw the card on its lesson's first picture, at once."""
        self.setProperty("lesson", card.lesson)
        self.label.setText(card.title)
        self.note.setText(card.note)
        self.note.setVisible(bool(card.note))
        self.frames = card.frames or ((None, ""),)
        self.line.set_lines([line for _, line in self.frames])
        show_frame_now(self.picture, self.line, self._line_fade, self.frames[0])
        self.picture.setVisible(any(image for image, _ in self.frames))
        self.line.setVisible(any(line for _, line in self.frames))

    def show_frame(self, index: int, fade_ms: int) -> None:
        """Fade to the loop's picture `index` and its line."""
        if not 0 <= index < len(self.frames):
            return
        fade = self._fade(fade_ms)
        image, line = self.frames[index]
        fade.fade_to(*(image or ("", b"")))
        assert self._line_fade is not None
        self._line_fade.change(line)

    def _fade(self, fade_ms: int) -> "CrossFade":
        """The cross-fading picture, made the first time the loop moves this card (never at start-up)."""
        from kiosk.ui.widgets.crossfade import CrossFade, LineFade

        if not isinstance(self.picture, CrossFade):
            self.picture = CrossFade.replacing(self.picture, fade_ms)
            self._line_fade = LineFade(self.line, self.picture)
        self.picture.fade_ms = fade_ms
        return self.picture

    def apply_metrics(self, m: Metrics) -> None:
        pad = m.px(24)
        self._layout.setContentsMargins(pad, pad, pad, pad)
        self._layout.setSpacing(m.px(12))
        self.picture.setMinimumHeight(m.px(120))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = self._layout.totalMinimumSize()
        return QSize(max(hint.width(), 1), max(hint.height(), 1))


class TopicCards(QWidget):
    """A grid of topic cards: up to three across in landscape; in portrait one across, two from four cards on."""

    chosen = Signal(str)  # the lesson id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._cards: list[_Card] = []
        self._landscape = True
        self._metrics: Metrics | None = None
        self.store: PictureStore | None = None  # given to each card's first picture (keep_pictures_in)

    def keep_pictures_in(self, store: "PictureStore | None") -> None:
        """The cards' first pictures come from `store` and are kept there (the attract page's store)."""
        self.store = store
        for card in self._cards:
            card.picture.store = store

    @property
    def cards(self) -> list[QPushButton]:
        return list(self._cards)

    def show_frame(self, lesson: int, index: int, fade_ms: int) -> None:
        """The loop's turn: card `lesson` fades to its picture `index`."""
        shown = [card for card in self._cards if not card.isHidden()]
        if 0 <= lesson < len(shown):
            shown[lesson].show_frame(index, fade_ms)

    def show_cards(self, cards: list[TopicCard]) -> None:
        """Draw one card per entry, in the given order; reuses the cards already built."""
        while len(self._cards) < len(cards):
            card = _Card(self)
            card.picture.store = self.store
            card.clicked.connect(lambda _=False, c=card: self.chosen.emit(str(c.property("lesson"))))
            if self._metrics is not None:
                card.apply_metrics(self._metrics)
            self._cards.append(card)
        for card in self._cards[len(cards) :]:
            card.hide()
        for card, topic in zip(self._cards, cards, strict=False):
            card.show_card(topic)
            card.show()
        self._place(len(cards))

    def set_landscape(self, landscape: bool) -> None:
        if landscape != self._landscape:
            self._landscape = landscape
            self._place(sum(1 for card in self._cards if not card.isHidden()))

    def apply_metrics(self, m: Metrics) -> None:
        self._metrics = m
        self._grid.setSpacing(m.gap)
        for card in self._cards:
            card.apply_metrics(m)

    def _place(self, shown: int) -> None:
        for card in self._cards:
            self._grid.removeWidget(card)
        columns = min(3, max(1, shown)) if self._landscape else (1 if shown <= 3 else 2)
        for index, card in enumerate(self._cards[:shown]):
            self._grid.addWidget(card, index // columns, index % columns)
