"""The attract screen's topic cards: one large card per lesson (its picture and title); a touch chooses it."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label


class TopicCard(NamedTuple):
    """What one card shows: the lesson it starts, its title and its picture (name, SVG bytes) if any."""

    lesson: str
    title: str
    image: tuple[str, bytes] | None


class _Card(QPushButton):
    """A button holding a picture above a wrapping title, so long titles and large text are never cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topic")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoDefault(False)
        self.picture = Illustration()
        self.label = text_label("topic_title")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.picture, 1)
        self._layout.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_card(self, card: TopicCard) -> None:
        self.setProperty("lesson", card.lesson)
        self.label.setText(card.title)
        if card.image:
            self.picture.set_svg(*card.image)
        self.picture.setVisible(card.image is not None)

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

    @property
    def cards(self) -> list[QPushButton]:
        return list(self._cards)

    def show_cards(self, cards: list[TopicCard]) -> None:
        """Draw one card per entry, in the given order; reuses the cards already built."""
        while len(self._cards) < len(cards):
            card = _Card(self)
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
