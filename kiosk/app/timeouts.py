"""The visit's clocks: idle prompt and its countdown on the lesson and quiz, the result screen's timeout,
and aids left on at the attract screen by someone who never started (forgotten after the idle time).

A small object with signals (no widgets): the wiring tells it the screen and every touch; it says when to
show the prompt, each second of the countdown, and when the visit has expired. Intervals come from the
settings, so tests make them tiny.
"""

from __future__ import annotations

import logging
import math
from enum import Enum
from typing import assert_never

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from kiosk.config.settings import Settings
from kiosk.core.endings import EndReason
from kiosk.visit.flow import Screen

log = logging.getLogger("kiosk.flow")


class Clock(Enum):
    """Which clock a screen runs while nobody touches it."""

    IDLE = "idle"  # "Are you still there?", then the visit is forgotten
    RESULT = "result"  # the result screen goes back to the start by itself
    AIDS_ONLY = "aids-only"  # the attract screen: only aids chosen before starting are forgotten


def clock_for(screen: Screen) -> Clock:
    """Every screen names its clock; a new screen that is not named here fails the type check."""
    match screen:
        case Screen.SLIDE | Screen.QUESTION | Screen.REVIEW:
            return Clock.IDLE
        case Screen.RESULT:
            return Clock.RESULT
        case Screen.ATTRACT:
            return Clock.AIDS_ONLY
        case _:
            assert_never(screen)


class Timeouts(QObject):
    prompt = Signal()  # show "Are you still there?"
    countdown = Signal(int)  # whole seconds left
    keep = Signal()  # the visit goes on: hide the prompt
    expired = Signal(EndReason)  # end the visit, with the reason

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.screen = Screen.ATTRACT
        self.aids_on = False  # large text or high contrast chosen on the attract screen
        self.staff_open = False
        self.prompting = False
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self._on_idle)
        self._result = QTimer(self, singleShot=True)
        self._result.timeout.connect(lambda: self._expire(EndReason.RESULT_TIMEOUT))
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)
        self._clock = QElapsedTimer()

    def set_screen(self, screen: Screen, aids_on: bool = False) -> None:
        """The screen shown now, and whether an aid is on (it matters on the attract screen only)."""
        self.screen, self.aids_on = screen, aids_on
        self._restart()

    def set_staff_open(self, is_open: bool) -> None:
        self.staff_open = is_open
        self._restart()

    def touched(self) -> None:
        """Any touch keeps the visit and starts the clocks again."""
        self._restart()

    def ms_left(self) -> int:
        """Milliseconds until the running clock (idle or result) runs out; -1 when neither runs."""
        # A coarse timer may report a little more than its interval left: never more than the interval.
        running = [min(t.remainingTime(), t.interval()) for t in (self._idle, self._result) if t.isActive()]
        return running[0] if running else -1

    def _restart(self) -> None:
        if self.prompting:
            self.prompting = False
            self._tick.stop()
            self.keep.emit()
        self._idle.stop()
        self._result.stop()
        clock = clock_for(self.screen)
        if clock is Clock.IDLE or self.staff_open or (clock is Clock.AIDS_ONLY and self.aids_on):
            self._idle.start(round(self.settings.idle_seconds * 1000))
        elif clock is Clock.RESULT:
            self._result.start(round(self.settings.result_timeout_seconds * 1000))

    def _on_idle(self) -> None:
        if self.staff_open:  # staff walked away from the menu: close it, never leave it open to patients
            self._expire(EndReason.STAFF_IDLE)
            return
        if self.screen is Screen.ATTRACT:  # nobody started: forget the aids quietly, no prompt to answer
            self._expire(EndReason.ATTRACT_IDLE)
            return
        self.prompting = True
        self._clock.start()
        self._tick.start(max(10, min(1000, round(self.settings.idle_countdown_seconds * 1000 / 20))))
        self.prompt.emit()
        self.countdown.emit(math.ceil(self.settings.idle_countdown_seconds))

    def _on_tick(self) -> None:
        left = self.settings.idle_countdown_seconds - self._clock.elapsed() / 1000
        if left <= 0:
            self._expire(EndReason.IDLE)
        else:
            self.countdown.emit(math.ceil(left))

    def _expire(self, reason: EndReason) -> None:
        self.prompting = False
        self._tick.stop()
        self._idle.stop()
        self._result.stop()
        self.expired.emit(reason)
