"""Write visit records on a worker thread, so a touch never waits for the disk, and keep every visit.

An fsync on every visit (synchronous=FULL) can take tens of milliseconds on an SD card; the UI thread only
puts the record on a queue. The worker owns the kiosk's one StatsStore, because an sqlite3 connection
belongs to the thread that opened it, and the staff screen reads through it too (`read`), so nothing in the
kiosk ever waits for a lock the kiosk itself holds.

With `tick_s` (the kiosk: every minute), a visit is held in memory and written at the next whole tick of the
clock, and at a fixed moment after every tick, visits or not, the file's times are set again: the change time
(ctime), which the kernel sets to "now" on every write, rename or change of times and no unprivileged process
can set back, then tells only the last tick, never a visit. A power cut loses at most one tick of visits;
`flush`, `read` and `close` write what is held at once (staff asking, tests, leaving).

Load never stops recording: a visit that cannot be written now (the file busy, the disk full, the folder
gone) stays in memory, in the order it came, and is written when a later try succeeds; tries back off from
half a second to half a minute. Only a file from a newer kiosk, or a record the schema refuses, is not kept.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar

from kiosk.core.i18n import _
from kiosk.stats.record import VisitRecord
from kiosk.stats.store import StatsStore, WriteResult

log = logging.getLogger("kiosk.stats")

T = TypeVar("T")

MAX_PENDING: Final = 1000  # a stuck disk must not grow memory without bound; visits are minutes apart
FIRST_RETRY_S: Final = 0.5
LAST_RETRY_S: Final = 30.0
REPORT_AFTER_S: Final = 60.0  # waiting this long is a fault staff should hear of, not a busy moment
TICK_S: Final = 60.0  # the kiosk's: visits are written on the minute, so a file's ctime dates no visit
TOUCH_AFTER_S: Final = 5.0  # after a tick's write (tens of ms, an SD card's fsync), its times are set again


class _Flush:
    """A marker on the queue: everything before it has been written once it is reached."""

    def __init__(self) -> None:
        self.done = threading.Event()


class _Read:
    """A question for the worker's store, answered after every visit queued before it is written."""

    def __init__(self, question: Callable[[StatsStore | None], object]) -> None:
        self.question = question
        self.answer: object = None
        self.error: BaseException | None = None
        self.done = threading.Event()


_STOP: Final = object()
_WAKE: Final = object()


