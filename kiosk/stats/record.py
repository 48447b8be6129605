"""The one record kept per visit, and how to build it from what the visit knew.

The record is the privacy boundary: whatever it cannot hold can never reach the database. So it holds
only coarse values (day, hour, whole minutes capped at an hour) and enumerated or content-defined
strings (language code, how the visit ended, question ids), and it refuses anything else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from kiosk.content.limits import MAX_QUESTIONS, MAX_SLIDES, question_id_ok

# How a visit can end: the result's finish button, Home, the idle timeout, a staff reset, an error.
ENDINGS: Final = ("finished", "home", "idle", "staff", "error")
MAX_DURATION_MIN: Final = 60  # longer visits are counted as 60: a waiting room visit, not a stopwatch
MAX_ANSWERS: Final = MAX_QUESTIONS  # the limits are the validator's (kiosk.content.limits): validated is recordable
# Language folder names ("ja", "en", "zh-Hant"): short codes, never words a person typed.
_LANGUAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}")
_LESSON = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")  # as kiosk.content.folders.LESSON_ID


@dataclass(frozen=True)
class VisitRecord:
    """What is kept of one visit; validated on creation so the store can trust it."""

    day: date
    hour: int  # 0-23; never finer, so a visit cannot be matched to a reception-book entry
    language: str
    slides_seen: int  # furthest slide index + 1
    slide_count: int
    finished_lesson: bool  # reached the quiz or the result
    started_quiz: bool
    reached_result: bool
    duration_min: int  # whole minutes, 0-60 (60 means an hour or more)
    ended_by: str  # one of ENDINGS
    answers: tuple[tuple[str, bool], ...] = ()  # (question id, first answer right), in quiz order
    lesson: str = ""  # the lesson's id (from its lesson.toml or folder name): content-defined, never typed

    def __post_init__(self) -> None:
        # A datetime is a date too, and its isoformat() would smuggle the exact time into the file.
        if type(self.day) is not date:
            raise ValueError(f"day must be a date, not {type(self.day).__name__}")
        _check_int("hour", self.hour, 0, 23)
        if not isinstance(self.language, str) or not _LANGUAGE.fullmatch(self.language):
            raise ValueError(f"language must be a short language code, not {self.language!r}")
        _check_int("slide_count", self.slide_count, 1, MAX_SLIDES)
        _check_int("slides_seen", self.slides_seen, 1, self.slide_count)
        _check_int("duration_min", self.duration_min, 0, MAX_DURATION_MIN)
        for name in ("finished_lesson", "started_quiz", "reached_result"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False")
        if self.ended_by not in ENDINGS:
            raise ValueError(f"ended_by must be one of {', '.join(ENDINGS)}, not {self.ended_by!r}")
        # The flow only reaches the quiz or the result through the end of the lesson.
        if (self.started_quiz or self.reached_result) and not self.finished_lesson:
            raise ValueError("a visit that started the quiz or reached the result has finished the lesson")
        if self.answers and not self.started_quiz:
            raise ValueError("a visit with answers has started the quiz")
        _check_answers(self.answers)
        if not isinstance(self.lesson, str) or not (self.lesson == "" or _LESSON.fullmatch(self.lesson)):
            raise ValueError(f"lesson must be a lesson id, not {self.lesson!r}")


def _check_int(name: str, value: object, low: int, high: int) -> None:
    """Reject non-integers (bool included) and values outside low..high."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, not {value}")


def _check_answers(answers: object) -> None:
    """Question ids come from the content files; refuse anything that looks like more than an id."""
    if not isinstance(answers, tuple) or len(answers) > MAX_ANSWERS:
        raise ValueError(f"answers must be a tuple of at most {MAX_ANSWERS} (question id, right) pairs")
    seen: set[str] = set()
    for pair in answers:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], bool)):
            raise ValueError(f"each answer must be a (question id, right) pair, not {pair!r}")
        question_id = pair[0]
        if not isinstance(question_id, str) or not question_id_ok(question_id):
            raise ValueError(f"not a question id: {question_id!r}")
        if question_id in seen:
            raise ValueError(f"question {question_id!r} is answered twice")
        seen.add(question_id)


def duration_minutes(duration_s: float) -> int:
    """Seconds to whole minutes, half up (90 s -> 2), capped at MAX_DURATION_MIN."""
    if isinstance(duration_s, bool) or not isinstance(duration_s, int | float) or math.isnan(duration_s):
        raise ValueError(f"duration must be a number of seconds, not {duration_s!r}")
    if duration_s < 0:
        raise ValueError(f"duration cannot be negative ({duration_s} s); measure it with a monotonic clock")
    if duration_s >= MAX_DURATION_MIN * 60:
        return MAX_DURATION_MIN
    return min(MAX_DURATION_MIN, math.floor(duration_s / 60 + 0.5))


def record_from_visit(
    *,
    day: date,
    hour: int,
    language: str,
    furthest_slide: int,
    slide_count: int,
    finished_lesson: bool,
    started_quiz: bool,
    reached_result: bool,
    duration_s: float,
    ended_by: str,
    answers: Sequence[tuple[str, bool]] = (),
    lesson: str = "",
) -> VisitRecord:
    """Build a visit's record from plain values; ValueError when one is out of range or unknown."""
    if isinstance(day, datetime):
        day = day.date()  # keep the day only; the hour is passed on its own
    if isinstance(furthest_slide, bool) or not isinstance(furthest_slide, int) or furthest_slide < 0:
        raise ValueError(f"furthest_slide must be a slide index, not {furthest_slide!r}")
    return VisitRecord(
        day=day,
        hour=hour,
        language=language,
        slides_seen=furthest_slide + 1,
        slide_count=slide_count,
        finished_lesson=bool(finished_lesson),
        started_quiz=bool(started_quiz),
        reached_result=bool(reached_result),
        duration_min=duration_minutes(duration_s),
        ended_by=ended_by,
        answers=tuple((question_id, bool(right)) for question_id, right in answers),
        lesson=lesson,
    )
