"""What the desk may see of the kiosk: which screen, how far (slide 4 of 15), how long since a touch, which
lesson and language, and the content's state. Built from the visit state, it leaves out everything a patient
answered or chose for themselves (answers, score, aids): the desk never learns more than this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, assert_never

from kiosk.content.model import Translation
from kiosk.visit.flow import Screen, VisitState


@dataclass(frozen=True)
class ContentInfo:
    loaded_at: float  # epoch seconds of the content now shown
    problems: tuple[str, ...] = ()  # every problem staff see (kiosk.app.library), as `path:line: message`


def desk_status(
    state: VisitState,
    lesson: Translation,
    idle_seconds: float,
    pause_seconds_left: float,
    content: ContentInfo,
) -> dict[str, Any]:
    """The status document of GET /api/status (plain JSON types only)."""
    match state.screen:
        case Screen.SLIDE:
            position, total = state.slide + 1, len(lesson.deck.slides)
        case Screen.QUESTION | Screen.REVIEW:  # a reviewed slide belongs to the question
            position, total = state.question + 1, len(lesson.questions)
        case Screen.ATTRACT | Screen.RESULT:
            position, total = 0, 0
        case _:
            assert_never(state.screen)
    return {
        "screen": state.screen.value,
        "in_visit": state.screen is not Screen.ATTRACT,
        "position": position,
        "total": total,
        "idle_seconds": max(0, int(idle_seconds)),
        "lesson": lesson.deck.title,
        "language": lesson.language,
        "language_name": lesson.language_name,
        "paused": pause_seconds_left > 0,
        "pause_seconds_left": round(max(0.0, pause_seconds_left)),
        "content": {"loaded_at": int(content.loaded_at), "problems": list(content.problems)},
    }


def problem_status(content: ContentInfo) -> dict[str, Any]:
    """The status while the kiosk shows its content problems instead of a lesson."""
    return {
        "screen": "problems",
        "in_visit": False,
        "position": 0,
        "total": 0,
        "idle_seconds": 0,
        "lesson": "",
        "language": "",
        "language_name": "",
        "paused": False,
        "pause_seconds_left": 0,
        "content": {"loaded_at": int(content.loaded_at), "problems": list(content.problems)},
    }


@dataclass(frozen=True)
class DeskSide:
    """What the remote may ask of the visit side, supplied by the wiring module."""

    status: Callable[[float], dict[str, Any]]  # the desk status now, given the hold's seconds left
    start_over: Callable[[], None]  # the staff menu's "back to the start"
    reload: Callable[[], list[str]]  # the staff menu's "reload content": the problems, empty on success
    hold: Callable[[bool], None]  # hold the attract screen (ending any visit) or lift the hold
