"""Logging goes to a rotating file and a crash trace in the folder given, or to the console when it cannot."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest

from kiosk.logs import setup_logging


@pytest.fixture(autouse=True)
def _restore_kiosk_logger() -> None:
    root = logging.getLogger("kiosk")
    handlers, level, propagate = list(root.handlers), root.level, root.propagate
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        if handler not in handlers:
            handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    root.propagate = propagate


def test_rotating_file_and_crash_trace(tmp_path: Path) -> None:
    """A rotating kiosk.log (1 MB x 5) and a crash.log for native faults, both in the log folder."""
    path = setup_logging(tmp_path / "log")
    assert path == tmp_path / "log" / "kiosk.log"
    logging.getLogger("kiosk.test").info("hello")
    handlers = [h for h in logging.getLogger("kiosk").handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert handlers and handlers[0].maxBytes == 1_000_000 and handlers[0].backupCount == 5
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
