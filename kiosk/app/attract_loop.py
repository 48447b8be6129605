"""The attract screen's clock: every `attract_seconds` the loop moves to its next picture, only while it is seen.

A small object with a signal, like the visit's timeouts: the page says how many pictures each lesson on it
has (`cycle_changed`), this says which one to show next (`moved`), and whose turn it is comes from
kiosk.content.attract.turn. The timer runs only while the attract page is shown and no staff screen covers
it; hidden, nothing ticks and nothing fades. The wiring makes it after the first paint (start-up pays
nothing for it); it starts from what the page shows then.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.content.attract import turn
from kiosk.ui.pages.attract_page import AttractPage

log = logging.getLogger("kiosk.flow")


class AttractLoop(QObject):
    moved = Signal(int, int)  # the lesson (its place among those shown) and the picture to fade to

    def __init__(self, page: AttractPage, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.counts: list[int] = []  # pictures in the loop of each lesson shown
        self.step = 0  # moves since the screen was drawn
        self.covered = False  # a staff screen is over it
        self.held = False  # the clinic is closed (opening_hours): the screen stays still
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(seconds * 1000)))
        self._timer.timeout.connect(self.tick)
        page.cycle_changed.connect(self.set_cycle)
        self.moved.connect(page.show_frame)
        page.installEventFilter(self)
        self.set_cycle(page.cycle)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def set_cycle(self, counts: list[int]) -> None:
        """The page was drawn afresh, on each lesson's first picture."""
        self.counts, self.step = list(counts), 0
        self._update()

    def set_covered(self, covered: bool) -> None:
        """A staff screen opened over the attract screen (or closed)."""
        self.covered = covered
        self._update()

    def set_held(self, held: bool) -> None:
        """The clinic closed (held: the attract screen stays still until it opens) or opened."""
        self.held = held
        self._update()

    def tick(self) -> None:
        """The next move of the loop (the timer's; tests call it to drive the loop without waiting)."""
        self.step += 1
        move = turn(self.step, self.counts)
        if move is not None:
            self.moved.emit(*move)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.page and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._update()
        return False

    def _update(self) -> None:
        wanted = self.page.isVisible() and not self.covered and not self.held and turn(1, self.counts) is not None
        if wanted and not self._timer.isActive():
            self._timer.start()
        elif not wanted and self._timer.isActive():
            self._timer.stop()
