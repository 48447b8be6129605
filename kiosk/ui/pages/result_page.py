"""The result, with one focus: the score in friendly words as the largest text, a friendly picture, the three
take-home points, the QR code in a card with its caption beside it, the ask-at-the-desk words and one Finish.

The page places its parts itself from a plan made by arithmetic (result_fit): the bottom row first, then the
text column gets its height for its width, and the picture yields down to its stated floor.
"""

from __future__ import annotations

import unicodedata
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.content.model import ResultText, ScoreMessage
from kiosk.core.qr import QrMatrix
from kiosk.core.typeset import plain
from kiosk.ui.pages.result_fit import PICTURE_FLOOR, Plan, Rect, Room, drawn_height, plan
from kiosk.ui.theme.palette import NORMAL
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import PhraseLabel, text_label
from kiosk.ui.widgets.result_cards import PointsCard, QrCard
from kiosk.ui.widgets.rich_text import RichTextLabel

if TYPE_CHECKING:
    from kiosk.content.strings import UiStrings

QR_SIDE = 200  # design px: the code's side, quiet zone included (about 4 cm on a 22-inch screen at 1080 p)
IDEOGRAPHIC_SPACE = "\u3000"  # between a Japanese headline and its sentence run on
CAPTION_MIN_EM = 5  # the caption beside the code is never narrower than five of its characters (Japanese)
CAPTION_WIDE_EM = 8  # and is given eight when the room allows: it then reads in two or three lines, not six


class ResultPage(QWidget):
    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.score = PhraseLabel("score_words", self, balance=True)  # the focus: the largest text on the page
        self.headline = text_label("subheading", self)
        self.message = text_label("body", self)
        # The same two texts as one paragraph, the headline in bold, for when room is short (result_fit).
        self.message_run_on = RichTextLabel("body", self)
        self._message = ("", "")
        self.picture = Illustration(self)
        self.points_card = PointsCard(self)
        self.qr_card = QrCard(self)
        self.qr = self.qr_card.qr
        self.ask = text_label("subheading", self)
        self.finish = touch_button(role="primary", parent=self)
        self.finish.clicked.connect(self.finish_requested)
        self._metrics: Metrics | None = None
        self._landscape = True
        self._has_picture = False
        self.plan: Plan | None = None

    def show_result(
        self,
        words: str,
        message: ScoreMessage,
        result: ResultText,
        qr: QrMatrix | None,
        strings: UiStrings,
        picture: tuple[str, bytes] | None = None,
    ) -> None:
        """Draw the score in `words`, the message for it, the points, the code (if any) and the picture (if any)."""
        self.score.setText(words)
        self.headline.setText(message.headline)
        self.message.setText(message.text)
        self._message = (message.headline, message.text)
        self._set_run_on()
        self.points_card.show_points(result.heading, result.takeaways, result.safety)
        self.qr_card.setVisible(qr is not None)
        if qr is not None:
            self.qr_card.show_code(qr, strings.qr_caption)
        self._has_picture = picture is not None
        if picture is not None:
            self.picture.set_svg(*picture)
        else:
            self.picture.clear()
        self.picture.setVisible(self._has_picture)
        self.ask.setText(strings.ask_front_desk)
        self.finish.setText(strings.finish)
        self._place()

    def missing_picture(self) -> bool:
        """Whether the lesson's result picture is hidden or drawn below its floor (the layout checks ask)."""
        if not self._has_picture or self._metrics is None:
            return False
        drawn = self.picture.image_rect()
        return not self.picture.isVisible() or drawn.height() < PICTURE_FLOOR * self._metrics.scale - 1

    def _set_run_on(self) -> None:
        headline, text = self._message
        wide = bool(headline) and unicodedata.east_asian_width(plain(headline)[-1:]) in ("W", "F")
        joined = f"<p><strong>{escape(headline)}</strong>{IDEOGRAPHIC_SPACE if wide else ' '}{escape(text)}</p>"
        m = self._metrics
        self.message_run_on.set_body(joined, 0, m.palette if m else NORMAL)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._metrics, self._landscape = m, landscape
        self._set_run_on()
        self.points_card.set_sizes(m.px(36), m.px(24), m.px(12), m.px(10), m.palette)
        self.qr_card.set_sizes(m.px(20), m.px(24), m.px(QR_SIDE))
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place()

    def _word_labels(self, run_on: bool) -> list[QLabel]:
        return [self.score, self.message_run_on] if run_on else [self.score, self.headline, self.message]

    def _words_height(self, width: int, run_on: bool) -> int:
        gap = self._metrics.px(12) if self._metrics else 12
        labels = self._word_labels(run_on)
        return sum(label.heightForWidth(width) for label in labels) + gap * (len(labels) - 1)

    def _room(self, m: Metrics) -> Room:
        margin_x, top, bottom = m.margin, m.px(24), m.px(40)  # the aids bar is above
        self.finish.ensurePolished()
        hint = self.finish.sizeHint()
        caption = self.qr_card.caption
        caption.ensurePolished()
        caption_min = max(caption.minimumSizeHint().width(), caption.font().pixelSize() * CAPTION_MIN_EM)
        caption_wide = caption.font().pixelSize() * CAPTION_WIDE_EM  # plan() never takes it below caption_min
        code = m.px(20) * 2 + m.px(QR_SIDE) + m.px(24)  # the card's padding, the code and the gap beside it
        return Room(
            width=self.width() - 2 * margin_x,
            height=self.height() - top - bottom,
            gap=m.gap,
            words=self._words_height,
            points=self.points_card.heightForWidth,
            qr=self.qr_card.heightForWidth if self.qr_card.isVisibleTo(self) else None,
            qr_min_width=code + caption_min,
            qr_wide_width=code + caption_wide,
            ask=self.ask.heightForWidth,
            finish=(max(hint.width(), m.button_min_width), max(hint.height(), m.button_height)),
            ratio=self.picture.aspect_ratio() if self._has_picture else None,
            floor=PICTURE_FLOOR * m.scale,
        )

    def _place(self) -> None:
        m = self._metrics
        if m is None or self.width() <= 0 or not self.score.text():
            return
        room = self._room(m)
        found = self.plan = plan(room, self._landscape)
        x, y = m.margin, m.px(24)

        def put(widget: QWidget, rect: Rect) -> None:
            widget.setGeometry(x + rect[0], y + rect[1], rect[2], rect[3])

        put(self.points_card, found.points)
        put(self.qr_card, found.qr)
        put(self.ask, found.ask)
        put(self.finish, found.finish)
        put(self.picture, found.picture)
        if self._has_picture:  # shrunk below its floor it would be a stamp, not a picture: the checks report it
            self.picture.setVisible(drawn_height(found.picture[2], found.picture[3], room.ratio or 1) > 0)
        shown = self._word_labels(found.run_on)
        for word_label in (self.headline, self.message, self.message_run_on):
            word_label.setVisible(word_label in shown)
        gap, top = m.px(12), y + found.words[1]
        for label in shown:
            height = label.heightForWidth(found.words[2])
            label.setGeometry(x + found.words[0], top, found.words[2], height)
            top += height + gap