class BackgroundRecorder:
    """A single worker thread and its own StatsStore; `submit` from any thread, `close` at shutdown."""

    def __init__(
        self,
        path: Path | str,
        *,
        max_pending: int = MAX_PENDING,
        first_retry_s: float = FIRST_RETRY_S,
        last_retry_s: float = LAST_RETRY_S,
        clock: Callable[[], float] = time.monotonic,
        tick_s: float = 0.0,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self._queue: queue.Queue[object] = queue.Queue(maxsize=max_pending)
        self._max_pending = max_pending
        self._first_retry_s = first_retry_s
        self._last_retry_s = last_retry_s
        self._clock = clock
        self._store: StatsStore | None = None
        self._own_notes: list[str] = []
        self._waiting: collections.deque[VisitRecord] = collections.deque()  # not yet written, oldest first
        self._waiting_since: float | None = None  # when the first visit had to wait, in this run of waits
        self._next_try = 0.0
        self._retry_s = first_retry_s
        self._reported = False
        self._dropping = False
        self._closed = False
        self._tick_s = tick_s
        self._wall = wall
        self._held: list[VisitRecord] = []  # with tick_s: visits not yet due to be written, oldest first
        self._next_write = self._next_touch = self._wall()
        self._plan_ticks()
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
    def waiting(self) -> int:
        """Visits kept in memory until the file can take them."""
        return len(self._waiting)

    @property
    def held(self) -> int:
        """Visits held in memory until the next tick (with tick_s)."""
        return len(self._held)

    def wake(self) -> None:
        """Let the worker look at the clock now (tests that move a `wall` clock of their own)."""
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(_WAKE)

    @property
    def notes(self) -> list[str]:
        """What staff should know about statistics (damaged file, full disk, dropped visits)."""
        store = self._store
        notes = [*(store.notes if store is not None else ()), *self._own_notes]
        waiting = len(self._waiting)
        if waiting and self._reported:
            fault = store.fault if store is not None and store.fault else _("the file cannot be written")
            notes.append(
                _(
                    "{count} visit(s) are waiting to be written to the statistics ({fault}); they are kept and written"
                    " as soon as the file can take them."
                ).format(count=waiting, fault=fault)
            )
        return notes

    def submit(self, record: VisitRecord) -> None:
        """Queue a visit for writing; returns at once and never raises."""
        try:
            if self._closed:
                log.debug("a visit was submitted after the statistics writer closed; not recorded")
                return
            if not isinstance(record, VisitRecord):  # caught here, where the caller's stack shows the bug
                log.error("not a visit record, not recorded: %r", type(record).__name__)
                return
            if len(self._waiting) + len(self._held) >= self._max_pending:
                raise queue.Full
            self._queue.put_nowait(record)
            self._dropping = False
        except queue.Full:
            if not self._dropping:  # once per run of drops, not once per visit
                self._dropping = True
                message = _("Statistics are falling behind: some visits were not recorded.")
                self._own_notes.append(message)
                log.warning("%s (%d waiting)", message, self._queue.qsize() + len(self._waiting))
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

    def read(self, question: Callable[[StatsStore | None], T], timeout: float) -> T:
        """Ask the worker's store `question` after the visits queued so far are written (or kept waiting).

        The store is None when the file could not be opened (its notes say why). Raises TimeoutError when no
        answer came within `timeout`, and whatever `question` raised.
        """
        if self._closed:
            raise TimeoutError(_("the statistics writer is closed"))
        deadline = time.monotonic() + timeout
        item = _Read(question)
        try:
            self._queue.put(item, timeout=timeout)
        except queue.Full:
            raise TimeoutError(_("the statistics writer is busy")) from None
        if not item.done.wait(max(0.0, deadline - time.monotonic())):
            raise TimeoutError(_("the statistics writer is busy"))
        if item.error is not None:
            raise item.error
        return item.answer  # type: ignore[return-value]  # question's own T, set by the worker

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

    # -- the worker ---------------------------------------------------------------------------------
    def _run(self) -> None:
        """Open the store here (its connection is this thread's), then write and answer until told to stop."""
        self._store = self._open()
        flushes: list[_Flush] = []
        while (item := self._next_item()) is not _STOP:
            if isinstance(item, (_Flush, _Read)) and self._held:  # asked now: written now
                self._release()
                self._write_waiting()
            if isinstance(item, _Flush):
                flushes.append(item)
            elif isinstance(item, _Read):
                self._answer(item)
            if not self._waiting:  # everything before each marker is in the file now
                for marker in flushes:
                    marker.done.set()
                flushes.clear()
        if self._held:  # leaving: what is held is written now
            self._release()
            self._write_waiting()
        if self._waiting:
            log.warning("%d visit(s) could not be written before the kiosk stopped", len(self._waiting))
        for marker in flushes:
            marker.done.set()
        if self._store is not None:
            self._store.close()

    def _next_item(self) -> object:
        """Wait for the next item (or the next try, when visits wait), taking every queued visit along with it
        so they are written together; write what waits; return the first item that is not a visit (or None)."""
        owed = bool(self._waiting) or (self._store is not None and self._store.rebuild_owed)
        timeout = max(0.01, self._next_try - self._clock()) if owed else None
        if self._tick_s > 0:
            until_tick = max(0.01, min(self._next_write, self._next_touch) - self._wall())
            timeout = until_tick if timeout is None else min(timeout, until_tick)
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            item = None
        while isinstance(item, VisitRecord) or item is _WAKE:
            if isinstance(item, VisitRecord):
                (self._held if self._tick_s > 0 else self._waiting).append(item)
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                item = None
        if self._tick_s > 0 and self._wall() >= self._next_write:
            self._release()
            self._next_write = self._following_tick()  # what comes before the times are set waits a tick
        self._write_waiting()
        if self._tick_s > 0 and self._wall() >= self._next_touch:
            if self._store is not None:
                self._store.reset_times()
            self._next_touch = self._following_tick() + min(TOUCH_AFTER_S, self._tick_s / 4)
        return item

    def _release(self) -> None:
        """Held visits join the ones to write (at a tick, or when asked)."""
        self._waiting.extend(self._held)
        self._held.clear()

    def _plan_ticks(self) -> None:
        """The next whole tick of the wall clock (write what is held) and the moment after it (set the times)."""
        if self._tick_s <= 0:
            return
        self._next_write = self._following_tick()
        self._next_touch = self._next_write + min(TOUCH_AFTER_S, self._tick_s / 4)

    def _following_tick(self) -> float:
        return (self._wall() // self._tick_s + 1) * self._tick_s

    def _open(self) -> StatsStore | None:
        try:
            return StatsStore(self.path)
        except Exception:  # StatsStore reports faults in its notes; this is for the unforeseen
            log.exception("the statistics file could not be opened")
            return None

    def _write_waiting(self) -> None:
        """Write the waiting visits in order until one must wait; then back off before the next try."""
        store = self._store
        if store is not None and (store.damaged or (not store.available and store.retryable)) and self._due():
            store.close()  # reopening sets a damaged file aside, or finds the folder back
            store = self._store = self._open()
        if store is None:
            return
        while self._waiting:
            if not store.available and store.retryable and not self._due():
                return
            try:
                result = store.write(self._waiting[0])
            except Exception:  # a bad record must not end the worker and silently stop all statistics
                log.exception("a visit could not be recorded")
                result = WriteResult.REFUSED
            if result is WriteResult.LATER:
                self._wait_longer(store)
                return
            self._waiting.popleft()
        self._caught_up()
        # One rebuild for the visits written together: where rows sit says nothing of their order either way.
        if store.rebuild_owed and self._due() and not store.rebuild():
            self._back_off()

    def _due(self) -> bool:
        """True when a try is allowed: the back-off after the last failed try has passed."""
        return self._clock() >= self._next_try

    def _wait_longer(self, store: StatsStore) -> None:
        now = self._clock()
        if self._waiting_since is None:
            self._waiting_since = now
            log.info("a visit waits to be written to the statistics (%s); trying again", store.fault)
        self._back_off()
        if not self._reported and now - self._waiting_since >= REPORT_AFTER_S:
            self._reported = True
            log.warning(
                "%d visit(s) have waited %.0f s to be written to the statistics (%s); they are kept in memory",
                len(self._waiting),
                now - self._waiting_since,
                store.fault,
            )

    def _back_off(self) -> None:
        """The next try after the current wait; each wait twice the last, up to the longest."""
        self._next_try = self._clock() + self._retry_s
        self._retry_s = min(self._retry_s * 2, self._last_retry_s)

    def _caught_up(self) -> None:
        if self._waiting_since is None:
            return
        log.info("the statistics file took the waiting visits")
        self._waiting_since = None
        self._next_try = 0.0
        self._retry_s = self._first_retry_s
        self._reported = False

    def _answer(self, item: _Read) -> None:
        try:
            item.answer = item.question(self._store)
        except BaseException as error:  # handed to the caller's thread, which raises it there
            item.error = error
        item.done.set()
