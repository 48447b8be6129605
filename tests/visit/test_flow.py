"""The visit's state machine, without Qt."""

from __future__ import annotations

import logging
import random

import pytest

from kiosk.content.model import Answer, Deck, Lesson, Library, Question, ResultText, ScoreMessage, Slide, Translation
from kiosk.content.strings import FALLBACK
from kiosk.visit.flow import LAST_PART, Flow, Screen, VisitState, part_index


def lesson(language: str = "ja", slides: int = 3, questions: int = 2, shuffle: bool = False) -> Translation:
    deck = Deck(
        "t",
        "",
        None,
        None,
        shuffle,
        tuple(Slide(f"s{i}", f"h{i}", "<p>b</p>", "b", None) for i in range(slides)),
    )
    quiz = tuple(
        Question(
            f"q{i}",
            f"p{i}",
            (Answer("no", False), Answer("yes", True), Answer("maybe", False)),
            "why",
            f"s{i % slides}",
        )
        for i in range(questions)
    )
    result = ResultText("points", ("a", "b", "c"), (ScoreMessage(0, "thanks", "x"),))
    return Translation(language, deck, quiz, result, FALLBACK._replace(language_name=language), {})


def flow(**kwargs: object) -> Flow:
    library = Library({"one": Lesson("one", {"ja": lesson(**kwargs), "en": lesson("en", **kwargs)})})
    return Flow(library, "ja", random.Random(1))


def test_whole_visit_attract_slides_quiz_result_attract() -> None:
    """A visit runs attract -> every slide -> every question -> result -> attract."""
    f = flow()
    seen: list[VisitState] = []
    f.subscribe(seen.append)
    assert f.start()
    assert (f.state.screen, f.state.slide, f.state.language) == (Screen.SLIDE, 0, "ja")
    f.next()
    f.next()
    assert f.state.slide == 2 and f.state.furthest_slide == 2
    f.next()
    assert f.state.screen is Screen.QUESTION and f.state.question == 0
    f.answer(1)
    f.next()
    f.answer(0)
    f.next()
    assert f.state.screen is Screen.RESULT
    assert f.score() == (1, 2)
    f.end_visit("finished")
    assert f.state == VisitState()
    assert len(seen) == 9


def test_events_that_do_not_apply_change_nothing() -> None:
    """Next before answering, answer on a slide, back on the first slide, start twice: all ignored."""
    f = flow()
    assert not f.next() and not f.back() and not f.answer(0) and not f.review_slide() and not f.end_visit()
    f.start()
    before = f.state
    assert not f.back() and not f.answer(0) and not f.start() and not f.back_to_question()
    assert f.state is before
    for _ in range(3):
        f.next()
    assert not f.next()  # unanswered question
    f.answer(0)
    answered = f.state
    assert not f.answer(1)  # only the first touch counts
    assert not f.answer(7)
    assert f.state is answered


def test_language_choice_and_unknown_language() -> None:
    """The chosen language holds for the visit; an unknown one falls back to the default."""
    f = flow()
    f.start("en")
    assert f.lesson.language == "en"
    f.end_visit()
    f.start("klingon")
    assert f.state.language == "ja"


def test_review_slide_and_back_to_question() -> None:
    """After answering, the teaching slide is shown and the question comes back unchanged."""
    f = flow(slides=3, questions=3)
    f.start()
    for _ in range(3):
        f.next()
    f.answer(1)
    f.next()
    f.answer(1)  # question q1 teaches on s1
    assert f.review_slide()
    assert (f.state.screen, f.state.slide) == (Screen.REVIEW, 1)
    assert not f.next() and not f.back()
    assert f.back_to_question()
    assert (f.state.screen, f.state.question) == (Screen.QUESTION, 1)


def test_shuffled_answers_score_by_content_not_position() -> None:
    """With shuffling, touching the position of the right answer still scores right."""
    f = flow(shuffle=True, questions=5)
    f.start()
    for _ in range(3):
        f.next()
    orders = f.state.orders
    assert sorted(orders[0]) == [0, 1, 2]
    assert len(set(orders)) > 1  # seeded: the five orders are not all the same
    for index in range(5):
        f.answer(orders[index].index(1))
        f.next()
    assert f.score() == (5, 5)


def test_reset_forgets_everything() -> None:
    """Ending a visit mid-quiz leaves nothing of it: answers, position, language."""
    f = flow()
    f.start("en")
    for _ in range(3):
        f.next()
    f.answer(1)
    f.end_visit("idle")
    assert f.state == VisitState()
    assert f.lesson.language == "ja"


def test_deck_without_quiz_goes_to_result() -> None:
    """With no questions the last Next shows the result."""
    f = flow(questions=0)
    f.start()
    for _ in range(3):
        f.next()
    assert f.state.screen is Screen.RESULT


def test_transitions_are_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    """No line at a visit's start, answer or end, even at DEBUG: its time would date the visit (issue 27)."""
    caplog.set_level(logging.DEBUG)
    f = flow()
    f.start()
    f.next()
    f.end_visit()
    assert caplog.records == []


def test_aids_last_for_the_visit_and_reset_with_it() -> None:
    """Aids chosen on the attract screen carry into the visit; ending the visit turns them off."""
    f = flow()
    assert f.set_aids(large_text=True)
    assert not f.set_aids(large_text=True)  # no change, no event
    f.start()
    f.set_aids(high_contrast=True)
    f.next()
    assert f.state.large_text and f.state.high_contrast
    assert f.end_visit("idle")
    assert not f.state.large_text and not f.state.high_contrast


