"""One quiz question: the question large, answers centred; answering marks them in place and opens a panel.

The answers never move: the panel with the explanation, "see the slide" and Next appears in space kept for it
beside the answers (below them in portrait), where the picture of the slide it refers to was. In landscape the
question and answers take the narrowest column (half, 58 % or two thirds of the width) in which every answer fits
and, if one does, the card too; the question stays on screen after answering.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Question
from kiosk.ui.theme.styles import Metrics, style_sheet
from kiosk.ui.widgets.answer_button import WORDS_FLOOR_PX, AnswerButton, AnswerColumn
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label

if TYPE_CHECKING:
    from kiosk.content.strings import UiStrings

MAX_ANSWERS = 4
PICTURE_SHARE = 0.8  # the referred slide's picture: small, at most this share of the space beside the answers
ANSWER_SHARES = (50, 58, 67)  # landscape: the question and answers' share of the width, the narrowest that fits
PROMPT_LINES = 2  # a question longer than this many lines at the widest column is set at the heading size
# A question that would not fit the screen at the visit's text size is set a step smaller, one step at a time:
# larger text (1.25 x) halfway back, then the normal size, then the floor. The floor keeps every text of the
# question and its card at DESIGN.md's minimums at 1080 p: button words 36 -> 32 px, answers and explanation
# 40 -> 36 px (body >= 32), the question and the verdict 56-58 -> 50-52 px (headings >= 48).
TEXT_FLOOR = 32 / 36


def invalidate_all(layout: QLayout) -> None:
    """Forget the heights a layout and its inner layouts cached (a hidden card's text changed under them)."""
    layout.invalidate()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        inner = item.layout() if item is not None else None
        if inner is not None:
            invalidate_all(inner)


class SidePanel(QWidget):
    """The space beside the answers: the slide's picture before answering, the feedback card after."""

    placed = Signal(bool)  # placed again on its own (the card changed); whether the card fit below the question

    def __init__(self, picture: Illustration, card: QFrame, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture, self.card = picture, card
        picture.setParent(self)
        card.setParent(self)
        self.centred = True  # landscape: the card centred beside the answers; portrait: at the top
        self.reserved: Callable[[], int] = lambda: 0  # the page says where the question's lines end
        # Its size comes from the page's layout only, never from what it shows: the answers keep theirs.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        card.installEventFilter(self)  # the card's text or font changed: size it again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.card and event.type() == QEvent.Type.LayoutRequest:
            self.placed.emit(self.place())
        return False

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, 0)

    def card_height(self) -> int:
        layout = self.card.layout()
        if layout is None:
            return 0
        invalidate_all(layout)
        return layout.totalHeightForWidth(self.width())

    def place(self) -> bool:
        """Place the picture or card below the question's lines; False when the card needs the full height."""
        width, height = self.width(), self.height()
        below = min(max(0, self.reserved()), height)
        side = round(min(width, height - below) * PICTURE_SHARE)
        self.picture.setGeometry((width - side) // 2, below + (height - below - side) // 2, side, side)
        card = self.card_height()
        fits = self.card.isHidden() or card <= height - below
        # A long explanation with large text on a small screen: the card takes the full height.
        top = below if fits else 0
        card = min(card, height - top)
        offset = (height - top - card) // 2 if self.centred else 0
        self.card.setGeometry(0, top + offset, width, card)
        return fits

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.placed.emit(self.place())


class QuestionPage(QWidget):
    """Shows a question as given; reports touches. Scoring is the flow's business."""

    answer_chosen = Signal(int)  # position on screen
    next_requested = Signal()
    review_requested = Signal()
    home_requested = Signal()

    def __init__(self, icons: dict[str, bytes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._icons = icons
        self.prompt = text_label("question")
        self.answers = [AnswerButton() for _ in range(MAX_ANSWERS)]
        for index, button in enumerate(self.answers):
            button.clicked.connect(lambda _=False, i=index: self.answer_chosen.emit(i))
        self.answer_column = AnswerColumn(self.answers)
        # The feedback card: verdict, explanation, then "see the slide" and Next.
        self.feedback = QFrame()
        self.feedback.setObjectName("card")
        self.verdict_icon = Illustration()
        self.verdict = text_label("banner_right")
        self.explanation = text_label("body")
        self.explanation.text_block = True  # read as a paragraph: the slide body's line height
        self.review = touch_button()
        self.next = touch_button(role="primary")
        self.review.clicked.connect(self.review_requested)
        self.next.clicked.connect(self.next_requested)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_icon)
        verdict_row.addWidget(self.verdict, 1)
        self._actions = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._actions.addWidget(self.review)
        self._actions.addStretch(1)
        self._actions.addWidget(self.next)
        self._feedback_layout = QVBoxLayout(self.feedback)
        self._feedback_layout.addLayout(verdict_row)
        self._feedback_layout.addWidget(self.explanation)
        self._feedback_layout.addLayout(self._actions)
        self.picture = Illustration()
        self.side = SidePanel(self.picture, self.feedback)
        self.side.reserved = self._reserved
        self.side.placed.connect(self._show_prompt)
        policy = self.prompt.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the answers below it never move
        self.prompt.setSizePolicy(policy)
        self._answered = False
        # The bar: Home, and the counter ("Quiz 2 / 5") where the slides show theirs.
        self.home = touch_button()
        self.home.clicked.connect(self.home_requested)
        self.progress = text_label("progress")
        self.progress.setWordWrap(False)
        self.bar = QWidget()
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.home)
        bar.addStretch(1)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        self._grid = QGridLayout(self)
        self._landscape: bool | None = None
        self._share = ANSWER_SHARES[0]
        self._wide_prompt = False  # the last resort: the question across the page
        self._longest_verdict = ""
        self._base: Metrics | None = None  # the window's metrics (the visit's text size)
        self._metrics: Metrics | None = None  # the ones in use: the base, or its text stepped down to fit
        self._fitted: tuple[object, ...] = ()  # what the text size was last chosen for
        self._fit_cache: dict[tuple[object, ...], float] = {}
        self._shares: dict[tuple[object, ...], int | None] = {}  # the column chosen unanswered, per question

    def show_question(
        self,
        question: Question,
        order: tuple[int, ...],
        chosen: int | None,
        number: int,
        total: int,
        strings: UiStrings,
        picture: tuple[str, bytes] | None = None,
    ) -> None:
        """Draw the question; `order` maps screen positions to answers; `chosen` is a file-order index."""
        self.progress.setText(strings.question_progress.format(current=number, total=total))
        self.prompt.setText(question.prompt)
        self._lay_prompt()
        answered = chosen is not None
        self._answered = answered
        words = (strings.answer_right_tag, strings.answer_chosen_tag)
        for position, button in enumerate(self.answers):
            button.setHidden(position >= len(order))
            if position >= len(order):
                continue
            index = order[position]
            button.set_answer(question.answers[index].text, words)
            if not answered:
                continue
            if index == question.right_index:
                button.set_mark("right", self._icons.get("tick"), words[0])
            elif index == chosen:
                button.set_mark("wrong", self._icons.get("cross"), words[1])
            else:
                button.set_mark("dim", None, "")
        # The card's words before measuring (the column's width depends on the answers and on the card).
        self._longest_verdict = max(strings.right, strings.wrong, key=len)
        self.verdict.setText(self._longest_verdict)
        self.explanation.setText(question.explanation)
        self.review.setText(strings.see_slide)
        self.next.setText(strings.see_result if number == total else strings.next_question)
        self._fit_text()
        self._lay_prompt()
        self.answer_column.place()
        if picture is not None:
            self.picture.set_svg(*picture)
        self.picture.setVisible(picture is not None and not answered)
        self.feedback.setVisible(answered)
        if answered:
            right = chosen == question.right_index
            self.verdict.setObjectName("banner_right" if right else "banner_wrong")
            self.verdict.style().unpolish(self.verdict)
            self.verdict.style().polish(self.verdict)
            self.verdict.setText(strings.right if right else strings.wrong)
            icon = self._icons.get("tick" if right else "cross")
            if icon is not None:
                self.verdict_icon.set_svg("tick" if right else "cross", icon)
            self.explanation.setText(question.explanation)
            self.review.setText(strings.see_slide)
            self.next.setText(strings.see_result if number == total else strings.next_question)
            self._arrange_actions()
        self.home.setText(strings.home)
        self._place_side()
        self._grid.activate()  # settled now: the answers are where they will stay before any touch
        self.answer_column.place()

    @property
    def text_scale(self) -> float:
        """The text scale the question is set at (the visit's, or stepped down so it fits the screen)."""
        metrics = self._metrics or self._base
        return metrics.text_scale if metrics is not None else 1.0

    def _fit_text(self) -> None:
        """The largest text size (the visit's, then one step down at a time to TEXT_FLOOR) at which the question,
        every answer and the feedback card fit the screen, the question in place. Chosen from the texts and the size
        alone, before any answer is touched (answered, the same choice, so nothing moves); remembered per question
        and size."""
        base = self._base
        if base is None or self.width() <= 0:
            return
        texts = (self.prompt.text(), tuple(b.label.text() for b in self.answer_column.shown()), self.explanation.text())
        key = (texts, self.width(), self.height(), base, self._longest_verdict, self.next.text(), self.review.text())
        if key == self._fitted:
            return
        self._fitted = key
        middle = (base.text_scale + base.scale) / 2
        candidates = {base.text_scale, middle, base.scale, base.scale * TEXT_FLOOR}
        steps = sorted((scale for scale in candidates if scale <= base.text_scale), reverse=True)
        known = self._fit_cache.get(key)
        for text_scale in [known] if known is not None else steps:
            self._use_text(base._replace(text_scale=text_scale))
            if self._fits():
                break
        if len(self._fit_cache) > 64:
            self._fit_cache.clear()
        self._fit_cache[key] = self.text_scale

    def _use_text(self, metrics: Metrics) -> None:
        """Set the question, answers, card and bar at these metrics: the window's style sheet, or their own."""
        if metrics == self._metrics:
            return
        self._metrics = metrics
        own = metrics != self._base
        family = str(getattr(self.window(), "font_family", ""))
        sheet = style_sheet(metrics, family=family) if own else ""
        for styled in self._own_text():
            styled.setStyleSheet(sheet)
        # The counter is caption-sized: stepped, it keeps the body-text floor (32 px at 1080 p), as the answers'
        # mark words do; its own sheet wins over the bar's.
        floor = f"QLabel {{ font-size: {max(metrics.caption, metrics.px(WORDS_FLOOR_PX))}px; }}"
        self.progress.setStyleSheet(floor if own else "")
        for button in self.answers:
            button.apply_metrics(metrics)

    def _own_text(self) -> list[QWidget]:
        """What takes the page's stepped-down text: the question, the answers, the card, and the bar (Home and the
        counter), so Home is never set larger than the card's buttons. Home stays a full touch target (its height
        is the layout's 112 px at 1080 p, not its words'), in its place; only its words are smaller."""
        return [self.prompt, self.answer_column, self.feedback, self.bar]

    def _fits(self) -> bool:
        """Whether the question and answers fit their column and the card its place, the question staying."""
        self._grid.activate()
        if self._landscape:
            self._choose_share()
            return not self._wide_prompt
        margins = self._grid.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        height = self.height() - margins.top() - margins.bottom() - 3 * self._grid.verticalSpacing()
        needed = self.prompt.heightForWidth(width) + self.answer_column.heightForWidth(width)
        needed += self._card_height(width) + self.bar.sizeHint().height()
        return needed <= height

    def fixed_bars(self) -> list[QWidget]:
        """What stays still when the question changes: the bar with Home and the counter."""
        return [self.bar]

    def _choose_share(self) -> None:
        """Landscape: the narrowest column for the question and answers in which all the answers fit under the
        question and the feedback card fits beside them (four long answers with larger text need more than half
        the width); else the narrowest in which the answers fit. The question stays in its column, always shown."""
        if not self._landscape:
            return
        margins = self._grid.contentsMargins()
        inner = self.width() - margins.left() - margins.right() - self._grid.horizontalSpacing()
        height = self.height() - margins.top() - margins.bottom() - self._grid.verticalSpacing()
        side_height = height - self.bar.sizeHint().height() - self._grid.verticalSpacing()  # a spacing to spare
        self._size_prompt(inner * ANSWER_SHARES[-1] // 100)
        self._loose_explanation(True)
        # Answered, the question keeps the column it had unanswered (measured once: nothing moves on a touch).
        key = (self._fitted, self.text_scale, self.width(), self.height())
        chosen = None
        if self._answered and key in self._shares:
            chosen = self._shares[key]
        else:
            for share in ANSWER_SHARES:
                width = inner * share // 100
                if self.prompt.heightForWidth(width) + self.answer_column.heightForWidth(width) > height:
                    continue
                if self._card_height(inner - width) <= side_height:
                    chosen = share
                    break
            if not self._answered:
                if len(self._shares) > 64:
                    self._shares.clear()
                self._shares[key] = chosen
        # Nowhere does the card fit beside the answers (large text, small screen): as before, the question runs
        # across the page at half width, and once answered the card also takes the question's lines.
        self._set_wide(chosen is None)
        self._loose_explanation(chosen is not None)  # the last resort sets the explanation solid, too
        chosen = chosen or ANSWER_SHARES[0]
        if chosen != self._share:
            self._share = chosen
            self._grid.setColumnStretch(0, chosen)
            self._grid.setColumnStretch(1, 100 - chosen)
        self._grid.activate()  # the side's new width now, so the card's buttons are arranged for it
        self._arrange_actions()

    def _size_prompt(self, width: int) -> None:
        """A long question (more than PROMPT_LINES lines at this width) is set at the heading size (48 px at
        1080 p) instead of the question's own 58 px, so four answers still fit under it."""
        role = "question"
        self._set_prompt_role(role)
        lines = self.prompt.heightForWidth(width) / max(1.0, self.prompt.line_spacing())
        if lines > PROMPT_LINES + 0.5:
            role = "question_long"
        self._set_prompt_role(role)

    def _set_prompt_role(self, role: str) -> None:
        if self.prompt.objectName() != role:
            self.prompt.setObjectName(role)
            self.prompt.style().unpolish(self.prompt)
            self.prompt.style().polish(self.prompt)

    def _card_height(self, width: int) -> int:
        """The feedback card's height at this width, its buttons in a row or stacked as they would be, with the
        longer verdict (the layout must not depend on which answer was chosen)."""
        self._arrange_actions(width)
        layout = self.feedback.layout()
        if layout is None:
            return 0
        shown = self.verdict.text()
        self.verdict.setText(self._longest_verdict or shown)
        invalidate_all(layout)
        height = layout.totalHeightForWidth(width)
        self.verdict.setText(shown)
        return height

    def _lay_prompt(self) -> None:
        """Landscape: the question and answers' column gets its width (the question never leaves it)."""
        if self._landscape:
            self._choose_share()

    def _loose_explanation(self, loose: bool) -> None:
        """The explanation at the text blocks' 1.6 line height, or (the last resort) at the font's own."""
        if self.explanation.text_block != loose:
            self.explanation.text_block = loose
            self.explanation.updateGeometry()

    def _set_wide(self, wide: bool) -> None:
        if wide != self._wide_prompt:
            self._wide_prompt = wide
            self._grid.removeWidget(self.prompt)
            self._grid.addWidget(self.prompt, 0, 0, 1, 2 if wide else 1)

    def _reserved(self) -> int:
        """How far down the side panel the question runs (across the page, in the last resort), else 0."""
        if not (self._landscape and self._wide_prompt):
            return 0
        return self.prompt.geometry().bottom() + 1 + self._grid.verticalSpacing() - self.side.y()

    def _place_side(self) -> None:
        self._grid.activate()  # the question's geometry, now, not at the next layout pass
        self._show_prompt(self.side.place())

    def _show_prompt(self, card_fits: bool) -> None:
        """The question stays on screen after answering, except in the last resort: when the card fits beside the
        answers at no width, it takes the question's lines (its place is kept, so the answers stay put)."""
        self.prompt.setHidden(self._answered and self._wide_prompt and not card_fits)

    def _arrange_actions(self, width: int | None = None) -> None:
        """ "See the slide" and Next side by side when the card is wide enough, else one above the other."""
        margins = self._feedback_layout.contentsMargins()
        room = (self.side.width() if width is None else width) - margins.left() - margins.right()
        needed = self.review.sizeHint().width() + self.next.sizeHint().width() + self._actions.spacing()
        row = room <= 0 or needed <= room
        self._actions.setDirection(QBoxLayout.Direction.LeftToRight if row else QBoxLayout.Direction.BottomToTop)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_text()
        self._lay_prompt()  # the page's real width: shown before its first layout, it had a default one
        self._arrange_actions()
        self._place_side()

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._base = m
        self._fitted = ()
        if self._metrics is not None and self._metrics != m:  # their own style sheet is for other metrics
            for styled in (*self._own_text(), self.progress):
                styled.setStyleSheet("")
        self._metrics = m
        self._grid.setContentsMargins(m.margin, m.px(16), m.margin, m.px(28))  # the aids bar is above
        self._grid.setHorizontalSpacing(m.px(56))
        self._grid.setVerticalSpacing(m.px(20))
        self.answer_column.spacing = m.px(24)
        self._feedback_layout.setContentsMargins(m.px(36), m.px(24), m.px(36), m.px(28))
        self._feedback_layout.setSpacing(m.px(16))
        self._actions.setSpacing(m.px(24))
        self.verdict_icon.setFixedSize(m.px(64), m.px(64))
        for button in self.answers:
            button.apply_metrics(m)
        self.side.centred = landscape
        if landscape != self._landscape:
            self._landscape = landscape
            for widget in (self.prompt, self.answer_column, self.side, self.bar):
                self._grid.removeWidget(widget)
            self._wide_prompt = False
            for row in range(4):
                self._grid.setRowStretch(row, 0)
            if landscape:  # question, answers | picture or card, then the bar: the answers get the full height
                self._grid.addWidget(self.prompt, 0, 0)
                self._grid.addWidget(self.answer_column, 1, 0, 2, 1)
                self._grid.addWidget(self.side, 0, 1, 2, 1)
                self._grid.addWidget(self.bar, 2, 1)
                self._grid.setRowStretch(1, 1)
                self._grid.setColumnStretch(0, self._share)
                self._grid.setColumnStretch(1, 100 - self._share)
                self._lay_prompt()
            else:  # question, answers, card, bar: one column
                self._grid.addWidget(self.prompt, 0, 0)
                self._grid.addWidget(self.answer_column, 1, 0)
                self._grid.addWidget(self.side, 2, 0)
                self._grid.addWidget(self.bar, 3, 0)
                self._grid.setRowStretch(2, 1)
                self._grid.setColumnStretch(0, 1)
                self._grid.setColumnStretch(1, 0)
        self._fit_text()
        self.answer_column.place()
        self._arrange_actions()
        self._place_side()
