"""Visits written on the clock's tick, not as they end (issue 27): the statistics file's change time (ctime), which
no unprivileged process can set, then tells the last tick and never a visit."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.stats.background import TOUCH_AFTER_S, BackgroundRecorder
from tests.stats.samples import make_record, query

TICK = 60.0


def _times(path: Path) -> tuple[int, int, int, bytes]:
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, path.read_bytes()


def _count(path: Path) -> int:
    return int(query(path, "SELECT COUNT(*) FROM visit")[0][0])


def test_visits_wait_for_the_tick_and_the_times_are_set_on_every_tick(qtbot: QtBot, tmp_path: Path) -> None:
    """Between ticks a visit changes nothing in the file (bytes, size, mtime, ctime); at the tick the visits are
    written; at the moment after each tick the file's times are set again, with visits or without, so its ctime
    is that moment's, the same whether a visit came or not."""
    path = tmp_path / "stats.db"
    now = [10 * TICK + 7.0]  # 7 s after a tick
    recorder = BackgroundRecorder(path, tick_s=TICK, wall=lambda: now[0])
    assert recorder.flush(10)  # the file made, its schema written
    before = _times(path)
    for _ in range(3):
        recorder.submit(make_record())
    qtbot.waitUntil(lambda: recorder.held == 3, timeout=10_000)
    assert _times(path) == before  # held: nothing written, no time changed
    now[0] = 11 * TICK + 0.5  # the tick: written
    recorder.wake()
    qtbot.waitUntil(lambda: recorder.held == 0 and recorder.waiting == 0, timeout=10_000)
    qtbot.waitUntil(lambda: _count(path) == 3, timeout=10_000)
    written = _times(path)
    now[0] = 11 * TICK + TOUCH_AFTER_S + 0.1  # the moment after it: only the ctime moves
    recorder.wake()
    qtbot.waitUntil(lambda: _times(path)[2] != written[2], timeout=10_000)
    touched = _times(path)
    assert touched[:2] == written[:2] and touched[3] == written[3]
    now[0] = 12 * TICK + TOUCH_AFTER_S + 0.1  # a tick with no visit: the ctime moves all the same
    recorder.wake()
    qtbot.waitUntil(lambda: _times(path)[2] != touched[2], timeout=10_000)
    assert _times(path)[:2] == touched[:2]
    recorder.close()
    assert _count(path) == 3


def test_flush_read_and_close_write_what_is_held(tmp_path: Path) -> None:
    """Staff asking (read), a test's flush, and leaving (close) write the held visits at once."""
    path = tmp_path / "stats.db"
    recorder = BackgroundRecorder(path, tick_s=3600.0)
    recorder.submit(make_record())
    assert recorder.read(lambda store: store.visits_per_day(1, make_record().day) if store else None, 10) == [
        (make_record().day, 1)
    ]
    recorder.submit(make_record())
    assert recorder.flush(10) and _count(path) == 2
    recorder.submit(make_record())
    recorder.close()
    assert _count(path) == 3
