"""SVG pictures drawn off the UI thread, each within a time budget; one over it is shown as a calm placeholder.

The content checks bound what a picture may hold (kiosk/content/svg_check.py, svg_area.py), but a picture that
passes can still be slow to draw on a slow machine; drawn on the UI thread it would freeze the screen and stop
the watchdog's pings. So every SVG is drawn by a worker thread into a QImage (painting into an image is
thread-safe), with its own renderer, and the UI thread only waits a bounded time for it.

Why QImageReader and not QSvgRenderer.render: PySide 6.11 holds Python's lock through `render`, so a worker
drawing a 1.6 s picture stopped a 10 ms timer on the UI thread for 1.6 s. QImageReader.read lets it go (the
same picture: the timer kept ticking, never more than 27 ms apart), and its SVG plugin draws with QtSvg's
renderer, antialiased, into a transparent image: the 23 shipped pictures come out byte for byte as the
widget drew them before (compared at 901 x 676).

A drawing that is still running when the budget is spent cannot be stopped (Qt has no way to interrupt a
renderer); its picture is marked slow, `too_slow` says its name once, widgets show the placeholder from then on
(this run), and the thread's result is dropped when it ends. The budget counts from when the drawing starts: one
still queued behind others (the handout asks for a dozen at once) is not counted as slow.
"""

from __future__ import annotations

import atexit
import hashlib
import queue
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future, wait
from functools import partial

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QImageReader

DRAW_BUDGET_MS = 2000  # a house-style picture takes 4-170 ms at 1920 x 1080 (the overdraw cap: 0.17 s)
FRAME_WAIT_MS = 60  # `kiosk run`: how long a frame waits for a picture before it is drawn without it (for now)
WORKERS = 2  # a slow picture holds one; the other keeps drawing the rest
FORMAT = QImage.Format.Format_ARGB32_Premultiplied

Draw = Callable[[bytes, QSize], QImage]
Key = tuple[bytes, int, int]  # the SVG's digest, and the size in pixels


