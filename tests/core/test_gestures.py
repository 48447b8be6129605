"""Swipe recognition by the numbers in DESIGN.md."""

from __future__ import annotations

from kiosk.core.gestures import SwipeTracker


def swipe(dx: float, dy: float, ms: float) -> int:
    tracker = SwipeTracker()
    tracker.press(500, 500, 1000)
    return tracker.release(500 + dx, 500 + dy, 1000 + ms)


def test_left_and_right_swipes() -> None:
    """A quick horizontal drag of 50 px or more is a swipe: left goes forward, right goes back."""
    assert swipe(-50, 0, 300) == 1
    assert swipe(120, 20, 700) == -1


def test_not_swipes() -> None:
    """Too short, too slow, too vertical, or a release without a press: no swipe."""
    assert swipe(-49, 0, 100) == 0
    assert swipe(-300, 0, 801) == 0
    assert swipe(-100, 60, 200) == 0
    assert swipe(0, 0, 50) == 0  # a tap
    assert SwipeTracker().release(0, 0, 0) == 0
