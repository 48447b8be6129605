"""Large answer buttons that never move: a column of equal heights, a mark slot shown once answered.

Before answering the text has the button's full width (the slot for the mark is hidden, so a short answer
does not wrap early); answering shows the slot (icon and words) beside the text. The height is the larger of
the two, fixed from the start: sizes depend on the answer texts, the words and the width alone, so nothing
under the patient's finger moves. The words
("正解", "選んだ答え") show at every size, on one line under the icon: in the caption size, or (large text on
a small screen) at the body-text floor of 32 px at 1080 p when the larger words would make the answers taller.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import natural_width, text_label

# mark -> the button's role in the style sheet; "dim" is an answer that is neither chosen nor right.
ROLES = {"": "answer", "right": "answer_right", "wrong": "answer_wrong", "dim": "answer_dim"}
WORDS_FLOOR_PX = 32  # at 1080 p: the smallest the words may get (DESIGN.md's body-text floor)


class AnswerButton(QPushButton):
    """The answer text in a wrapping label, then a fixed slot for the icon and its word once answered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="answer")  # type: ignore[call-overload]  # PySide6's stubs omit QObject's property keywords
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label = text_label("answer_text")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.slot = QWidget()
        self.slot.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.icon_view = Illustration()
        self.tag = text_label("answer_tag")
        self.tag.setWordWrap(False)
        self.tag.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tag_sizes: tuple[int, ...] = (32,)  # the words' font sizes to choose from, largest first
        self._tag_px = 0  # the size chosen (a style sheet of the tag's own: role changes keep it)
        column = QVBoxLayout(self.slot)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.icon_view, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.tag)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self.label, 1)
        self._layout.addWidget(self.slot, 0, Qt.AlignmentFlag.AlignVCenter)
        self._min_height = 112
        self._words: tuple[str, ...] = ()
        self._plain_font: QFont | None = None  # the unmarked answer's font: every state is measured in its weight
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_answer(self, text: str, words: tuple[str, ...]) -> None:
        """The answer's text, unmarked; `words` are every word the slot may show, so it is wide enough for each."""
        self.label.setText(text)
        self._words = words
        self.set_mark("", None, "")  # first: the slot is measured in the unmarked role's fonts, whatever came before
        self.label.ensurePolished()
        self._plain_font = QFont(self.label.font())  # its weight: the answer's own, bold
        self._size_slot()

    def set_mark(self, mark: str, icon: bytes | None, word: str) -> None:
        """mark: "", "right", "wrong" or "dim"; an icon and a word go with colour, never colour alone."""
        role = ROLES[mark]
        if self.objectName() != role:
            self.setObjectName(role)
            for widget in (self, self.label, self.tag):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        if icon is not None:
            self.icon_view.set_svg(mark, icon)
        else:
            self.icon_view.clear()
        self.tag.setText(word)
        self.slot.setVisible(bool(mark) and mark != "dim")

    def apply_metrics(self, m: Metrics) -> None:
        self._min_height = m.button_height
        self.icon_view.setFixedSize(m.px(48), m.px(48))
        floor = m.px(WORDS_FLOOR_PX)  # never below, even with the question's text stepped down to fit
        self.tag_sizes = tuple(sorted({max(floor, m.caption), floor}, reverse=True))
        self._tag_px = self._tag_px if self._tag_px in self.tag_sizes else self.tag_sizes[0]
        self._apply_tag_px()
        self._layout.setContentsMargins(m.px(32), m.px(12), m.px(28), m.px(12))
        self._layout.setSpacing(m.px(20))
        self._size_slot()

    def set_tag_px(self, px: int) -> None:
        """The words' font size (one of tag_sizes); the column picks one for all its answers."""
        if px != self._tag_px:
            self._tag_px = px
            self._apply_tag_px()
            self._size_slot()

    def _apply_tag_px(self) -> None:
        self.tag.setStyleSheet(f"QLabel {{ font-size: {self._tag_px}px; }}")

    def slot_size(self, px: int) -> QSize:
        """The slot for the icon with the widest word under it, in words of `px` pixels."""
        self.tag.ensurePolished()
        font = QFont(self.tag.font())
        font.setPixelSize(px)
        icon = self.icon_view.size()
        if not self._words:
            return icon
        width = max(icon.width(), max(math.ceil(natural_width(word, font)) for word in self._words) + 4)
        return QSize(width, icon.height() + math.ceil(QFontMetricsF(font).lineSpacing()))

    def _size_slot(self) -> None:
        """The slot is the same size answered or not: the words shown once answered always fit it."""
        size = self.slot_size(self._tag_px)
        self.tag.setFixedSize(size.width(), size.height() - self.icon_view.height())
        self.slot.setFixedSize(size)
        self._layout.invalidate()  # its cached height for width knew the old slot
        self.updateGeometry()

    def height_with(self, width: int, slot: QSize) -> int:
        """The button's height at this width with a slot of this size: the taller of the text alone (before
        answering) and the text beside the slot (after), so answering never changes it."""
        margins = self._layout.contentsMargins()
        full = width - margins.left() - margins.right()
        text_width = full - self._layout.spacing() - slot.width()
        label = self.label
        label.ensurePolished()
        font = QFont(label.font())  # its size now, in the unmarked answer's weight (a dim one is lighter)
        if self._plain_font is not None and self.objectName() != ROLES[""]:
            font.setWeight(self._plain_font.weight())
        inner = max(label.height_in(font, max(1, text_width)), slot.height(), label.height_in(font, full))
        return max(self._min_height, inner + margins.top() + margins.bottom())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        # Computed, not asked of the layout: its cache may still hold the slot's previous width.
        return self.height_with(width, self.slot.size())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = self._layout.totalSizeHint()
        return QSize(hint.width(), max(self._min_height, hint.height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._min_height * 2, self._min_height)


class AnswerColumn(QWidget):
    """Places the answers itself: all as tall as the tallest, centred as a group in the space given."""

    def __init__(self, buttons: list[AnswerButton], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons = buttons
        for button in buttons:
            button.setParent(self)
        self.spacing = 24
        # What the unanswered answers got (words' size, height) per width, texts and text size: answered, the same
        # answers get exactly that, however their marks measure (nothing under the finger moves).
        self._unanswered: dict[tuple[object, ...], tuple[int, int]] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def shown(self) -> list[AnswerButton]:
        return [button for button in self.buttons if not button.isHidden()]

    def answer_height(self, width: int) -> int:
        """The one height every shown answer gets at this width (as unanswered, when they were shown so)."""
        kept = self._unanswered.get(self._key(width))
        if kept is not None:
            return kept[1]
        return max((button.heightForWidth(width) for button in self.shown()), default=0)

    def _key(self, width: int) -> tuple[object, ...]:
        shown = self.shown()
        fonts = tuple((b.label.font().family(), b.label.font().pixelSize(), b.tag_sizes) for b in shown)
        return (width, tuple(b.label.text() for b in shown), fonts)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        count = len(self.shown())
        return count * self.answer_height(width) + max(0, count - 1) * self.spacing

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(600, self.heightForWidth(600))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, self.heightForWidth(self.width()) if self.width() > 0 else 0)

    def place(self) -> None:
        """Lay the answers out for the current size and texts (call after the texts change)."""
        width = self.width()
        shown = self.shown()
        for button in shown:
            button.label.ensurePolished()
        key = self._key(width)
        unanswered = all(button.objectName() == ROLES[""] for button in shown)
        if shown and (unanswered or key not in self._unanswered):
            # the largest words that make the answers no taller than the smallest words would
            sizes = shown[0].tag_sizes
            tallest = {px: max(b.height_with(width, b.slot_size(px)) for b in shown) for px in sizes}
            chosen = next(px for px in sizes if tallest[px] <= min(tallest.values()))
            for button in self.buttons:
                button.set_tag_px(chosen)
            if unanswered:
                if len(self._unanswered) > 64:
                    self._unanswered.clear()
                self._unanswered[key] = (chosen, max(b.heightForWidth(width) for b in shown))
        elif shown:
            for button in self.buttons:
                button.set_tag_px(self._unanswered[key][0])
        height = self.answer_height(width)
        top = max(0, (self.height() - self.heightForWidth(width)) // 2)
        for button in self.shown():
            button.setGeometry(0, top, width, height)
            top += height + self.spacing
        self.setMinimumHeight(self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.place()
