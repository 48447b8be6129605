"""The desk status: the screen and position only, never an answer, a score or an aid."""

from __future__ import annotations

import json

from kiosk.remote.status import ContentInfo, desk_status, problem_status
from kiosk.visit.flow import Screen, VisitState
from tests.visit.test_flow import flow

CONTENT = ContentInfo(1_800_000_000.0, ("deck.md:3: bad",))


def test_attract_slide_question_review_and_result() -> None:
    """Each screen reports its kind and n of N: slides for slides, questions for the quiz and a reviewed slide."""
    f = flow(slides=3, questions=2)
    lesson = f.lesson
    assert desk_status(f.state, lesson, 0, 0, CONTENT)["screen"] == "attract"
    f.start()
    f.next()
    status = desk_status(f.state, lesson, 12.7, 0, CONTENT)
    assert (status["screen"], status["position"], status["total"], status["idle_seconds"]) == ("slide", 2, 3, 12)
    assert status["in_visit"] is True
    f.next()
    f.next()
    f.answer(0)
    assert (desk_status(f.state, lesson, 0, 0, CONTENT)["position"], f.state.screen) == (1, Screen.QUESTION)
    f.review_slide()
    status = desk_status(f.state, lesson, 0, 0, CONTENT)
    assert (status["screen"], status["position"], status["total"]) == ("review", 1, 2)
    f.back_to_question()
    f.next()
    f.answer(1)
    f.next()
    assert desk_status(f.state, lesson, 0, 0, CONTENT)["screen"] == "result"


def test_nothing_a_patient_answered_or_chose_is_in_it() -> None:
    """Two visits on the same slide with different answers and aids give the same status."""
    f = flow(slides=1, questions=2)
    lesson = f.lesson
    f.start()
    f.next()
    one = VisitState(Screen.QUESTION, "ja", 0, 1, (0, 1), ((0, 1), (1, 0)), 0, True, True)
    other = VisitState(Screen.QUESTION, "ja", 0, 1, (1, 0), ((1, 0), (0, 1)), 0, False, False)
    assert desk_status(one, lesson, 5, 0, CONTENT) == desk_status(other, lesson, 5, 0, CONTENT)
    text = json.dumps(desk_status(one, lesson, 5, 0, CONTENT))
    for word in ("answer", "score", "right", "large", "contrast", "order"):
        assert word not in text


def test_hold_and_content_are_reported() -> None:
    """A hold shows its seconds left; content shows when it was loaded and the kiosk's problems."""
    f = flow()
    status = desk_status(f.state, f.lesson, 0, 299.6, CONTENT)
    assert status["paused"] is True and status["pause_seconds_left"] == 300
    assert status["content"] == {"loaded_at": 1_800_000_000, "problems": ["deck.md:3: bad"]}
    broken = problem_status(CONTENT)
    assert broken["screen"] == "problems"
    assert broken["content"]["problems"] == ["deck.md:3: bad"]
