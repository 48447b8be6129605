"""A hard time limit for a test step that would hang for ever if a guard failed (a FIFO opened for reading)."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class StepTimedOutError(AssertionError):
    """The step took longer than allowed: on today's code it would have hung the kiosk."""


@contextlib.contextmanager
def within_seconds(seconds: int) -> Iterator[None]:
    """Raise StepTimedOutError in the main thread if the block takes longer than `seconds` (SIGALRM)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum: int, frame: object) -> None:
        raise StepTimedOutError(f"took longer than {seconds} s (it would hang the kiosk)")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
