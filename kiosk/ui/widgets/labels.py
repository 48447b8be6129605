"""Text labels as the kiosk needs them: lines broken between phrases, no orphan, never selectable.

A PhraseLabel is a QLabel (so style sheets, text() and the layout checks see one) that lays out and
paints its own lines: it measures the pieces between the break marks the content loader wrote
(kiosk.content.phrases) and fills lines with kiosk.core.typeset, balanced for headings and buttons.
No segmentation happens here, only measuring, which is cached per font and piece.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core.typeset import fill, pieces, plain, split_overlong
from kiosk.ui.theme.styles import LINE_HEIGHT_EM

# Roles whose lines are balanced (a two-line heading in two even lines); the rest fill greedily.
BALANCED_ROLES = frozenset(
    {"heading", "title", "subtitle", "subheading", "answer_text", "banner_right", "banner_wrong", "countdown"}
)
_ADVANCES: dict[tuple[str, str], float] = {}  # (font key, piece) -> advance; bounded below
_MAX_ADVANCES = 20000


def _advance(metrics: QFontMetricsF, key: str, text: str) -> float:
    found = _ADVANCES.get((key, text))
    if found is None:
        if len(_ADVANCES) > _MAX_ADVANCES:
            _ADVANCES.clear()
        found = _ADVANCES[(key, text)] = metrics.horizontalAdvance(text)
    return found


def layout_lines(text: str, font: QFont, width: float, balance: bool, wrap: bool = True) -> list[list[str]]:
    """The lines of `text` at this width, per hard line: what a PhraseLabel paints and the checks read."""
    metrics, key = QFontMetricsF(font), font.key()
    result: list[list[str]] = []
    for hard_line in pieces(text):
        texts = [plain(piece) for piece in hard_line]
        if not wrap:
            result.append(["".join(texts).rstrip()])
            continue
        spread: list[str] = []
        for piece in texts:  # a piece wider than any line is split by character (the checks report it)
            too_wide = _advance(metrics, key, piece.rstrip()) > width
            spread += split_overlong(piece) if too_wide else [piece]
        widths = [_advance(metrics, key, piece) for piece in spread]
        spaces = [width_ - _advance(metrics, key, p.rstrip()) for p, width_ in zip(spread, widths, strict=True)]
        starts = fill(spread, widths, spaces, width, balance)
        ends = [*starts[1:], len(spread)]
        result.append(["".join(spread[a:b]).rstrip() for a, b in zip(starts, ends, strict=True)])
    return result


def natural_width(text: str, font: QFont) -> float:
    """The widest hard line unwrapped, measured as the line breaker measures (piece by piece)."""
    metrics, key = QFontMetricsF(font), font.key()
    widest = 0.0
    for hard_line in pieces(text):
        texts = [plain(piece) for piece in hard_line]
        total = sum(_advance(metrics, key, piece) for piece in texts)
        if texts and texts[-1].endswith(" "):
            total -= _advance(metrics, key, texts[-1]) - _advance(metrics, key, texts[-1].rstrip())
        widest = max(widest, total)
    return widest


class PhraseLabel(QLabel):
    """A wrapping plain-text label styled by its role (objectName); breaks lines only between phrases."""

    def __init__(self, role: str, parent: QWidget | None = None, balance: bool | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(role)
        self.balance = role in BALANCED_ROLES if balance is None else balance
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # never guess rich text
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setOpenExternalLinks(False)
        self._cache: dict[tuple[str, str, int, bool], list[list[str]]] = {}

    def lines(self, width: int | None = None) -> list[list[str]]:
        """The laid-out lines per hard line, at the current (or a given) content width."""
        self.ensurePolished()  # the style sheet's font, even before the label is first shown
        if width is None:
            width = self._content_width(self.width())
        key = (self.text(), self.font().key(), width, self.wordWrap())
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 32:
                self._cache.clear()
            found = self._cache[key] = layout_lines(self.text(), self.font(), width, self.balance, self.wordWrap())
        return found

    def _content_width(self, width: int) -> int:
        margins = self.contentsMargins()
        return max(1, width - margins.left() - margins.right() - 2 * self.margin())

    def _extra(self) -> tuple[int, int]:
        margins = self.contentsMargins()
        extra = 2 * self.margin()
        return margins.left() + margins.right() + extra, margins.top() + margins.bottom() + extra

    text_block = False  # a block of reading text (the explanation card): the slide body's line height, 1.6

    def line_spacing(self, font: QFont | None = None) -> float:
        """A text block has the line height of every text block, 1.6; headings, buttons and short messages
        keep the font's own (of the label's font, or of `font`)."""
        font = font or self.font()
        natural = QFontMetricsF(font).lineSpacing()
        if not self.text_block or not self.wordWrap() or font.pixelSize() <= 0:
            return natural
        return max(natural, LINE_HEIGHT_EM * font.pixelSize())

    def _height_of(self, lines: list[list[str]], font: QFont | None = None) -> int:
        return math.ceil(self._count(lines) * self.line_spacing(font))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return self.wordWrap()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        if not self.text():
            return 0
        return self._height_of(self.lines(self._content_width(width))) + self._extra()[1]

    def height_in(self, font: QFont, width: int) -> int:
        """The height the text would take at this width set in another font (an answer measured in its
        unmarked, bold font whatever its mark: a dim answer's lighter font must not make it shorter)."""
        if font.key() == self.font().key():
            return self.heightForWidth(width)
        if not self.text():
            return 0
        lines = layout_lines(self.text(), font, self._content_width(width), self.balance, self.wordWrap())
        return self._height_of(lines, font) + self._extra()[1]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        self.ensurePolished()
        if not self.text():
            return QSize(0, 0)
        extra_w, extra_h = self._extra()
        if not self.wordWrap():
            width = math.ceil(natural_width(self.text(), self.font()))
            return QSize(width + extra_w, self._height_of(self.lines(width)) + extra_h)
        # As QLabel does: at most 80 average characters wide, then narrower while that stays short.
        metrics = QFontMetricsF(self.font())
        trial = metrics.averageCharWidth() * 80
        lines = self.lines(math.floor(trial))
        for limit, divisor in ((4, 2), (2, 4)):
            if self._count(lines) < limit and self._used(lines, metrics) > trial / divisor:
                lines = self.lines(math.floor(trial / divisor))
        return QSize(math.ceil(self._used(lines, metrics)) + extra_w, self._height_of(lines) + extra_h)

    @staticmethod
    def _count(lines: list[list[str]]) -> int:
        return sum(len(hard_line) for hard_line in lines)

    @staticmethod
    def _used(lines: list[list[str]], metrics: QFontMetricsF) -> float:
        return max((metrics.horizontalAdvance(line) for hard_line in lines for line in hard_line), default=0.0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        if not self.wordWrap() or not self.text():
            return self.sizeHint()
        metrics = QFontMetricsF(self.font())
        every = [plain(piece).rstrip() for line in pieces(self.text()) for piece in line]
        widest = max((metrics.horizontalAdvance(piece) for piece in every), default=0)
        extra_w, extra_h = self._extra()
        return QSize(math.ceil(widest) + extra_w, math.ceil(self.line_spacing()) + extra_h)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self.text():
            return
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))  # palette() is in the widget's colour group
        rect = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(), -self.margin())
        flat = [line for hard_line in self.lines(rect.width()) for line in hard_line]
        metrics = QFontMetricsF(self.font())
        spacing = self.line_spacing()
        top = _aligned_top(self.alignment(), rect, len(flat) * spacing) + (spacing - metrics.lineSpacing()) / 2
        for number, line in enumerate(flat):
            width = metrics.horizontalAdvance(line)
            if self.alignment() & Qt.AlignmentFlag.AlignHCenter:
                x = rect.left() + (rect.width() - width) / 2
            elif self.alignment() & Qt.AlignmentFlag.AlignRight:
                x = rect.right() + 1 - width
            else:
                x = rect.left()
            painter.drawText(QPointF(x, top + number * spacing + metrics.ascent()), line)
        painter.end()


def _aligned_top(alignment: Qt.AlignmentFlag, rect: QRect, height: float) -> float:
    if alignment & Qt.AlignmentFlag.AlignVCenter:
        return rect.top() + (rect.height() - height) / 2
    if alignment & Qt.AlignmentFlag.AlignBottom:
        return rect.bottom() + 1 - height
    return rect.top()


def text_label(role: str, parent: QWidget | None = None) -> PhraseLabel:
    """A wrapping label styled by `role` (its objectName) that breaks between phrases and never selects text."""
    return PhraseLabel(role, parent)
