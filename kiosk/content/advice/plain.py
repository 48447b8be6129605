"""The lesson's texts without the loader's phrase-break marks, as the practitioner wrote them.

The loader writes BudouX break marks (ZWSP, WJ) into every shown text for line breaking; lengths, term
searches and the search for a sentence's line in the source file need the words alone.
"""

from __future__ import annotations

from kiosk.content.model import Answer, Translation
from kiosk.core.typeset import plain


def plain_lesson(lesson: Translation) -> Translation:
    """The same lesson with every text a patient reads free of break marks."""
    deck = lesson.deck
    slides = tuple(
        slide._replace(
            heading=plain(slide.heading),
            body_html=plain(slide.body_html),
            body_text=plain(slide.body_text),
            caption=plain(slide.caption),
        )
        for slide in deck.slides
    )
    questions = tuple(
        question._replace(
            prompt=plain(question.prompt),
            explanation=plain(question.explanation),
            answers=tuple(Answer(plain(answer.text), answer.right) for answer in question.answers),
        )
        for question in lesson.questions
    )
    result = lesson.result._replace(
        heading=plain(lesson.result.heading),
        takeaways=tuple(plain(point) for point in lesson.result.takeaways),
        messages=tuple(
            message._replace(headline=plain(message.headline), text=plain(message.text))
            for message in lesson.result.messages
        ),
    )
    deck = deck._replace(title=plain(deck.title), subtitle=plain(deck.subtitle), slides=slides)
    return lesson._replace(deck=deck, questions=questions, result=result)
