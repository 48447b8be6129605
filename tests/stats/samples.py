"""Sample visit records shared by the statistics tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.stats.record import VisitRecord, record_from_visit

QUESTIONS = ("always-stretch", "seiza-numb", "weak-causes-pain", "tight-or-weak-first", "same-stretch")
DAY = date(2025, 3, 3)


def make_record(**changes: Any) -> VisitRecord:
    """A complete visit (whole lesson, all five questions, 4 of 5 right) with the given values changed."""
    values: dict[str, Any] = {
        "day": DAY,
        "hour": 10,
        "language": "ja",
        "furthest_slide": 11,
        "slide_count": 12,
        "finished_lesson": True,
        "started_quiz": True,
        "reached_result": True,
        "duration_s": 300.0,
        "ended_by": "finished",
        "answers": [(q, i != 1) for i, q in enumerate(QUESTIONS)],
    }
    values.update(changes)
    return record_from_visit(**values)


def left_early(**changes: Any) -> VisitRecord:
    """A visit that left on slide 4 of 12 by Home: no quiz, no answers."""
    values: dict[str, Any] = {
        "furthest_slide": 3,
        "finished_lesson": False,
        "started_quiz": False,
        "reached_result": False,
        "ended_by": "home",
        "answers": [],
        "duration_s": 70.0,
    }
    values.update(changes)
    return make_record(**values)


def query(path: Path, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of a query on a plain connection of its own, closed at once (no store involved)."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, parameters).fetchall()
