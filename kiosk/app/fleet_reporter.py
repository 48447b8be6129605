"""The kiosk's side of a clinic chain: a heartbeat and the ended days' summaries, written to the outbox.

Off unless `outbox_folder` is set. A timer on the GUI thread notes that the screen is alive and hands the
writing (SQLite reads, a few small files) to one worker thread, so a slow disk never delays a touch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk.fleet.outbox import Heartbeat, Outbox, kiosk_name

log = logging.getLogger("kiosk.fleet")


class FleetReporter(QObject):
    """Writes the heartbeat every `interval_ms` and, with it, any missing summary of an ended day."""

    def __init__(
        self,
        outbox: Path,
        name: str,
        data_dir: Path,
        stats_path: Path,
        interval_ms: int,
        state: Callable[[], tuple[str, tuple[str, ...], tuple[str, ...]]],
        parent: QObject | None = None,
        min_visits: int = 5,
    ) -> None:
        super().__init__(parent)
        self.min_visits = min_visits  # no group of fewer visits leaves the kiosk (kiosk.fleet.periods)
        self.outbox = Outbox(outbox, kiosk_name(name, data_dir), stats_path)
        self._state = state  # (the content version shown, lesson ids, problems) as the kiosk knows them now
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-outbox")
        self._pending: Future[None] | None = None
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.beat)

    def start(self) -> None:
        self.timer.start()
        self.beat()

    def beat(self) -> None:
        """The event loop is running and the screen is up: say so, unless the last write is still going."""
        if self._pending is not None and not self._pending.done():
            return
        version, lessons, problems = self._state()
        drawn = datetime.now(UTC)
        self._pending = self._pool.submit(self._write, version, lessons, problems, drawn, date.today())

    def _write(
        self, version: str, lessons: tuple[str, ...], problems: tuple[str, ...], drawn: datetime, today: date
    ) -> None:
        try:
            self.outbox.write_summaries(today, lessons[0] if len(lessons) == 1 else "", self.min_visits)
            problems = (*problems, *self.outbox.notes)  # a damaged statistics store, an outbox not writable
            beat = Heartbeat(self.outbox.kiosk, drawn, version, lessons, problems)
            self.outbox.write_heartbeat(beat)
        except Exception:  # a worker's error must never end the kiosk; the log has it
            log.exception("outbox not written")

    def wait(self, timeout: float = 5.0) -> None:
        """Let the last write finish (tests, and closing)."""
        if self._pending is not None:
            self._pending.result(timeout)

    def close(self) -> None:
        self.timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
