"""Qt's own warnings and exceptions in worker threads reach the kiosk's log instead of a stderr nobody reads."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from kiosk.app import faults


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """faults.install for one test; the previous hooks (pytest-qt's message handler too) come back after."""
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(previous)
    faults.install(lambda kind, error, tb: seen.append(error))
    yield seen
    qInstallMessageHandler(previous)


@pytest.mark.allow_warnings
def test_a_qt_warning_is_logged_at_warning(installed: list[BaseException], caplog: pytest.LogCaptureFixture) -> None:
    """qWarning() from Qt code lands in the kiosk.qt logger at WARNING, with its text."""
    qWarning("QFont::setPointSizeF: Point size <= 0 (-1.000000)")
    [record] = [r for r in caplog.records if r.name == "kiosk.qt"]
    assert record.levelno == logging.WARNING and "Point size <= 0" in record.getMessage()


@pytest.mark.allow_warnings
def test_a_worker_threads_exception_is_logged_with_its_traceback(
    installed: list[BaseException], caplog: pytest.LogCaptureFixture
) -> None:
    """An exception that ends a thread is logged at CRITICAL with the thread's name and the traceback."""

    def fail() -> None:
        raise OSError("disk full")

    worker = threading.Thread(target=fail, name="stats-writer")
    worker.start()
    worker.join(5)
    [record] = [r for r in caplog.records if r.name == "kiosk.thread"]
    assert record.levelno == logging.CRITICAL
    assert "stats-writer" in record.getMessage() and "OSError: disk full" in record.getMessage()
    assert "in fail" in record.getMessage(), "the traceback names the function that raised"


def test_the_main_threads_exceptions_go_to_the_given_hook(installed: list[BaseException]) -> None:
    """sys.excepthook becomes the kiosk's own hook (which logs and starts over)."""
    error = ValueError("in a slot")
    sys.excepthook(ValueError, error, None)
    assert installed == [error]
