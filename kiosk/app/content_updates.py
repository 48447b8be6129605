"""New content without a staff visit: a worker thread runs the checks of kiosk.content.updates and hands
what validated (or the problems) to the screen's thread through queued signals.

The worker polls every `content_poll_seconds` (settings) and waits `content_quiet_seconds` after the last
change; parsing and validating run in a child process it waits for (kiosk.content.updates.validate_elsewhere),
so the patient's screen keeps its frames: parsing in a thread of this process held the interpreter lock and
cost frames (p95 24 ms against 8 ms in the child, benchmarks/bench_lessons.py). The kiosk then
offers the new library to the flow, which shows it the next time the attract screen is up.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.content.model import Library
from kiosk.content.updates import Update, UpdateChecker
from kiosk.core.errors import LocatedError

log = logging.getLogger("kiosk.content")


class ContentUpdates(QObject):
    """Starts its worker at once; `close` stops it. Signals arrive on the thread that made this object."""

    arrived = Signal(object, object)  # Library, the snapshot folder it was loaded from
    refused = Signal(list)  # [LocatedError]: new content that failed validation (the old one stays)
    checked = Signal()  # after each poll (tests and benchmarks wait on it)
    _found = Signal(object)  # from the worker: an Update, delivered queued to this object's thread

    def __init__(self, checker: UpdateChecker, poll_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checker, self.poll_seconds = checker, poll_seconds
        self._found.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kiosk-content-updates", daemon=True)
        self._thread.start()
        quiet = checker.quiet_seconds
        log.info("watching %s for new content (every %g s, then %g s quiet)", checker.root, poll_seconds, quiet)

    def _run(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            try:
                update = self.checker.step()
            except Exception:  # a bug in a check must not end the watching, nor the kiosk
                log.exception("checking for new content failed")
                update = None
            if self._stop.is_set():
                return
            self._found.emit(update)

    @Slot(object)
    def _deliver(self, update: Update | None) -> None:
        if update is not None:
            if update.library is not None:
                self.arrived.emit(update.library, update.snapshot)
            else:
                self.refused.emit(list(update.problems))
        self.checked.emit()

    def close(self) -> None:
        """Stop the worker; a check under way finishes first (bounded by the loader's own limits)."""
        self._stop.set()
        self._thread.join(timeout=5.0)


def newest_snapshot(snapshots: Path) -> Path | None:
    """The last snapshot that validated, for a start-up whose live content is broken or half copied."""
    try:
        numbered = [p for p in snapshots.iterdir() if p.name.isdigit() and p.is_dir()]
    except OSError:
        return None
    return max(numbered, key=lambda p: int(p.name), default=None)


def log_refused(problems: list[LocatedError]) -> None:
    for problem in problems:
        log.warning("new content not shown: %s", problem)


def describe(library: Library) -> str:
    return ", ".join(f"{lesson.id} ({'/'.join(lesson.languages)})" for lesson in library.lessons.values())
