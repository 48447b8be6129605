"""Cross-language parity within a lesson: every language teaches the same slides and asks the same questions.

The reference is Japanese when the lesson has it (the clinic writes in Japanese first), else the first language.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.folders import DECK
from kiosk.content.model import Translation
from kiosk.core.errors import ContentError, LocatedError
from kiosk.core.i18n import _

QUIZ = "quiz.md"


def reference_language(codes: list[str]) -> str:
    """The language the others are compared with."""
    return "ja" if "ja" in codes else sorted(codes)[0]


def same_structure(lessons: dict[str, Translation], root: Path) -> list[LocatedError]:
    """Every language must teach the same slides and ask the same questions."""
    problems: list[LocatedError] = []
    if len(lessons) < 2:
        return problems
    reference_name = reference_language(list(lessons))
    reference = lessons[reference_name]
    want_slides = [slide.id for slide in reference.deck.slides]
    want_questions = [question.id for question in reference.questions]
    for name, lesson in sorted(lessons.items()):
        if name == reference_name:
            continue
        have_slides = [slide.id for slide in lesson.deck.slides]
        have_questions = [question.id for question in lesson.questions]
        for missing in [s for s in want_slides if s not in have_slides]:
            problems.append(
                ContentError(
                    root / name / DECK,
                    1,
                    _("slide {missing!r} of {reference_name}/{deck} is missing here").format(
                        missing=missing, reference_name=reference_name, deck=DECK
                    ),
                )
            )
        for extra in [s for s in have_slides if s not in want_slides]:
            line = next(s.line for s in lesson.deck.slides if s.id == extra)
            problems.append(
                ContentError(
                    root / name / DECK,
                    line,
                    _("slide {extra!r} is not in {reference_name}/{deck}").format(
                        extra=extra, reference_name=reference_name, deck=DECK
                    ),
                )
            )
        if not problems and have_slides != want_slides:
            problems.append(
                ContentError(
                    root / name / DECK,
                    1,
                    _("slides are in another order than in {reference_name}/{deck}").format(
                        reference_name=reference_name, deck=DECK
                    ),
                )
            )
        for missing in [q for q in want_questions if q not in have_questions]:
            problems.append(
                ContentError(
                    root / name / QUIZ,
                    1,
                    _("question {missing!r} of {reference_name}/{quiz} is missing here").format(
                        missing=missing, reference_name=reference_name, quiz=QUIZ
                    ),
                )
            )
        for extra in [q for q in have_questions if q not in want_questions]:
            line = next(q.line for q in lesson.questions if q.id == extra)
            problems.append(
                ContentError(
                    root / name / QUIZ,
                    line,
                    _("question {extra!r} is not in {reference_name}/{quiz}").format(
                        extra=extra, reference_name=reference_name, quiz=QUIZ
                    ),
                )
            )
        want_answers = {question.id: len(question.answers) for question in reference.questions}
        for question in lesson.questions:
            if question.id in want_answers and len(question.answers) != want_answers[question.id]:
                message = _("question {id!r} has {count} answers here but {expected} in {reference}/{quiz}").format(
                    id=question.id,
                    count=len(question.answers),
                    expected=want_answers[question.id],
                    reference=reference_name,
                    quiz=QUIZ,
                )
                problems.append(ContentError(root / name / QUIZ, question.line, message))
    return problems
