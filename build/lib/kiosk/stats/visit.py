"""From the visit's last state to the one anonymous record kept of it."""

from __future__ import annotations

from datetime import datetime
from typing import assert_never

from kiosk.content.model import Translation
from kiosk.core.endings import EndReason
from kiosk.core.flow import Screen, VisitState
from kiosk.stats.record import VisitRecord, record_from_visit


def ended_by(reason: EndReason) -> str | None:
    """How the statistics count a visit's end (one of record.ENDINGS), or None for one not counted.

    A match over every member: mypy refuses this function when a new reason is not placed here.
    """
    match reason:
        case EndReason.FINISHED | EndReason.RESULT_TIMEOUT:  # the result was shown either way
            return "finished"
        case EndReason.HOME:
            return "home"
        case EndReason.IDLE:
            return "idle"
        case EndReason.STAFF | EndReason.STAFF_IDLE | EndReason.LANGUAGE_CHANGED | EndReason.CONTENT_RELOADED:
            return "staff"
        case EndReason.ERROR:
            return "error"
        case EndReason.RENDER | EndReason.ATTRACT_IDLE:  # no patient's visit: the flow never reports these
            return None
        case _:
            assert_never(reason)


def record_for(
    state: VisitState, lesson: Translation, reason: EndReason, duration_s: float, now: datetime
) -> VisitRecord | None:
    """The record of a visit that ended in `state`; None when there was no visit or it is not counted."""
    ending = ended_by(EndReason(reason))
    if not state.language or ending is None:
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
        ended_by=ending,
        answers=answers,
        lesson=state.lesson,
    )
