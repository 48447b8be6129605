"""Nothing tells when a visit happened (issue 27, item 5): after 8 visits in a row the statistics file and its
folder carry the day's start as their time, no log line was written during the visits (at DEBUG either), and
the statistics schema was made at start-up, not when the first visit ended."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from tests.ui.test_statistics import full_visit


def _day_start(day: date) -> float:
    return datetime(day.year, day.month, day.day).timestamp()


def _eight_visits(qtbot: QtBot, kiosk: Kiosk) -> None:
    """8 visits: 3 finished, 5 left at Home after one slide."""
    for number in range(8):
        if number % 3 == 0:
            full_visit(qtbot, kiosk)
        else:
            kiosk.flow.start("ja")
            kiosk.flow.next()
            kiosk.flow.end_visit()


def test_eight_visits_leave_no_time_finer_than_the_day(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """8 visits (3 finished, 5 left at Home): no log record while they ran; every statistics file and folder is
    dated to the day's start, so none can be ordered against the others or against the reception book."""
    kiosk = make_kiosk(settings=Settings())
    kiosk.start_statistics()  # what `kiosk run` does at start-up
    kiosk.flush_statistics()
    assert kiosk.stats_path.is_file()  # the schema is made now, before any visit
    caplog.set_level(logging.DEBUG, logger="kiosk")
    caplog.clear()
    _eight_visits(qtbot, kiosk)
    kiosk.flush_statistics()
    assert [r.getMessage() for r in caplog.records] == []
    start = _day_start(date.today())
    data = kiosk.stats_path.parent
    found = [data, *(data / name for name in os.listdir(data))]
    assert kiosk.stats_path in found
    for path in found:  # the access time of the folder is now that of this listing; a file's is not read here
        info = os.stat(path)
        assert info.st_mtime == start, path
        assert path == data or info.st_atime == start, path


def _state(roots: list[Path]) -> dict[Path, tuple[int, int, int, bytes]]:
    """Every folder and file under the roots (links not followed): size, mtime and ctime (ns), and its bytes."""
    found: dict[Path, tuple[int, int, int, bytes]] = {}
    for root in roots:
        for folder, _folders, files in os.walk(root):
            for name in [".", *files]:
                path = Path(folder) / name if name != "." else Path(folder)
                info = os.lstat(path)
                data = path.read_bytes() if name != "." and path.is_file() and not path.is_symlink() else b""
                found[path] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, data)
    return found


@pytest.mark.allow_warnings  # the kiosk name's file and a speech engine may log at start-up
def test_eight_visits_leave_nothing_in_any_file_the_kiosk_writes_until_the_clocks_tick(
    qtbot: QtBot,
    make_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As `kiosk run` (snapshot of the content, content cache, the first screen's picture kept, outbox and
    heartbeat): after start-up settles, 8 visits add no file and change no file's bytes, size, mtime or ctime in
    the data, cache, config and outbox folders: the visits are held until the statistics' next tick. At the tick
    they are written and the file and folder dated to the day's start; at the moment after it their times are set
    again, so the ctime is that moment's, which comes with every tick, visits or not."""
    import shutil
    from functools import partial

    from kiosk.stats import background
    from tests.conftest import SHIPPED_LESSON

    now = [1_000 * background.TICK_S + 7.0]  # the statistics' clock, moved by the test
    made = partial(background.BackgroundRecorder, wall=lambda: now[0])
    monkeypatch.setattr(background, "BackgroundRecorder", made)
    content, box, cache = tmp_path / "live", tmp_path / "outbox", tmp_path / "cache"
    shutil.copytree(SHIPPED_LESSON, content / "stretching")
    settings = Settings(outbox_folder=str(box), kiosk_name="desk-1")
    kiosk = make_kiosk(content=content, settings=settings, cache_dir=cache, watch_content=True)
    kiosk.start_statistics()
    kiosk.flush_statistics()
    qtbot.waitUntil(lambda: kiosk.fleet is not None, timeout=10_000)  # started once the first screen is up
    kiosk.fleet.wait()
    qtbot.waitUntil(lambda: any((cache / "pictures").glob("*.picture")), timeout=10_000)
    roots = [root for root in (kiosk.data_dir, cache, box, kiosk.config_dir) if root.exists()]
    before = _state(roots)
    caplog.set_level(logging.DEBUG, logger="kiosk")
    caplog.clear()
    _eight_visits(qtbot, kiosk)
    qtbot.waitUntil(lambda: kiosk.recorder.held == 8, timeout=10_000)
    kiosk.fleet.wait()
    assert [r.getMessage() for r in caplog.records] == []
    assert _state(roots) == before  # nothing made, removed or changed: no content, size, mtime or ctime

    now[0] = 1_001 * background.TICK_S + 0.5  # the tick: the 8 visits are written, dated to the day
    kiosk.recorder.wake()
    qtbot.waitUntil(lambda: kiosk.recorder.held == 0 and kiosk.recorder.waiting == 0, timeout=10_000)
    kiosk.recorder.flush(10)
    now[0] = 1_001 * background.TICK_S + background.TOUCH_AFTER_S + 0.1  # the moment after it: times set again
    marker = tmp_path / "clock-marker"  # the file system's own (coarse) clock, read just before the tick's moment
    marker.write_bytes(b"")
    touched_from = os.stat(marker).st_ctime_ns
    ctime = os.stat(kiosk.stats_path).st_ctime_ns
    kiosk.recorder.wake()
    qtbot.waitUntil(lambda: os.stat(kiosk.stats_path).st_ctime_ns != ctime, timeout=10_000)
    after = _state(roots)
    data = kiosk.stats_path.parent
    changed = {path for path in after if after[path] != before[path]}
    assert set(after) == set(before) and changed <= {kiosk.stats_path, data}
    start_ns = round(_day_start(date.today()) * 1e9)
    for path in (kiosk.stats_path, data):
        assert after[path][1] == start_ns, path  # mtime: the day's start
        assert after[path][2] >= touched_from, path  # ctime: the tick's moment after, not a visit's end
