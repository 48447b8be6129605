"""The staff menu: start over, reload content, default language, statistics, desk remote, handout, leave."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.ui.layers.overlay import Overlay
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.buttons import touch_button
from kiosk.ui.widgets.labels import text_label

MAX_NOTES = 8


class StaffMenu(Overlay):
    for_staff = True

    start_over = Signal()
    reload_content = Signal()
    next_language = Signal()
    show_statistics = Signal()
    show_remote = Signal()
    print_handout = Signal()
    choose_lessons = Signal()
    leave_kiosk = Signal()
    close_menu = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label("heading")
        self.notes = text_label("caption")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = {
            "start_over": touch_button(role="primary"),
            "reload": touch_button(),
            "language": touch_button(),
            "statistics": touch_button(),
            "remote": touch_button(),
            "handout": touch_button(),
            "lessons": touch_button(),
            "leave": touch_button(role="leave"),  # red outline: it closes the program, not just the menu
            "close": touch_button(),
        }
        signals = [
            self.start_over,
            self.reload_content,
            self.next_language,
            self.show_statistics,
            self.show_remote,
            self.print_handout,
            self.choose_lessons,
            self.leave_kiosk,
        ]
        for button, signal in zip(self.buttons.values(), [*signals, self.close_menu], strict=True):
            button.clicked.connect(signal)
        self._grid = QGridLayout()
        self._columns = 0
        self._arrange(2)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addLayout(self._grid)
        self._layout.addWidget(self.notes)
        self._layout.addStretch(1)

    def show_menu(self, title: str, labels: dict[str, str], notes: list[str]) -> None:
        """labels: text for each button key; notes: problems staff should see (settings, content, statistics)."""
        self.title.setText(title)
        for key, button in self.buttons.items():
            button.setText(labels[key])
        self.set_notes(notes)

    def set_notes(self, notes: list[str]) -> None:
        shown = notes[:MAX_NOTES] + ([f"… +{len(notes) - MAX_NOTES}"] if len(notes) > MAX_NOTES else [])
        self.notes.setText("\n".join(shown))
        self.notes.setVisible(bool(notes))

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        self._layout.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        self._layout.setSpacing(m.px(32))
        self._grid.setSpacing(m.px(28))
        self._arrange(2 if landscape else 1)  # portrait is too narrow for two labelled buttons side by side

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self._grid.removeWidget(button)
        for index, button in enumerate(self.buttons.values()):
            self._grid.addWidget(button, index // columns, index % columns)