def test_a_hold_ends_the_visit_and_touches_start_nothing_until_lifted() -> None:
    """Holding the attract screen ends the visit; start() is refused while held and works once lifted."""
    f = flow()
    ended: list[str] = []
    f.subscribe_end(lambda state, reason: ended.append(reason))
    f.start()
    f.next()
    assert f.hold(True)
    assert ended == ["staff"] and f.state == VisitState()
    assert not f.start() and f.state.screen is Screen.ATTRACT
    assert not f.hold(True)  # already held
    assert f.hold(False)
    assert f.start()


def test_aids_left_on_at_attract_are_forgotten_without_recording_a_visit() -> None:
    """Ending on the attract screen turns the aids off and tells no end listener (nobody visited)."""
    f = flow()
    ended: list[str] = []
    f.subscribe_end(lambda _state, reason: ended.append(reason))
    f.set_aids(large_text=True, high_contrast=True)
    assert f.end_visit("attract idle")
    assert f.state == VisitState()
    assert ended == []


def test_end_visit_refuses_a_reason_outside_the_set() -> None:
    """end_visit takes an EndReason; a free string that is not one raises instead of being passed on."""
    f = flow()
    f.start()
    with pytest.raises(ValueError, match="bye"):
        f.end_visit("bye")  # type: ignore[arg-type]
    assert f.state.screen is Screen.SLIDE, "the visit goes on"


def with_parts(f: Flow, counts: dict[int, int]) -> Flow:
    """The screen's answer to "how many parts does the shown slide take": `counts` per slide, else one."""
    f.parts_shown = lambda: counts.get(f.state.slide, 1)
    return f


def places(f: Flow) -> tuple[Screen, int, int]:
    return f.state.screen, f.state.slide, f.state.part


def test_next_steps_through_a_slides_parts_before_the_next_slide() -> None:
    """A slide whose text takes three screens: Next shows its parts 2 and 3, then the next slide at its first."""
    f = with_parts(flow(slides=3), {1: 3})
    f.start()
    steps = []
    while f.state.screen is Screen.SLIDE:
        steps.append(places(f))
        assert f.next()
    assert [(slide, part) for _, slide, part in steps] == [(0, 0), (1, 0), (1, 1), (1, 2), (2, 0)]
    assert places(f) == (Screen.QUESTION, 2, 0) and f.state.furthest_slide == 2


def test_back_arrives_at_the_last_part_and_steps_back_through_them() -> None:
    """Back from the next slide shows the slide's last part (-1 until counted), then each part before it."""
    counts = {1: 3}
    f = with_parts(flow(slides=3), counts)
    f.start()
    f.next()
    f.next()
    assert places(f) == (Screen.SLIDE, 1, 1)
    assert f.back() and places(f) == (Screen.SLIDE, 1, 0), "Back within a slide: its part before"
    for _ in range(3):
        f.next()
    assert places(f) == (Screen.SLIDE, 2, 0)
    assert f.back() and places(f) == (Screen.SLIDE, 1, LAST_PART), "Back to a slide: its last part"
    assert f.back() and places(f) == (Screen.SLIDE, 1, 1), "the last of three, counted now"
    assert f.back() and places(f) == (Screen.SLIDE, 1, 0)
    assert f.back() and places(f) == (Screen.SLIDE, 0, LAST_PART)
    assert not f.back() and places(f) == (Screen.SLIDE, 0, LAST_PART), "the first slide has one part"
    assert f.next() and places(f) == (Screen.SLIDE, 1, 0), "Next from the last part: the next slide"
    assert f.state.furthest_slide == 2, "parts never count as slides seen"


def test_a_part_out_of_the_layouts_range_is_its_last() -> None:
    """Fewer parts after larger text is turned off: the flow reads the part as the last, as the page shows it."""
    assert [part_index(part, 3) for part in (0, 1, 2, 3, -1, -3, -4)] == [0, 1, 2, 2, 2, 0, 0]
    assert part_index(-1, 0) == 0
    counts = {0: 3}
    f = with_parts(flow(slides=2), counts)
    f.start()
    f.next()
    f.next()
    counts[0] = 2  # the text now takes two screens: part 3 of 3 is the last of 2
    assert f.back() and places(f) == (Screen.SLIDE, 0, 0)
    f.next()
    assert f.next() and places(f) == (Screen.SLIDE, 1, 0)


def test_a_slide_shown_from_the_quiz_steps_through_its_parts_only() -> None:
    """Review: Next and Back page through the slide's parts and never leave it; back to the question at part 0."""
    f = with_parts(flow(slides=3, questions=3), {1: 2})
    f.start()
    while f.state.screen is Screen.SLIDE:
        f.next()
    f.answer(1)
    f.next()
    f.answer(1)  # question q1 teaches on s1, which takes two screens
    assert f.review_slide() and places(f) == (Screen.REVIEW, 1, 0)
    assert not f.back()
    assert f.next() and places(f) == (Screen.REVIEW, 1, 1)
    assert not f.next() and places(f) == (Screen.REVIEW, 1, 1), "the last part: Next leaves nothing"
    assert f.back() and places(f) == (Screen.REVIEW, 1, 0)
    f.next()
    assert f.back_to_question() and places(f) == (Screen.QUESTION, 1, 0)
    assert f.review_slide() and f.state.part == 0, "a slide reviewed again starts at its first part"
