"""The bar under a slide: Home, Back, progress, Next (progress above the buttons in portrait)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.progress import Progress


class NavBar(QWidget):
    """Buttons emit; the page decides what they mean."""

    home_clicked = Signal()
    back_clicked = Signal()
    next_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = touch_button()
        self.back = touch_button()
        self.next = touch_button(role="primary")
        self.progress = Progress()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._landscape: bool | None = None
        self.home.clicked.connect(self.home_clicked)
        self.back.clicked.connect(self.back_clicked)
        self.next.clicked.connect(self.next_clicked)

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._grid.setHorizontalSpacing(m.gap)
        self._grid.setVerticalSpacing(m.px(16))
        if landscape == self._landscape:
            return
        self._landscape = landscape
        for button in (self.home, self.back, self.next):
            # Portrait: three buttons at the landscape minimum width overflow the page by ~40 px.
            button.setProperty("compact", not landscape)
            button.style().unpolish(button)
            button.style().polish(button)
        for widget in (self.home, self.back, self.progress, self.next):
            self._grid.removeWidget(widget)
        for column in range(5):
            self._grid.setColumnStretch(column, 0)
        if landscape:  # Home | space | Back  progress  Next
            self._grid.addWidget(self.home, 0, 0)
            self._grid.addWidget(self.back, 0, 2)
            self._grid.addWidget(self.progress, 0, 3)
            self._grid.addWidget(self.next, 0, 4)
            self._grid.setColumnStretch(1, 1)
            self._grid.setColumnStretch(3, 2)
        else:  # progress on its own row, then Home | Back | Next sharing the width (inside the screen)
            self._grid.addWidget(self.progress, 0, 0, 1, 3)
            self._grid.addWidget(self.home, 1, 0)
            self._grid.addWidget(self.back, 1, 1)
            self._grid.addWidget(self.next, 1, 2)
            for column in range(3):
                self._grid.setColumnStretch(column, 1)
        self.share_row()

    def share_row(self) -> None:
        """In portrait the buttons shown share the row (Next alone, in review, takes all of it)."""
        if self._landscape is False:
            for column, button in enumerate((self.home, self.back, self.next)):
                self._grid.setColumnStretch(column, 1 if button.isVisibleTo(self) else 0)
