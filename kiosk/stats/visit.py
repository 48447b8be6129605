"""From the visit's last state to the one anonymous record kept of it."""

from __future__ import annotations

from datetime import datetime

from kiosk.content.model import Lesson
from kiosk.core.flow import Screen, VisitState
from kiosk.stats.record import VisitRecord, record_from_visit

# Why a visit ended (the flow's words) -> how the statistics count it.
ENDED_BY = {
    "finished": "finished",
    "result timeout": "finished",  # the result was shown; nobody pressed Finish
    "home": "home",
    "idle": "idle",
    "staff": "staff",
    "staff idle": "staff",
    "language changed": "staff",
    "content reloaded": "staff",
    "error": "error",
}


def record_for(state: VisitState, lesson: Lesson, reason: str, duration_s: float, now: datetime) -> VisitRecord | None:
    """The record of a visit that ended in `state`; None when there was no visit or it is not counted."""
    ended_by = ENDED_BY.get(reason)
    if not state.language or ended_by is None:
        return None
    slide_count = len(lesson.deck.slides)
    started_quiz = state.screen in (Screen.QUESTION, Screen.REVIEW, Screen.RESULT) or any(
        answer is not None for answer in state.answers
    )
    reached_result = state.screen is Screen.RESULT
    answers = [
        (question.id, chosen == question.right_index)
        for question, chosen in zip(lesson.questions, state.answers, strict=False)
        if chosen is not None
    ]
    return record_from_visit(
        day=now.date(),
        hour=now.hour,
        language=state.language,
        furthest_slide=state.furthest_slide,
        slide_count=slide_count,
        finished_lesson=started_quiz or state.furthest_slide + 1 >= slide_count,  # the result implies the quiz
        started_quiz=started_quiz,
        reached_result=reached_result,
        duration_s=duration_s,
        ended_by=ended_by,
        answers=answers,
    )
