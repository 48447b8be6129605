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
    for number in range(8):
        if number % 3 == 0:
            full_visit(qtbot, kiosk)
        else:
            kiosk.flow.start("ja")
            kiosk.flow.next()
            kiosk.flow.end_visit()
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
