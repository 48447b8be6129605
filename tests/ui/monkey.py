"""A monkey that drives the real kiosk with random touches and keys, checking invariants after each event.

Used by the short CI test (tests/ui/test_monkey.py) and the long soak (benchmarks/bench_monkey.py).
Seeded, so a failure can be replayed: the report names the seed and the event number.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from types import TracebackType

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.app.kiosk import Kiosk
from kiosk.visit.flow import Screen

KEYS = [
    Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_F11, Qt.Key.Key_W, Qt.Key.Key_Q, Qt.Key.Key_Return,
    Qt.Key.Key_Space, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_Backspace,
]  # fmt: skip
MODIFIERS = [
    Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
]  # fmt: skip
PAGE_FOR = {Screen.ATTRACT: "attract", Screen.SLIDE: "slide", Screen.REVIEW: "slide", Screen.QUESTION: "question"}
PAGE_FOR[Screen.RESULT] = "result"


@dataclass
class Report:
    seed: int
    events: int = 0
    problems: list[str] = field(default_factory=list)
    object_counts: list[int] = field(default_factory=list)
    visits_started: int = 0
    screens_seen: set[str] = field(default_factory=set)


class Monkey:
    """Random taps (mostly on buttons), swipes, long presses, keys and idle pauses."""

    def __init__(self, kiosk: Kiosk, seed: int, hold_ms: int) -> None:
        self.kiosk = kiosk
        self.rng = random.Random(seed)
        self.hold_ms = hold_ms
        self.report = Report(seed)
        self._errors: list[str] = []

    def _hook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        self._errors.append(f"{kind.__name__}: {error}")
        self.kiosk.excepthook(kind, error, tb)

    def run(self, events: int, sample_every: int = 500) -> Report:
        previous, sys.excepthook = sys.excepthook, self._hook
        try:
            for number in range(events):
                self.step()
                self.report.events = number + 1
                self.check(number)
                if number % sample_every == 0:
                    self.report.object_counts.append(len(self.kiosk.window.findChildren(QObject)))
                if len(self.report.problems) > 20:
                    break
        finally:
            sys.excepthook = previous
        return self.report

    # -- events -----------------------------------------------------------------------------
    def step(self) -> None:
        roll = self.rng.random()
        if roll < 0.55:
            self._tap_button()
        elif roll < 0.70:
            self._tap_anywhere()
        elif roll < 0.82:
            self._swipe()
        elif roll < 0.88:
            self._long_press()
        elif roll < 0.97:
            self._key()
        else:
            QTest.qWait(self.rng.choice([5, 30, 120]))  # let the short idle clocks run now and then
        QApplication.processEvents()

    def _target(self) -> QWidget:
        """What a finger would hit: the topmost visible layer, else the current page."""
        window = self.kiosk.window
        layers = [layer for layer in window.layers if layer.isVisible()]
        return layers[-1] if layers else window

    def _tap_button(self) -> None:
        buttons = [b for b in self._target().findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]
        if not buttons:
            self._tap_anywhere()
            return
        forward = [b for b in buttons if b.objectName() in ("primary", "answer")]
        # Mostly forward (Next, answers), so random visits still reach the quiz and the result.
        button = self.rng.choice(forward if forward and self.rng.random() < 0.7 else buttons)
        if self._is_forbidden(button):
            return
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def _is_forbidden(self, button: QAbstractButton) -> bool:
        """Leaving the kiosk would end the run (and only staff past the PIN can reach it anyway)."""
        return self.kiosk.staff_open and button is self.kiosk.staff.menu.buttons["leave"]

    def _point(self) -> QPoint:
        window = self.kiosk.window
        return QPoint(self.rng.randrange(window.width()), self.rng.randrange(window.height()))

    def _tap_anywhere(self) -> None:
        widget = self.kiosk.window
        button = self.rng.choice([Qt.MouseButton.LeftButton] * 5 + [Qt.MouseButton.RightButton])
        point = self._point()
        child = widget.childAt(point)
        target = child or widget
        QTest.mouseClick(target, button, Qt.KeyboardModifier.NoModifier, target.mapFrom(widget, point))

    def _swipe(self) -> None:
        window = self.kiosk.window
        page = window.current_page
        start = QPoint(self.rng.randrange(page.width()), self.rng.randrange(page.height()))
        end = start + QPoint(self.rng.randint(-400, 400), self.rng.randint(-80, 80))
        QTest.mousePress(page, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        QTest.mouseMove(page, (start + end) / 2)
        QTest.mouseRelease(page, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)

    def _long_press(self) -> None:
        window = self.kiosk.window
        corner = self.rng.random() < 0.5
        point = QPoint(window.width() - 5, 5) if corner else self._point()
        QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        QTest.qWait(self.hold_ms + 20)
        QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)

    def _key(self) -> None:
        target = QApplication.focusWidget() or self.kiosk.window
        QTest.keyClick(target, self.rng.choice(KEYS), self.rng.choice(MODIFIERS))

    # -- invariants -------------------------------------------------------------------------
    def check(self, number: int) -> None:
        kiosk, report = self.kiosk, self.report
        state, flow = kiosk.flow.state, kiosk.flow

        def problem(text: str) -> None:
            report.problems.append(f"seed {report.seed}, event {number}: {text}")

        for error in self._errors:
            problem(f"exception: {error}")
        self._errors.clear()
        lesson = flow.lesson
        if state.screen in (Screen.SLIDE, Screen.REVIEW) and not 0 <= state.slide < len(lesson.deck.slides):
            problem(f"slide index {state.slide} out of range")
        if state.screen is Screen.QUESTION and not 0 <= state.question < len(lesson.questions):
            problem(f"question index {state.question} out of range")
        if state.language and len(state.answers) != len(lesson.questions):
            problem("answers do not match the questions")
        if state.screen is not Screen.ATTRACT and not state.language:
            problem(f"{state.screen} without a visit")
        expected = getattr(kiosk.window, PAGE_FOR[state.screen])
        if kiosk.window.current_page is not expected:
            problem(f"state {state.screen.value} but page {type(kiosk.window.current_page).__name__} shown")
        if kiosk.staff_open and (kiosk.staff.menu.isVisible() or kiosk.staff.stats_page.isVisible()):
            problem("the staff menu is open without the PIN")
        if not kiosk.window.isVisible():
            problem("the window is gone")
        report.screens_seen.add(state.screen.value)
        if state.screen is Screen.SLIDE and state.slide == 0 and not state.furthest_slide:
            report.visits_started += 1
