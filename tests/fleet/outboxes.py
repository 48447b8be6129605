"""Generated outboxes for the merge tests and benchmark: many kiosks, a year of days, known totals."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from kiosk.fleet import summary
from kiosk.fleet.summary import DailySummary, Group

FIRST_DAY = date(2025, 12, 1)


def day_summary(kiosk: str, day: date, visits: int) -> DailySummary:
    """`visits` visits in Japanese, all finished, each answering q1 right and q2 wrong."""
    group = Group(visits, visits, visits, visits, [0, 0, 0, visits], {"q1": [visits, visits], "q2": [visits, 0]})
    return DailySummary(kiosk, day, {("stretching", "ja"): group})


def write_outboxes(root: Path, kiosks: int, days: int, seed: int = 1) -> int:
    """One folder per kiosk under root, a summary per day; returns the total number of visits written."""
    rng = random.Random(seed)
    total = 0
    for k in range(kiosks):
        folder = root / f"kiosk-{k:03d}"
        folder.mkdir(parents=True)
        for d in range(days):
            day = FIRST_DAY + timedelta(days=d)
            visits = rng.randint(1, 40)
            total += visits
            (folder / f"summary-{day.isoformat()}.json").write_bytes(
                summary.dumps(day_summary(f"kiosk-{k:03d}", day, visits))
            )
    return total
