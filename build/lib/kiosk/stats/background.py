"""Write visit records on a worker thread, so a touch never waits for the disk.

An fsync on every visit (synchronous=FULL) can take tens of milliseconds on an SD card; the UI thread only
puts the record on a queue. The worker owns the StatsStore because an sqlite3 connection belongs to the
thread that opened it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import Final

from kiosk.stats.record import VisitRecord
from kiosk.stats.store import StatsStore

log = logging.getLogger("kiosk.stats")

MAX_PENDING: Final = 1000  # a stuck disk must not grow memory without bound; visits are minutes apart


class _Flush:
    """A marker on the queue: everything before it has been written once it is reached."""

    def __init__(self) -> None:
        self.done = threading.Event()


_STOP: Final = object()


class BackgroundRecorder:
    """A single worker thread and its own StatsStore; `submit` from any thread, `close` at shutdown."""

    def __init__(self, path: Path | str, *, max_pending: int = MAX_PENDING) -> None:
        self.path = Path(path)
        self._queue: queue.Queue[object] = queue.Queue(maxsize=max_pending)
        self._store: StatsStore | None = None
        self._own_notes: list[str] = []
        self._dropping = False
        self._closed = False
        self._lock = threading.Lock()
        # A daemon, so a disk that hangs for ever cannot keep the kiosk from quitting; close() drains it.
        self._thread = threading.Thread(target=self._run, name="kiosk-stats-writer", daemon=True)
        self._thread.start()

    @property
    def available(self) -> bool:
        """True while visits are being recorded (False until the worker has opened the file; flush() first)."""
        store = self._store
        return store is not None and store.available

    @property
    def notes(self) -> list[str]:
        """What staff should know about statistics (damaged file, full disk, dropped visits)."""
        store = self._store
        return [*(store.notes if store is not None else ()), *self._own_notes]

    def submit(self, record: VisitRecord) -> None:
        """Queue a visit for writing; returns at once and never raises."""
        try:
            if self._closed:
                log.debug("a visit was submitted after the statistics writer closed; not recorded")
                return
            if not isinstance(record, VisitRecord):  # caught here, where the caller's stack shows the bug
                log.error("not a visit record, not recorded: %r", type(record).__name__)
                return
            self._queue.put_nowait(record)
            self._dropping = False
        except queue.Full:
            if not self._dropping:  # once per run of drops, not once per visit
                self._dropping = True
                message = "Statistics are falling behind: some visits were not recorded."
                self._own_notes.append(message)
                log.warning("%s (%d waiting)", message, self._queue.qsize())
        except Exception:  # submit is called from UI event handlers; it must not take them down
            log.exception("a visit could not be queued for the statistics")

    def flush(self, timeout: float) -> bool:
        """Wait until everything submitted so far is written (or refused); False when it took too long."""
        if self._closed:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        deadline = time.monotonic() + timeout
        marker = _Flush()
        try:
            self._queue.put(marker, timeout=timeout)
        except queue.Full:
            return False
        return marker.done.wait(max(0.0, deadline - time.monotonic()))

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued, close the file and end the worker (waits at most `timeout` seconds)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        try:
            self._queue.put(_STOP, timeout=timeout)
        except queue.Full:
            log.warning("the statistics writer did not drain its queue in %.1f s; the last visits may be lost", timeout)
            return
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the statistics writer is still busy after %.1f s; the last visits may be lost", timeout)

    def _run(self) -> None:
        """The worker: open the store here (its connection is this thread's), then write until told to stop."""
        try:
            store = StatsStore(self.path)
        except Exception:  # StatsStore reports faults in its notes; this is for the unforeseen
            log.exception("the statistics file could not be opened")
            store = None
        self._store = store
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            if isinstance(item, _Flush):
                item.done.set()
                continue
            if store is None or not isinstance(item, VisitRecord):
                continue
            try:
                store.add(item)
            except Exception:  # a bad record must not end the worker and silently stop all statistics
                log.exception("a visit could not be recorded")
        if store is not None:
            store.close()
