"""From a visit's last state to its anonymous record."""

from __future__ import annotations

from datetime import datetime

from kiosk.core.flow import Screen, VisitState
from kiosk.stats.visit import record_for
from tests.core.test_flow import lesson

NOW = datetime(2026, 11, 25, 14, 37, 12)


def test_full_visit_record() -> None:
    """A visit that answered everything and finished: shares, answers, hour only, minutes."""
    les = lesson(slides=3, questions=2)
    state = VisitState(
        Screen.RESULT, "ja", slide=2, question=1, answers=(1, 0), orders=((0, 1, 2),) * 2, furthest_slide=2
    )
    record = record_for(state, les, "finished", 301.0, NOW)
    assert record is not None
    assert (record.day.isoformat(), record.hour, record.duration_min) == ("2026-11-25", 14, 5)
    assert (record.finished_lesson, record.started_quiz, record.reached_result) == (True, True, True)
    assert record.answers == (("q0", True), ("q1", False))
    assert record.ended_by == "finished" and record.slides_seen == 3


def test_left_early_and_not_counted() -> None:
    """Leaving on slide 2 by Home counts as such; no visit or an unknown reason records nothing."""
    les = lesson(slides=3, questions=2)
    state = VisitState(Screen.SLIDE, "ja", slide=1, answers=(None, None), furthest_slide=1)
    record = record_for(state, les, "home", 20.0, NOW)
    assert record is not None and not record.finished_lesson and not record.started_quiz and record.answers == ()
    assert record_for(VisitState(), les, "home", 1.0, NOW) is None
    assert record_for(state, les, "render", 1.0, NOW) is None
    assert record_for(state, les, "result timeout", 1.0, NOW).ended_by == "finished"
