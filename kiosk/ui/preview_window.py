"""The practitioner's preview: the patient's screen as a picture, and the lesson's problems and advice beside it.

An ordinary window (never fullscreen, no PIN, no statistics). It draws what it is given (`show_screen`,
`show_findings`, `set_choices`) and reports what the practitioner asks for through signals; the wiring
(kiosk/app/preview.py) watches the files, loads the lesson and moves the visit.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.i18n import _

SIZES = ((1920, 1080), (1280, 800), (1366, 768), (1080, 1920))
PROBLEM_COLOUR, ADVICE_COLOUR = QColor("#B03A2E"), QColor("#1F2D33")


class PreviewWindow(QWidget):
    """The screen picture with Back / Next, the choices (lesson, language, size, aids), and the findings list."""

    back_requested = Signal()
    next_requested = Signal()
    lesson_chosen = Signal(str)
    language_chosen = Signal(str)
    size_chosen = Signal(int, int)
    aids_changed = Signal(bool, bool)  # large text, high contrast

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(_("Kiosk preview"))
        self._pixmap = QPixmap()
        self.screen_label = QLabel()
        self.screen_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.screen_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.screen_label.setMinimumSize(QSize(320, 200))
        self.where = QLabel()
        back, forward = QPushButton(_("◀ Back")), QPushButton(_("Next ▶"))
        back.clicked.connect(self.back_requested)
        forward.clicked.connect(self.next_requested)
        navigation = QHBoxLayout()
        navigation.addWidget(back)
        navigation.addWidget(self.where, 1, Qt.AlignmentFlag.AlignCenter)
        navigation.addWidget(forward)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.screen_label, 1)
        left_layout.addLayout(navigation)

        self.lessons, self.languages, self.sizes = QComboBox(), QComboBox(), QComboBox()
        for width, height in SIZES:
            self.sizes.addItem(f"{width}×{height}", (width, height))
        self.lessons.activated.connect(lambda _i: self.lesson_chosen.emit(self.lessons.currentData()))
        self.languages.activated.connect(lambda _i: self.language_chosen.emit(self.languages.currentData()))
        self.sizes.activated.connect(lambda _i: self.size_chosen.emit(*self.sizes.currentData()))
        self.large_text, self.high_contrast = QCheckBox(_("Large text")), QCheckBox(_("High contrast"))
        for box in (self.large_text, self.high_contrast):
            box.toggled.connect(self._aids_toggled)
        choices = QHBoxLayout()
        for widget in (self.lessons, self.languages, self.sizes, self.large_text, self.high_contrast):
            choices.addWidget(widget)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(choices)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.findings, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1400, 800)

    # -- what the wiring gives --------------------------------------------------------------
    def show_screen(self, picture: QPixmap, where: str) -> None:
        """The patient's screen as it is drawn now, and where in the lesson it is (`slide 3 / 18: seiza`)."""
        self._pixmap = picture
        self.where.setText(where)
        self._fit()

    def show_findings(self, status: str, problems: list[str], advice: list[str]) -> None:
        """A line on the state of the lesson, then its problems (red) and its advice."""
        self.status.setText(status)
        self.findings.clear()
        for text, colour in [(p, PROBLEM_COLOUR) for p in problems] + [(a, ADVICE_COLOUR) for a in advice]:
            item = QListWidgetItem(text)
            item.setForeground(colour)
            self.findings.addItem(item)

    def set_choices(self, lessons: list[tuple[str, str]], lesson: str, languages: list[str], language: str) -> None:
        """The lessons (id, title) and languages to choose from, with the ones shown selected."""
        for box, entries, chosen in (
            (self.lessons, lessons, lesson),
            (self.languages, [(c, c) for c in languages], language),
        ):
            box.blockSignals(True)
            box.clear()
            for value, text in entries:
                box.addItem(text, value)
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.blockSignals(False)

    def shown_text(self) -> str:
        """What the window says now (the place and the findings), for tests and screen readers."""
        rows = [self.findings.item(n).text() for n in range(self.findings.count())]
        return "\n".join([self.where.text(), self.status.text(), *rows])

    # -- Qt ---------------------------------------------------------------------------------
    def _aids_toggled(self) -> None:
        self.aids_changed.emit(self.large_text.isChecked(), self.high_contrast.isChecked())

    def _fit(self) -> None:
        if self._pixmap.isNull():
            return
        size = self.screen_label.size()
        self.screen_label.setPixmap(
            self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next_requested.emit()
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.back_requested.emit()
        else:
            super().keyPressEvent(event)