def draw_svg(data: bytes, size: QSize) -> QImage:
    """The SVG drawn to fill `size` pixels on a transparent ground; a null image when it cannot be drawn.

    Runs in a worker thread: the reader and its renderer are made here and never shared."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"svg")
    reader.setScaledSize(size)
    image = reader.read()
    buffer.close()
    return image.convertToFormat(FORMAT) if not image.isNull() else QImage()


class _Workers:
    """A few daemon threads drawing in turn. Not a ThreadPoolExecutor: Python joins its threads at exit, so a
    picture still drawing (40 s for the audit's blurred one) would hold the kiosk's exit that long."""

    def __init__(self, count: int, name: str) -> None:
        self._queue: queue.SimpleQueue[tuple[Future[QImage], Draw, bytes, QSize]] = queue.SimpleQueue()
        for number in range(count):
            threading.Thread(target=self._run, name=f"{name}-{number}", daemon=True).start()

    def submit(self, draw: Draw, data: bytes, size: QSize) -> Future[QImage]:
        future: Future[QImage] = Future()
        self._queue.put((future, draw, data, size))
        return future

    def _run(self) -> None:
        while True:
            future, draw, data, size = self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(draw(data, size))
            except BaseException as error:  # handed to the UI thread, which draws nothing for it
                future.set_exception(error)


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class PictureDrawer(QObject):
    """Draws SVG pictures in worker threads; answers a frame at once, or after at most `frame_wait_ms`."""

    arrived = Signal()  # a drawing ended or went over the budget: widgets still waiting for one repaint
    too_slow = Signal(str)  # a picture's name, the first time its drawing goes over the budget
    _finished = Signal()  # emitted by a worker thread; `arrived` follows on the UI thread

    def __init__(
        self,
        budget_ms: int = DRAW_BUDGET_MS,
        frame_wait_ms: int | None = None,
        draw: Draw = draw_svg,
        workers: int = WORKERS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.budget_ms = budget_ms
        # Tests, `kiosk render` and the preview wait up to the budget (what they grab is then the picture or
        # the placeholder, never a gap); the running kiosk waits a frame's worth (`kiosk.app.kiosk.run`).
        self.frame_wait_ms = budget_ms if frame_wait_ms is None else frame_wait_ms
        self._draw = draw
        self._pool = _Workers(workers, "kiosk-pictures")
        self._jobs: dict[Key, Future[QImage]] = {}
        self._slow: set[bytes] = set()  # digests of pictures whose drawing went over the budget
        self._started: dict[Key, float] = {}  # when a worker took the drawing (time.monotonic), set by that worker
        self._finished.connect(self.arrived, Qt.ConnectionType.QueuedConnection)
        self._closed = False
        self._signal_lock = threading.Lock()  # close() and a worker's signal never overlap
        _open_drawers.add(self)

    def is_slow(self, data: bytes) -> bool:
        """This picture went over the budget once: it is shown as the placeholder from now on."""
        return digest(data) in self._slow

    def image(self, name: str, data: bytes, size: QSize, wait_ms: int | None = None) -> QImage | None:
        """The picture drawn at `size` pixels, or None while it is being drawn (`arrived` follows) or is slow.

        The first ask starts the drawing; the frame waits for it at most `frame_wait_ms` (or `wait_ms`: the handout
        asks with 0 and waits for `arrived` instead, kiosk/app/handout_job.py)."""
        wait_ms = self.frame_wait_ms if wait_ms is None else wait_ms
        key = (digest(data), size.width(), size.height())
        if key[0] in self._slow:
            return None
        job = self._jobs.get(key)
        if job is None:
            job = self._jobs[key] = self._pool.submit(partial(self._timed, key), data, size)
            job.add_done_callback(self._done)
            QTimer.singleShot(self.budget_ms, self, partial(self._check, key, name))
        if not job.done() and wait_ms > 0:
            wait([job], timeout=wait_ms / 1000)
        if not job.done():
            return None
        del self._jobs[key]
        self._started.pop(key, None)
        return job.result() if job.exception() is None else QImage()

    def close(self) -> None:
        """No drawing signals this drawer from now on (at exit: see `_close_all`)."""
        with self._signal_lock:
            self._closed = True

    def _done(self, _job: Future[QImage]) -> None:
        """A drawing ended (in the worker): tell the UI thread, unless the drawer is closed."""
        with self._signal_lock:
            if not self._closed:
                self._finished.emit()

    def _timed(self, key: Key, data: bytes, size: QSize) -> QImage:
        """Runs in the worker: notes when the drawing starts, then draws."""
        self._started[key] = time.monotonic()
        return self._draw(data, size)

    def _check(self, key: Key, name: str) -> None:
        """The budget is spent: a drawing running that long marks its picture slow; one queued or started later
        is looked at again when its own budget is spent."""
        job = self._jobs.get(key)
        if job is None or job.done():
            self._started.pop(key, None)
            return
        started = self._started.get(key)
        left_ms = self.budget_ms if started is None else self.budget_ms - (time.monotonic() - started) * 1000
        if not job.running() or left_ms > 0:
            QTimer.singleShot(max(1, round(left_ms)), self, partial(self._check, key, name))
            return
        del self._jobs[key]  # its result is dropped when the thread ends
        self._started.pop(key, None)
        if key[0] not in self._slow:
            self._slow.add(key[0])
            self.too_slow.emit(name)
        self.arrived.emit()

    def busy(self) -> bool:
        """A drawing asked for is not yet taken (tests and `kiosk render` wait on it)."""
        return bool(self._jobs)


_shared: list[PictureDrawer] = []
_open_drawers: weakref.WeakSet[PictureDrawer] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """At exit, before Qt's own clean-up (PySide registers its handler when it is imported, before this module's,
    and atexit runs the last registered first): a drawing that ended in a worker (a daemon thread) while Qt's
    objects were being destroyed signalled a dead object and crashed the process (SIGSEGV, seen under load)."""
    for drawer in list(_open_drawers):
        drawer.close()


def shared() -> PictureDrawer:
    """The drawer every picture widget uses (made with the first, on the UI thread)."""
    if not _shared:
        _shared.append(PictureDrawer())
    return _shared[0]
