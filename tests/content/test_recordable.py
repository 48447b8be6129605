"""Validated means recordable (issue 27, item 7): the validator and the statistics read one table of limits,
so content that passes `kiosk validate` never makes every visit go unrecorded."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from kiosk.content import limits
from kiosk.content.loader import load_library
from kiosk.stats import record
from kiosk.stats.record import VisitRecord


def _one_language(lesson: Path) -> Path:
    shutil.rmtree(lesson / "ja")
    return lesson / "en"


def _messages(lesson: Path) -> list[str]:
    library, problems = load_library(lesson.parent)
    assert library is None
    return [str(p) for p in problems]


def test_the_statistics_use_the_validators_table() -> None:
    """The record's limits are the table's, not copies that can drift."""
    assert record.MAX_SLIDES == limits.MAX_SLIDES
    assert record.MAX_ANSWERS == limits.MAX_QUESTIONS
    assert record.question_id_ok("q" * limits.MAX_QUESTION_ID)
    assert not record.question_id_ok("q" * (limits.MAX_QUESTION_ID + 1))


def test_a_visit_at_every_limit_is_recordable() -> None:
    """The largest content the validator lets through is still a valid record."""
    answers = tuple((f"{n:0{limits.MAX_QUESTION_ID}d}", True) for n in range(limits.MAX_QUESTIONS))
    VisitRecord(
        date(2026, 1, 1), 9, "en", limits.MAX_SLIDES, limits.MAX_SLIDES, True, True, True, 5, "finished", answers
    )


def test_too_many_slides_is_a_content_problem(shipped_copy: Path) -> None:
    """1,001 slides validated and no visit was ever recorded: now the deck is refused, located."""
    deck = _one_language(shipped_copy) / "deck.md"
    text = deck.read_text(encoding="utf-8")
    extra = limits.MAX_SLIDES + 1 - text.count("\n---\n")
    slides = "".join(f"\n---\n\n<!-- id: extra-{n} -->\n# Slide {n}\n\nText.\n" for n in range(extra))
    deck.write_text(text + slides, encoding="utf-8")
    assert any(f"at most {limits.MAX_SLIDES:,} slides" in m and "deck.md:" in m for m in _messages(shipped_copy))


def test_a_long_question_id_is_a_content_problem(shipped_copy: Path) -> None:
    """A 70-character question id validated and was never recorded: now refused at its line."""
    quiz = _one_language(shipped_copy) / "quiz.md"
    long_id = "q" * (limits.MAX_QUESTION_ID + 1)
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("id: always-stretch;", f"id: {long_id};"), "utf-8")
    assert any(
        f"at most {limits.MAX_QUESTION_ID} characters" in m and "quiz.md:3:" in m for m in _messages(shipped_copy)
    )


def test_too_many_questions_is_a_content_problem(shipped_copy: Path) -> None:
    """51 questions validated and no visit was recorded: now the quiz is refused."""
    quiz = _one_language(shipped_copy) / "quiz.md"
    one = "\n## Question {n}?\n<!-- id: extra-{n}; slide: seiza -->\n- [ ] No\n- [x] Yes {n}\n> Because {n}.\n"
    quiz.write_text(
        quiz.read_text(encoding="utf-8") + "".join(one.format(n=n) for n in range(limits.MAX_QUESTIONS)), "utf-8"
    )
    assert any(f"at most {limits.MAX_QUESTIONS} questions" in m for m in _messages(shipped_copy))
