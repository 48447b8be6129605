"""The staff screen that chooses which lessons are offered and their order: one row per lesson."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.content.strings import UiStrings
from kiosk.ui.layers.overlay import Overlay
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.labels import PhraseLabel, text_label


class LessonRow(NamedTuple):
    lesson: str  # id
    title: str
    shown: bool


class LessonsPage(Overlay):
    """Draws the rows it is given; a touch asks to show/hide a lesson or move it up."""

    for_staff = True

    toggle_requested = Signal(str)  # lesson id
    up_requested = Signal(str)  # lesson id
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label("heading")
        self.back = touch_button(role="primary")
        self.back.clicked.connect(self.back_requested)
        self._grid = QGridLayout()
        self._rows: list[tuple[QLabel, QPushButton, QPushButton]] = []
        self._landscape = True
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addLayout(self._grid)
        self._layout.addStretch(1)
        self._layout.addWidget(self.back)

    @property
    def rows(self) -> tuple[tuple[QLabel, QPushButton, QPushButton], ...]:
        """Each lesson's title, its show/hide button and its move-up button, in the order shown."""
        return tuple(self._rows)

    def show_lessons(self, title: str, rows: list[LessonRow], strings: UiStrings) -> None:
        """rows: shown lessons first, in their order, then the hidden ones."""
        self.title.setText(title)
        self.back.setText(strings.lessons_back)
        while len(self._rows) < len(rows):
            index = len(self._rows)
            label: QLabel = PhraseLabel("body", balance=True)  # a title: two lines share it (never a lone 名)
            shown, move = touch_button(), touch_button()
            shown.clicked.connect(lambda _=False, i=index: self.toggle_requested.emit(self._lesson(i)))
            move.clicked.connect(lambda _=False, i=index: self.up_requested.emit(self._lesson(i)))
            self._rows.append((label, shown, move))
            self._place(index)
        self._grid.setColumnStretch(0, 1)
        for index, (name, toggle, up) in enumerate(self._rows):
            row = rows[index] if index < len(rows) else None
            for widget in (name, toggle, up):
                widget.setVisible(row is not None)
            if row is None:
                continue
            name.setText(row.title)
            name.setProperty("lesson", row.lesson)
            toggle.setText(strings.lesson_shown if row.shown else strings.lesson_hidden)
            up.setText(strings.lesson_up)
            up.setEnabled(row.shown and index > 0)

    def _place(self, index: int) -> None:
        """A row: its title, then its two buttons beside it (landscape) or under it (portrait: beside them a
        title would have a third of the width, a word a line)."""
        label, shown, move = self._rows[index]
        row: tuple[QWidget, ...] = (label, shown, move)
        for widget in row:
            self._grid.removeWidget(widget)
        if self._landscape:
            for column, widget in enumerate(row):
                self._grid.addWidget(widget, index, column)
        else:
            self._grid.addWidget(label, 2 * index, 0, 1, 3)
            self._grid.addWidget(shown, 2 * index + 1, 1)
            self._grid.addWidget(move, 2 * index + 1, 2)

    def _lesson(self, index: int) -> str:
        return str(self._rows[index][0].property("lesson"))

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        if landscape != self._landscape:
            self._landscape = landscape
            for index in range(len(self._rows)):
                self._place(index)
        self._layout.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        self._layout.setSpacing(m.px(32))
        self._grid.setHorizontalSpacing(m.gap)
        self._grid.setVerticalSpacing(m.gap)
