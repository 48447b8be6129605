"""The visit record: what it keeps, how it rounds, and what it refuses."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from kiosk.stats.record import ENDINGS, VisitRecord, duration_minutes
from tests.stats.samples import DAY, QUESTIONS, left_early, make_record


def test_record_keeps_the_visit_in_coarse_values() -> None:
    """record_from_visit turns the visit's plain values into the record's fields."""
    record = make_record(furthest_slide=6, duration_s=151.0)
    assert record.day == DAY
    assert record.hour == 10
    assert record.language == "ja"
    assert record.slides_seen == 7
    assert record.slide_count == 12
    assert (record.finished_lesson, record.started_quiz, record.reached_result) == (True, True, True)
    assert record.duration_min == 3
    assert record.ended_by == "finished"
    assert record.answers == tuple((q, i != 1) for i, q in enumerate(QUESTIONS))


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [(0, 0), (29.9, 0), (30, 1), (89.9, 1), (90, 2), (150, 3), (3569, 59), (3570, 60), (3600, 60), (86400, 60)],
)
def test_duration_is_rounded_half_up_to_minutes_and_capped_at_an_hour(seconds: float, minutes: int) -> None:
    """Durations become whole minutes (half up, not banker's rounding) and never exceed 60."""
    assert duration_minutes(seconds) == minutes
    assert make_record(duration_s=seconds).duration_min == minutes


@pytest.mark.parametrize("seconds", [-1.0, float("nan"), "300", None, True])
def test_a_duration_that_is_not_a_time_span_is_refused(seconds: object) -> None:
    """A negative, NaN or non-numeric duration is a caller's bug and raises ValueError."""
    with pytest.raises(ValueError, match="duration"):
        make_record(duration_s=seconds)


def test_every_known_ending_is_accepted_and_an_unknown_one_refused() -> None:
    """ended_by must be one of the five enumerated endings."""
    for ending in ENDINGS:
        assert make_record(ended_by=ending).ended_by == ending
    with pytest.raises(ValueError, match="ended_by"):
        make_record(ended_by="walked away")


@pytest.mark.parametrize("hour", [-1, 24, 10.5, True, "10"])
def test_hour_must_be_a_whole_hour_of_the_day(hour: object) -> None:
    """The hour is an integer 0-23, nothing finer or odder."""
    with pytest.raises(ValueError, match="hour"):
        make_record(hour=hour)


def test_a_datetime_is_cut_to_its_day() -> None:
    """record_from_visit keeps only the date of a datetime, so no time of day can slip into the file."""
    record = make_record(day=datetime(2025, 3, 3, 10, 41, 7), hour=10)
    assert type(record.day) is date
    assert record.day == date(2025, 3, 3)


def test_the_record_itself_refuses_a_datetime() -> None:
    """Built directly, VisitRecord refuses a datetime as the day (its isoformat would carry the time)."""
    fields = dataclasses.asdict(make_record())
    fields["day"] = datetime(2025, 3, 3, 10, 41, 7)
    with pytest.raises(ValueError, match="day"):
        VisitRecord(**fields)


@pytest.mark.parametrize("language", ["", "Taro Yamada", "ja\n", "x" * 17, 3])
def test_language_must_be_a_short_code(language: object) -> None:
    """The language field holds a code, never free text."""
    with pytest.raises(ValueError, match="language"):
        make_record(language=language)


@pytest.mark.parametrize(
    "answers",
    [
        [("", True)],
        [("line\nbreak", True)],
        [(" padded", True)],
        [("x" * 65, True)],
        [("seiza-numb", True), ("seiza-numb", False)],
        [(42, True)],
    ],
)
def test_question_ids_must_look_like_ids(answers: list[tuple[object, bool]]) -> None:
    """Empty, multi-line, padded, over-long, repeated or non-string question ids are refused."""
    with pytest.raises(ValueError, match="question"):
        make_record(answers=answers)


def test_answer_flags_become_booleans() -> None:
    """Truthy values for 'right' are stored as True/False."""
    record = make_record(answers=[("a", 1), ("b", 0)])
    assert record.answers == (("a", True), ("b", False))


@pytest.mark.parametrize(("furthest", "count"), [(-1, 12), (12, 12), (0, 0), (True, 12)])
def test_slides_seen_must_fit_the_lesson(furthest: object, count: int) -> None:
    """The furthest slide is an index inside the lesson."""
    with pytest.raises(ValueError, match="slide"):
        make_record(furthest_slide=furthest, slide_count=count)


def test_flags_must_tell_a_possible_story() -> None:
    """The quiz and the result come after the lesson; answers come with a started quiz."""
    with pytest.raises(ValueError, match="finished the lesson"):
        left_early(started_quiz=True)
    with pytest.raises(ValueError, match="finished the lesson"):
        left_early(reached_result=True)
    with pytest.raises(ValueError, match="started the quiz"):
        make_record(started_quiz=False, reached_result=False)
    quiz_free = make_record(started_quiz=False, answers=[])  # a lesson without a quiz goes straight to the result
    assert quiz_free.reached_result and not quiz_free.started_quiz


def test_record_is_immutable() -> None:
    """A record cannot be changed after validation."""
    record = make_record()
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.hour = 3  # type: ignore[misc]
