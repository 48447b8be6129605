"""The clinic's opening hours on the kiosk's clock: says when the clinic opens and closes (`open_changed`).

Outside the hours the wiring holds the attract screen still (its loop stops: nothing moves, nothing is drawn
all night). A touch still starts a visit: staff who come early can use the kiosk. The hours are checked every
`check_ms` (30 s) against the clock it is given, so tests pass a fake clock and call `check()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.hours import OpeningHours

log = logging.getLogger("kiosk.app")


class OpeningHoursClock(QObject):
    open_changed = Signal(bool)

    def __init__(
        self,
        hours: OpeningHours,
        now: Callable[[], datetime] = datetime.now,
        check_ms: int = 30_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hours = hours
        self.now = now  # the clock it reads (a test gives its own)
        self.is_open = hours.is_open(now())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        if not hours.always:
            self._timer.start(check_ms)

    def check(self) -> None:
        """Look at the clock; say so when the clinic has opened or closed since the last look."""
        is_open = self.hours.is_open(self.now())
        if is_open != self.is_open:
            self.is_open = is_open
            log.info("opening hours: the clinic is %s; the attract screen %s", *(
                ("open", "moves again") if is_open else ("closed", "is held still")
            ))  # fmt: skip
            self.open_changed.emit(is_open)
