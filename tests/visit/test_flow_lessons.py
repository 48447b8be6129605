"""The flow with several lessons: choosing one at attract, each its own quiz, new content only between visits."""

from __future__ import annotations

import random

from kiosk.content.model import Lesson, Library
from kiosk.visit.flow import Flow, Screen, VisitState
from tests.visit.test_flow import lesson as translation


def library(*ids: str, slides: int = 3) -> Library:
    return Library(
        {i: Lesson(i, {"ja": translation(slides=slides), "en": translation("en", slides=slides)}) for i in ids}
    )


def test_a_card_starts_its_own_lesson_with_its_own_quiz() -> None:
    """Starting lesson b runs b's slides and questions; the state names b."""
    lessons = Library(
        {
            "a": Lesson("a", {"ja": translation(slides=2, questions=1)}),
            "b": Lesson("b", {"ja": translation(slides=4, questions=3)}),
        }
    )
    flow = Flow(lessons, "ja", random.Random(1))
    assert flow.start(None, "b")
    assert flow.state.lesson == "b" and flow.current.id == "b"
    for _ in range(4):
        flow.next()
    assert flow.state.screen is Screen.QUESTION and len(flow.state.answers) == 3


def test_one_lesson_language_button_starts_several_lessons_it_changes_the_cards() -> None:
    """With one lesson a language button starts the visit as before; with several it shows the cards in it."""
    one = Flow(library("a"), "ja")
    assert one.choose_language("en") and one.state.screen is Screen.SLIDE and one.state.language == "en"
    several = Flow(library("a", "b"), "ja")
    assert several.choose_language("en") and several.state.screen is Screen.ATTRACT
    assert several.lesson.language == "en" and several.lesson_in("b").language == "en"
    assert several.start(None, "b") and several.state.language == "en"
    several.end_visit("home")
    assert several.attract_language == "" and several.lesson.language == "ja"


def test_new_content_during_a_visit_is_shown_only_after_it() -> None:
    """offer_library keeps the visit on its content to the end, then the attract screen shows the new one."""
    flow = Flow(library("a"), "ja")
    flow.start()
    flow.next()
    newer = library("a", "b", slides=5)
    assert flow.offer_library(newer) is False
    assert flow.library is not newer and flow.state.slide == 1 and len(flow.lesson.deck.slides) == 3
    flow.next()
    assert flow.state.slide == 2  # the visit goes on, on the content it started with
    ended: list[str] = []
    flow.subscribe_end(lambda state, reason: ended.append(reason))
    flow.end_visit("home")
    assert ended == ["home"] and flow.library is newer and flow.state == VisitState()


def test_new_content_on_an_idle_attract_screen_is_shown_at_once() -> None:
    """Nobody is reading: the attract screen redraws from the new content, and no visit is recorded."""
    flow = Flow(library("a"), "ja")
    seen: list[VisitState] = []
    ended: list[str] = []
    flow.subscribe(seen.append)
    flow.subscribe_end(lambda state, reason: ended.append(reason))
    newer = library("a", "b")
    assert flow.offer_library(newer) is True
    assert flow.library is newer and seen == [VisitState()] and ended == []
