"""The writer test_kill runs in a child process: it adds visits as fast as it can until it is killed.

It imports only kiosk.stats (and the standard library), so it starts quickly. It prints "writing" once the
store is open and its first visit is in (so every run keeps at least one, however busy the machine), then never
stops on its own. Each visit has ANSWERS answers, so a visit caught half-way by a
kill would show up as a visit with fewer.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from kiosk.stats.record import record_from_visit
from kiosk.stats.store import StatsStore

ANSWERS = 5


def main(path: str) -> int:
    """Open the store and add visits for ever; exit codes other than a kill mean the store refused."""
    store = StatsStore(path)
    if not store.available:
        print("unavailable: " + " | ".join(store.notes), flush=True)
        return 1
    rng = random.Random()
    written = 0
    while True:
        # Varied values so that the file's pages split and fill in varied ways across runs.
        record = record_from_visit(
            day=date(2025, 1, 1) + timedelta(days=rng.randrange(365)),
            hour=rng.randrange(24),
            language=rng.choice(("ja", "en")),
            furthest_slide=11,
            slide_count=12,
            finished_lesson=True,
            started_quiz=True,
            reached_result=True,
            duration_s=rng.uniform(0, 4000),
            ended_by="finished",
            answers=[(f"question-{i}", rng.random() < 0.7) for i in range(ANSWERS)],
        )
        if not store.add(record):
            print(f"add failed: {store.fault} " + " | ".join(store.notes), file=sys.stderr, flush=True)
            return 2
        written += 1
        if written == 1:
            print("writing", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
