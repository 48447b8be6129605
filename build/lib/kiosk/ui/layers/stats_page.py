"""The staff statistics screen: visits per day as bars, how far visits got, each question's right share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.stats.view import StatsView
from kiosk.ui.layers.overlay import Overlay
from kiosk.ui.theme.palette import NORMAL, Palette
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.labels import text_label

if TYPE_CHECKING:
    from kiosk.content.strings import UiStrings

MAX_QUESTIONS = 6


class DayBars(QWidget):
    """One bar per day, the count above it and the day of the month below; today on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: tuple[tuple[object, int], ...] = ()
        self.colours: Palette = NORMAL
        self.font_px = 24
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(600, 300)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self.days:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPixelSize(self.font_px)
        painter.setFont(font)
        label_h = self.font_px * 1.5
        top, bottom = label_h, self.height() - label_h
        slot = self.width() / len(self.days)
        peak = max(1, max(count for _, count in self.days))
        for index, (day, count) in enumerate(self.days):
            height = (bottom - top) * count / peak
            bar = QRectF(index * slot + slot * 0.18, bottom - height, slot * 0.64, height)
            painter.fillRect(bar, QColor(self.colours.teal_dark))
            painter.setPen(QColor(self.colours.ink))
            text_box = QRectF(index * slot, bar.top() - label_h, slot, label_h)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(count))
            painter.drawText(
                QRectF(index * slot, bottom, slot, label_h), Qt.AlignmentFlag.AlignCenter, str(getattr(day, "day", ""))
            )
        painter.end()


class ShareBar(QWidget):
    """A horizontal bar filled to a share (0.0-1.0)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share = 0.0
        self.tentative = False  # too few answers: drawn in the quiet fill, not as a firm result
        self.colours: Palette = NORMAL
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.colours.sage_light))
        fill = self.colours.sage if self.tentative else self.colours.teal_dark
        painter.fillRect(QRectF(0, 0, self.width() * max(0.0, min(1.0, self.share)), self.height()), QColor(fill))
        painter.end()


class StatsPage(Overlay):
    for_staff = True

    export_requested = Signal()
    close_requested = Signal()
    lesson_requested = Signal()  # show the next lesson's figures (all lessons, then each one)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label("heading")
        self.lesson_button = touch_button()
        self.lesson_button.clicked.connect(self.lesson_requested)
        self.lesson_button.hide()
        self.visits = text_label("subheading")
        self.finished = text_label("body")
        self.quiz = text_label("body")
        self.chart = DayBars()
        self.questions_heading = text_label("subheading")
        self.question_labels = [text_label("caption") for _ in range(MAX_QUESTIONS)]
        self.question_bars = [ShareBar() for _ in range(MAX_QUESTIONS)]
        self.question_shares = [text_label("caption") for _ in range(MAX_QUESTIONS)]
        self.message = text_label("caption")
        self.export = touch_button()
        self.close_button = touch_button(role="primary")
        self.export.clicked.connect(self.export_requested)
        self.close_button.clicked.connect(self.close_requested)
        left = QVBoxLayout()
        for widget in (self.visits, self.finished, self.quiz):
            left.addWidget(widget)
        left.addWidget(self.chart, 1)
        self._grid = QGridLayout()
        for row in range(MAX_QUESTIONS):
            self._grid.addWidget(self.question_labels[row], row * 2, 0, 1, 2)
            self._grid.addWidget(self.question_bars[row], row * 2 + 1, 0)
            self._grid.addWidget(self.question_shares[row], row * 2 + 1, 1)
        right = QVBoxLayout()
        right.addWidget(self.questions_heading)
        right.addLayout(self._grid)
        right.addStretch(1)
        self._columns = QHBoxLayout()
        self._columns.addLayout(left, 1)
        self._columns.addLayout(right, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.lesson_button)
        bar.addWidget(self.message, 1)
        bar.addWidget(self.export)
        bar.addWidget(self.close_button)
        self._bar = bar
        self._left, self._right = left, right
        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self.title)
        self._lesson_row = QHBoxLayout()  # portrait: the lesson button has a row of its own; landscape: in the bar
        self._outer.addLayout(self._lesson_row)
        self._outer.addLayout(self._columns, 1)
        self._outer.addLayout(bar)

    def show_stats(self, view: StatsView, strings: UiStrings, several_lessons: bool = False) -> None:
        """Draw the numbers; shares shown as whole percentages; with several lessons, whose they are."""
        self.title.setText(strings.stats_title.format(days=len(view.days)))
        self.lesson_button.setVisible(several_lessons)
        self.lesson_button.setText(strings.stats_lesson.format(lesson=view.lesson or strings.stats_all_lessons))
        self.visits.setText(strings.stats_visits.format(visits=view.visits))
        few = "" if view.enough else " " + strings.stats_too_few.format(answered=view.visits)
        self.finished.setText(strings.stats_finished.format(share=round(view.finished_share * 100)) + few)
        self.quiz.setText(strings.stats_quiz.format(share=round(view.quiz_share * 100)) + few)
        self.chart.days = view.days
        self.chart.update()
        self.questions_heading.setText(strings.stats_questions)
        for row in range(MAX_QUESTIONS):
            line = view.questions[row] if row < len(view.questions) else None
            for widget in (self.question_labels[row], self.question_bars[row], self.question_shares[row]):
                widget.setVisible(line is not None)
            if line is not None:
                self.question_labels[row].setText(line.prompt)
                self.question_bars[row].share = line.right_share
                self.question_bars[row].tentative = not line.enough
                self.question_bars[row].update()
                percent = round(line.right_share * 100)
                share = strings.stats_question_line.format(share=percent, answered=line.answered)
                if not line.enough:  # say so, rather than a firm-looking "100 %" from one answer
                    share = strings.stats_too_few.format(answered=line.answered)
                self.question_shares[row].setText(share)
        self.export.setText(strings.stats_export)
        self.close_button.setText(strings.stats_close)
        self.set_message("\n".join(view.notes))

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._outer.setContentsMargins(m.margin, m.px(32), m.margin, m.px(40))
        self._outer.setSpacing(m.px(20))
        self._columns.setSpacing(m.px(64))
        self._columns.setDirection(
            QHBoxLayout.Direction.LeftToRight if landscape else QHBoxLayout.Direction.TopToBottom
        )
        self._left.setSpacing(m.px(8))
        self._right.setSpacing(m.px(12))
        self._grid.setHorizontalSpacing(m.px(16))
        self._grid.setVerticalSpacing(m.px(4))
        self._bar.setSpacing(m.gap)
        self._bar.removeWidget(self.lesson_button)
        self._lesson_row.removeWidget(self.lesson_button)
        if landscape:
            self._bar.insertWidget(0, self.lesson_button)
        else:
            self._lesson_row.addWidget(self.lesson_button, 1)
        self.chart.font_px = m.caption
        self.chart.colours = m.palette
        self.chart.setMinimumHeight(m.px(220))
        for bar in self.question_bars:
            bar.colours = m.palette
            bar.setFixedHeight(m.px(28))
