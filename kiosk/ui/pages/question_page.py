"""One quiz question: large answers; once answered, right or not in colour, icon and words, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.model import Question
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.answer_button import AnswerButton
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label

if TYPE_CHECKING:
    from kiosk.content.strings import UiStrings

MAX_ANSWERS = 4


class QuestionPage(QWidget):
    """Shows a question as given; reports touches. Scoring is the flow's business."""

    answer_chosen = Signal(int)  # position on screen
    next_requested = Signal()
    review_requested = Signal()
    home_requested = Signal()

    def __init__(self, icons: dict[str, bytes], parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._icons = icons
        self.progress = text_label("progress")
        self.progress.setWordWrap(False)
        self.prompt = text_label("heading")
        self.answers = [AnswerButton() for _ in range(MAX_ANSWERS)]
        for index, button in enumerate(self.answers):
            button.clicked.connect(lambda _=False, i=index: self.answer_chosen.emit(i))
        # Feedback, shown once answered.
        self.feedback = QFrame(objectName="card")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.verdict_icon = Illustration()
        self.verdict = text_label("banner_right")
        self.explanation = text_label("body")
        self.review = touch_button()
        self.review.clicked.connect(self.review_requested)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_icon)
        verdict_row.addWidget(self.verdict, 1)
        self._feedback_layout = QVBoxLayout(self.feedback)
        self._feedback_layout.addLayout(verdict_row)
        self._feedback_layout.addWidget(self.explanation)
        self._feedback_layout.addStretch(1)
        # Bottom bar.
        self.home = touch_button()
        self.next = touch_button(role="primary")
        self.home.clicked.connect(self.home_requested)
        self.next.clicked.connect(self.next_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.home)
        bar.addStretch(1)
        bar.addWidget(self.progress)  # "Quiz 2 / 5" in the bar, as the slides show their counter
        bar.addStretch(1)
        bar.addWidget(self.review)  # in landscape: beside Next, leaving the card to the explanation
        bar.addWidget(self.next)
        self._bar = bar
        # The question across the page, then: answers | feedback (stacked in portrait).
        self._question_column = QVBoxLayout()
        for button in self.answers:
            self._question_column.addWidget(button)
        self._question_column.addStretch(1)
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.addLayout(self._question_column, 1)
        self._columns.addWidget(self.feedback, 1)
        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self.prompt)
        self._outer.addLayout(self._columns, 1)
        self._outer.addLayout(bar)

    def show_question(
        self,
        question: Question,
        order: tuple[int, ...],
        chosen: int | None,
        number: int,
        total: int,
        strings: UiStrings,
    ) -> None:
        """Draw the question; `order` maps screen positions to answers; `chosen` is a file-order index."""
        self.progress.setText(strings.question_progress.format(current=number, total=total))
        self.prompt.setText(question.prompt)
        answered = chosen is not None
        for position, button in enumerate(self.answers):
            # Once answered, only the chosen and the right answer stay: room for the explanation.
            relevant = position < len(order) and (not answered or order[position] in (chosen, question.right_index))
            button.setVisible(relevant)
            if not relevant:
                continue
            answer = question.answers[order[position]]
            button.set_answer(answer.text)
            if answered and answer.right:
                button.set_mark("right", self._icons.get("tick"))
            elif answered and order[position] == chosen:
                button.set_mark("wrong", self._icons.get("cross"))
        self.feedback.setVisible(answered)
        self.next.setVisible(answered)
        self.review.setVisible(answered)
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
        self.home.setText(strings.home)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._outer.setContentsMargins(m.margin, m.px(24), m.margin, m.px(40))  # the aids bar is above
        self._outer.setSpacing(m.px(20))
        self._columns.setDirection(QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom)
        # Portrait: the card follows the answers directly and takes the height that is left.
        self._columns.setStretch(0, 1 if landscape else 0)
        self._question_column.setStretch(len(self.answers), 1 if landscape else 0)
        self._columns.setSpacing(m.px(48))
        self._question_column.setSpacing(m.px(24))
        self._feedback_layout.setContentsMargins(m.px(40), m.px(36), m.px(40), m.px(36))
        self._feedback_layout.setSpacing(m.px(24))
        self.verdict_icon.setFixedSize(m.px(72), m.px(72))
        self._bar.setSpacing(m.gap)
        for button in self.answers:
            button.apply_metrics(m)
        # Portrait has height to spare but not width: "see the slide" goes back into the card.
        self._bar.removeWidget(self.review)
        self._feedback_layout.removeWidget(self.review)
        if landscape:
            self._bar.insertWidget(4, self.review)
        else:
            self._feedback_layout.addWidget(self.review, 0, Qt.AlignmentFlag.AlignLeft)
