"""Work done while the patient reads: the screens a tap can lead to, laid out ahead, one at a time.

After a screen is shown (and its transition has ended: DELAY_MS) each task runs in a timer tick of its own, so a
touch that comes in between waits for one task at most. A new screen drops the tasks planned for the old one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

DELAY_MS = 400  # after the 240 ms transition: its frames are never held up by this work


class Lookahead(QObject):
    """A queue of small tasks run in idle time; `done` once the queue is empty."""

    done = Signal()
    # None: the work runs only when asked (`finish`): the UI tests' default, so a page a test holds stays shown.
    delay_ms: int | None = DELAY_MS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: deque[Callable[[], object]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    def plan(self, tasks: Iterable[Callable[[], object]]) -> None:
        """Replace what was planned with these tasks, to start after the delay."""
        self._tasks = deque(tasks)
        if self._tasks and self.delay_ms is not None:
            self._timer.start(self.delay_ms)
        else:
            self._timer.stop()

    @property
    def pending(self) -> bool:
        return bool(self._tasks)

    def finish(self) -> None:
        """Run what is planned now (tests and benchmarks: as if the patient had read the screen)."""
        self._timer.stop()
        while self._tasks:
            self._tasks.popleft()()
        self.done.emit()

    def _step(self) -> None:
        if self._tasks:
            self._tasks.popleft()()
        if self._tasks:
            self._timer.start(0)
        else:
            self.done.emit()
