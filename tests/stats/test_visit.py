"""From a visit's last state to its anonymous record."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.core.endings import EndReason
from kiosk.stats.record import ENDINGS
from kiosk.stats.visit import ended_by, record_for
from kiosk.visit.flow import Screen, VisitState
from tests.visit.test_flow import lesson

NOW = datetime(2026, 11, 25, 14, 37, 12)


def test_full_visit_record() -> None:
    """A visit that answered everything and finished: shares, answers, hour only, minutes."""
    les = lesson(slides=3, questions=2)
    state = VisitState(
        Screen.RESULT, "ja", slide=2, question=1, answers=(1, 0), orders=((0, 1, 2),) * 2, furthest_slide=2
    )
    record = record_for(state, les, EndReason.FINISHED, 301.0, NOW)
    assert record is not None
    assert (record.day.isoformat(), record.hour, record.duration_min) == ("2026-11-25", 14, 5)
    assert (record.finished_lesson, record.started_quiz, record.reached_result) == (True, True, True)
    assert record.answers == (("q0", True), ("q1", False))
    assert record.ended_by == "finished" and record.slides_seen == 3


def test_left_early_and_not_counted() -> None:
    """Leaving on slide 2 by Home counts as such; no visit, or the render walk, records nothing."""
    les = lesson(slides=3, questions=2)
    state = VisitState(Screen.SLIDE, "ja", slide=1, answers=(None, None), furthest_slide=1)
    record = record_for(state, les, EndReason.HOME, 20.0, NOW)
    assert record is not None and not record.finished_lesson and not record.started_quiz and record.answers == ()
    assert record_for(VisitState(), les, EndReason.HOME, 1.0, NOW) is None
    assert record_for(state, les, EndReason.RENDER, 1.0, NOW) is None
    assert record_for(state, les, EndReason.RESULT_TIMEOUT, 1.0, NOW).ended_by == "finished"


@pytest.mark.parametrize("reason", list(EndReason))
def test_every_end_reason_is_counted_as_one_ending(reason: EndReason) -> None:
    """Each reason maps to a statistics ending; only the render walk and an empty attract screen are not visits."""
    if reason in (EndReason.RENDER, EndReason.ATTRACT_IDLE):
        assert ended_by(reason) is None
    else:
        assert ended_by(reason) in ENDINGS


def test_a_reason_outside_the_set_is_refused_not_dropped() -> None:
    """A misspelt reason raises at once instead of silently leaving the visit out of the statistics."""
    state = VisitState(Screen.SLIDE, "ja", slide=1, answers=(None, None), furthest_slide=1)
    with pytest.raises(ValueError, match="idel"):
        record_for(state, lesson(slides=3, questions=2), "idel", 1.0, NOW)  # type: ignore[arg-type]
