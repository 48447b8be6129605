"""Large answer buttons that never move: a column of equal heights, a mark slot reserved from the start.

Answering only restyles the buttons (colour, icon, a word in the reserved slot); sizes depend on the answer
texts and the width alone, so nothing under the patient's finger moves or reflows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label

# mark -> the button's role in the style sheet; "dim" is an answer that is neither chosen nor right.
ROLES = {"": "answer", "right": "answer_right", "wrong": "answer_wrong", "dim": "answer_dim"}
WORDS_SHARE = 0.18  # the words' slot at most this share of the answer's width


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
        self._column_width = 0
        self._words_allowed = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_answer(self, text: str, words: tuple[str, ...]) -> None:
        """The answer's text, unmarked; `words` are every word the slot may show, so it is wide enough for each."""
        self.label.setText(text)
        self._words = words
        self.set_mark("", None, "")  # first: the slot is measured in the unmarked role's fonts, whatever came before
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

    def apply_metrics(self, m: Metrics) -> None:
        self._min_height = m.button_height
        self.icon_view.setFixedSize(m.px(48), m.px(48))
        self._layout.setContentsMargins(m.px(32), m.px(12), m.px(28), m.px(12))
        self._layout.setSpacing(m.px(20))
        self._size_slot()

    def set_column_width(self, width: int, words: bool = True) -> None:
        """The column's width decides whether the words fit in the slot (else the icon alone, with colour)."""
        if (width, words) != (self._column_width, self._words_allowed):
            self._column_width, self._words_allowed = width, words
            self._size_slot()

    def _size_slot(self) -> None:
        """The slot is as wide as its widest word and as tall as icon plus word, answered or not."""
        self.tag.ensurePolished()
        metrics = self.tag.fontMetrics()
        width = max([self.icon_view.width(), *(metrics.horizontalAdvance(w) + 4 for w in self._words)])
        # Words that would take more than a fifth of the answer's width squeeze its text: icon alone then.
        with_words = self._words_allowed and width <= self._column_width * WORDS_SHARE
        self.tag.setVisible(with_words)
        width = width if with_words else self.icon_view.width()
        self.tag.setFixedSize(width, metrics.height())
        self.slot.setFixedSize(width, self.icon_view.height() + (metrics.height() if with_words else 0))
        self._layout.invalidate()  # its cached height for width knew the old slot
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        # Computed, not asked of the layout: its cache may still hold the slot's previous width.
        margins = self._layout.contentsMargins()
        text_width = width - margins.left() - margins.right() - self._layout.spacing() - self.slot.width()
        inner = max(self.label.heightForWidth(max(1, text_width)), self.slot.height())
        return max(self._min_height, inner + margins.top() + margins.bottom())

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
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def shown(self) -> list[AnswerButton]:
        return [button for button in self.buttons if not button.isHidden()]

    def answer_height(self, width: int) -> int:
        """The one height every shown answer gets at this width."""
        return max((button.heightForWidth(width) for button in self.shown()), default=0)

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
        for button in self.buttons:
            button.set_column_width(width)
        if self.height() > 0 and self.heightForWidth(width) > self.height():  # too tall: the icons alone
            for button in self.buttons:
                button.set_column_width(width, words=False)
        height = self.answer_height(width)
        top = max(0, (self.height() - self.heightForWidth(width)) // 2)
        for button in self.shown():
            button.setGeometry(0, top, width, height)
            top += height + self.spacing
        self.setMinimumHeight(self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.place()
