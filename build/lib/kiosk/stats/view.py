"""What the staff statistics screen shows, as plain data built from the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kiosk.content.model import Translation
from kiosk.stats.store import StatsStore

DAYS_SHOWN = 14
FEWEST_FOR_SHARE = 10  # below this many answers (or visits) a share is noise: "100 %" from one answer


@dataclass(frozen=True)
class QuestionLine:
    prompt: str
    right_share: float  # 0.0-1.0
    answered: int

    @property
    def enough(self) -> bool:
        """Whether the share rests on enough answers to mean anything."""
        return self.answered >= FEWEST_FOR_SHARE


@dataclass(frozen=True)
class StatsView:
    days: tuple[tuple[date, int], ...]  # oldest first
    visits: int
    finished_share: float
    quiz_share: float
    questions: tuple[QuestionLine, ...]
    notes: tuple[str, ...] = field(default=())
    lesson: str = ""  # the id of the lesson these figures are of; "" for every lesson together

    @property
    def enough(self) -> bool:
        """Whether the visit shares rest on enough visits to mean anything."""
        return self.visits >= FEWEST_FOR_SHARE


def build_view(
    store: StatsStore,
    lesson: Translation | None,
    today: date,
    days: int = DAYS_SHOWN,
    lesson_id: str | None = None,
) -> StatsView:
    """Visits per day and the shares over the last `days` days, of one lesson when `lesson_id` is given
    (then `lesson` is that lesson, whose prompts name the questions)."""
    per_day = store.visits_per_day(days, today, lesson_id)
    summary = store.summary(today - timedelta(days=days - 1), lesson_id)
    prompts = {q.id: q.prompt for q in lesson.questions} if lesson else {}
    order = [q.id for q in lesson.questions] if lesson else []
    lines = sorted(
        summary.questions, key=lambda q: order.index(q.question_id) if q.question_id in order else len(order)
    )
    questions = tuple(QuestionLine(prompts.get(q.question_id, q.question_id), q.right_share, q.answered) for q in lines)
    return StatsView(
        tuple(per_day),
        summary.visits,
        summary.finished_lesson_share,
        summary.started_quiz_share,
        questions,
        tuple(store.notes),
        lesson_id or "",
    )
