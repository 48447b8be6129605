"""Invented visits for reviewing the statistics screen (render) and its tests: never real patients."""

from __future__ import annotations

import random
from datetime import date, timedelta

from kiosk.content.model import Translation
from kiosk.stats.record import VisitRecord, record_from_visit


def sample_records(
    lesson: Translation, today: date, count: int = 120, seed: int = 7, lesson_id: str = ""
) -> list[VisitRecord]:
    """`count` plausible visits over the last two weeks: some leave early, most take the quiz."""
    rng = random.Random(seed)
    slides = len(lesson.deck.slides)
    records = []
    for _ in range(count):
        day = today - timedelta(days=rng.randrange(14))
        furthest = slides - 1 if rng.random() < 0.7 else rng.randrange(slides)
        quiz = furthest == slides - 1 and rng.random() < 0.85
        answers = [(q.id, rng.random() < 0.55 + 0.08 * i) for i, q in enumerate(lesson.questions)] if quiz else []
        records.append(
            record_from_visit(
                day=day,
                hour=rng.randrange(9, 19),
                language=lesson.language,
                furthest_slide=furthest,
                slide_count=slides,
                finished_lesson=furthest == slides - 1,
                started_quiz=quiz,
                reached_result=quiz,
                duration_s=rng.uniform(60, 900),
                ended_by="finished" if quiz else rng.choice(["home", "idle"]),
                answers=answers,
                lesson=lesson_id,
            )
        )
    return records
