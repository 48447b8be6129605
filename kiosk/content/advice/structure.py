"""Organisation and visual aids: a summary slide, quiz answers that teach, key points marked, a picture per slide,
a caption per picture.

PEMAT-P 11 (summary; the quiz reviews the key points only when each answer explains itself and points back
to its slide), 12 (visual cues), 15 (visual aids) and 17 (visual aids have titles or captions).
"""

from __future__ import annotations

import re

from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.text import has_cue, length
from kiosk.core.i18n import _

SUMMARY_ITEM, CUE_ITEM, VISUAL_ITEM, CAPTION_ITEM = 11, 12, 15, 17
VERY_SHORT = 4  # PEMAT-P marks "summary" N/A for very short material: a deck of fewer slides needs none
SUMMARY_WORDS = re.compile(r"まとめ|ポイント|ふりかえり|おさらい|summary|key points|recap|in short|to sum up", re.I)
CUE_SHARE = 0.5


def is_summary(heading: str, slide_id: str) -> bool:
    return slide_id == "summary" or bool(SUMMARY_WORDS.search(heading))


def missing_summary(context: Context) -> list[ContentAdvice]:
    """A lesson of several slides ends without a slide that sums it up."""
    slides = context.slides
    if len(slides) < VERY_SHORT or any(is_summary(slide.heading, slide.id) for slide in slides):
        return []
    advice = _(
        "no slide sums the lesson up: add one with id 'summary' (or a heading such as まとめ / Summary) "
        "that repeats the three or four key points"
    )
    return [ContentAdvice(context.deck.path, slides[-1].line, "summary", SUMMARY_ITEM, advice)]


def quiz_without_feedback(context: Context) -> list[ContentAdvice]:
    """A question whose explanation is missing, says no more than the answer, or that names no slide."""
    profile = context.profile
    found: list[ContentAdvice] = []
    for question in context.lesson.questions:
        right = question.answers[question.right_index].text if question.answers else ""
        explanation = question.explanation.strip()
        why = None
        if not explanation:
            why = _("question has no explanation: add a '> ' line saying why the right answer is right")
        elif explanation.rstrip("。.!！") == right.rstrip("。.!！") or length(explanation, profile) < (
            profile.short_explanation
        ):
            why = _(
                "question has an explanation that only repeats the answer: say why it is right, in a sentence or two"
            )
        elif not question.slide_id:
            why = _("question names no slide that teaches it: add 'slide: slide-id' to its comment")
        if why:
            found.append(ContentAdvice(context.quiz.path, question.line, "quiz-feedback", SUMMARY_ITEM, why))
    return found


def few_cues(context: Context) -> list[ContentAdvice]:
    """Fewer than half the slides mark their key point in bold or a list."""
    slides = context.slides
    marked = sum(has_cue(slide) for slide in slides)
    if not slides or marked >= CUE_SHARE * len(slides):
        return []
    plain = next(slide for slide in slides if not has_cue(slide))
    advice = _(
        "only {marked} of {count} slides mark a key point in **bold** or a '- ' list "
        "(the first without: {id!r}): mark the one thing each slide should leave"
    ).format(marked=marked, count=len(slides), id=plain.id)
    return [ContentAdvice(context.deck.path, plain.line, "visual-cues", CUE_ITEM, advice)]


def slides_without_pictures(context: Context) -> list[ContentAdvice]:
    """A slide with no illustration: a picture carries the idea for a reader who skims."""
    return [
        ContentAdvice(
            context.deck.path,
            slide.line,
            "picture",
            VISUAL_ITEM,
            _("slide {id!r} has no picture: add 'image: name.svg' to its settings comment").format(id=slide.id),
        )
        for slide in context.slides
        if not slide.image
    ]


def pictures_without_captions(context: Context) -> list[ContentAdvice]:
    """A slide's picture without a caption: on paper a picture needs a line saying what it shows."""
    return [
        ContentAdvice(
            context.deck.path,
            slide.line,
            "caption",
            CAPTION_ITEM,
            _(
                "slide {id!r} has a picture without a caption: add a line <!-- caption: ... --> under its settings "
                "saying in a few words what the picture shows (the handout prints it under the picture)"
            ).format(id=slide.id),
        )
        for slide in context.slides
        if slide.image and not slide.caption
    ]
