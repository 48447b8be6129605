"""Logging goes to a rotating file and a crash trace in the folder given, or to the console when it cannot."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.logs import BACKUPS, MAX_BYTES, RotatingFile, setup_logging
from tests.conftest import kiosk_logger_restored


@pytest.fixture(autouse=True)
def _restore_kiosk_logger() -> Iterator[None]:
    with kiosk_logger_restored():
        yield


def test_rotating_file_and_crash_trace(tmp_path: Path) -> None:
    """A rotating kiosk.log (1 MB x 5) and a crash.log for native faults, both in the log folder."""
    path = setup_logging(tmp_path / "log")
    assert path == tmp_path / "log" / "kiosk.log"
    logging.getLogger("kiosk.test").info("hello")
    handlers = [h for h in logging.getLogger("kiosk").handlers if isinstance(h, RotatingFile)]
    assert handlers and (handlers[0].max_bytes, handlers[0].backups) == (MAX_BYTES, BACKUPS) == (1_000_000, 5)
    handlers[0].flush()
    assert "kiosk.test: hello" in path.read_text(encoding="utf-8")
    assert (tmp_path / "log" / "crash.log").exists()


@pytest.mark.allow_warnings
def test_unwritable_log_folder_falls_back_to_the_console(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A log folder that cannot be created is reported and the kiosk logs to the console instead."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert setup_logging(blocker / "log") is None
    assert any("cannot write logs" in r.getMessage() for r in caplog.records)


def test_the_log_rotates_and_keeps_a_fixed_number_of_old_files(tmp_path: Path) -> None:
    """Past the size limit the file moves to .1 (and .1 to .2 ...); the oldest beyond the count is gone."""
    path = tmp_path / "kiosk.log"
    handler = RotatingFile(path, max_bytes=200, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("test.rotation")  # outside "kiosk": nothing else sees these lines
    logger.propagate, logger.level = False, logging.INFO
    logger.addHandler(handler)
    try:
        for number in range(40):
            logger.info("line %02d %s", number, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    assert all(p.stat().st_size <= 200 + 60 for p in tmp_path.iterdir())
    newest = path.read_text(encoding="utf-8")
    assert "line 39" in newest and "line 38" in newest
    assert "line 00" not in "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir()), "old lines dropped"
    # Each line is in at most one file and the kept ones are the most recent, in order.
    names = ("kiosk.log.2", "kiosk.log.1", "kiosk.log")
    kept = [line for name in names for line in (tmp_path / name).read_text(encoding="utf-8").splitlines()]
    numbers = [int(line.split()[1]) for line in kept]
    assert numbers == list(range(numbers[0], 40))
