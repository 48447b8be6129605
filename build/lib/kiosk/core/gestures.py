"""Swipe recognition as plain arithmetic, so it is tested without Qt.

DESIGN.md: a swipe is at least 50 px, mostly horizontal, within 800 ms; anything else is not a swipe.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_DISTANCE_PX = 50
MAX_DURATION_MS = 800
MIN_HORIZONTAL_RATIO = 2.0  # horizontal travel at least twice the vertical


@dataclass
class SwipeTracker:
    """Feed it a press and a release; it says whether they made a swipe and which way."""

    min_distance: float = MIN_DISTANCE_PX
    max_duration_ms: float = MAX_DURATION_MS
    _start: tuple[float, float, float] | None = None

    def press(self, x: float, y: float, time_ms: float) -> None:
        self._start = (x, y, time_ms)

    def cancel(self) -> None:
        self._start = None

    def release(self, x: float, y: float, time_ms: float) -> int:
        """+1 for a swipe to the left (go forward), -1 to the right (go back), 0 for none."""
        if self._start is None:
            return 0
        start_x, start_y, start_time = self._start
        self._start = None
        dx, dy = x - start_x, y - start_y
        if time_ms - start_time > self.max_duration_ms or abs(dx) < self.min_distance:
            return 0
        if abs(dx) < MIN_HORIZONTAL_RATIO * abs(dy):
            return 0
        return 1 if dx < 0 else -1
