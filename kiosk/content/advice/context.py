"""What every advice rule reads: the parsed lesson, its source files, and the texts a patient sees, in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from kiosk.content.advice.locate import Source
from kiosk.content.advice.plain import plain_lesson
from kiosk.content.advice.text import Profile, profile_for
from kiosk.content.model import Slide, Translation


class Shown(NamedTuple):
    """One text a patient reads, and where in which file it was written."""

    source: Source
    start: int  # first line of its block (slide, question, file)
    end: int | None  # first line after its block
    text: str
    kind: str  # title, heading, body, caption, prompt, answer, explanation, point, message
    slide: Slide | None = None

    def line_of(self, part: str) -> int:
        return self.source.line_of(part, self.start, self.end)


@dataclass(frozen=True)
class Context:
    lesson: Translation
    profile: Profile
    deck: Source
    quiz: Source
    result: Source

    @classmethod
    def build(cls, lesson: Translation, deck: Path, quiz: Path, result: Path) -> Context:
        lesson = plain_lesson(lesson)
        return cls(lesson, profile_for(lesson.language), Source(deck), Source(quiz), Source(result))

    @property
    def slides(self) -> tuple[Slide, ...]:
        return self.lesson.deck.slides

    def slide_end(self, index: int) -> int | None:
        """The line where the slide after this one starts (None for the last)."""
        return self.slides[index + 1].line if index + 1 < len(self.slides) else None

    def shown(self) -> Iterator[Shown]:
        """Every text of the visit in the order a patient meets it: attract, slides, quiz, result."""
        deck, lesson = self.lesson.deck, self.lesson
        first = self.slides[0].line if self.slides else None
        for text in (deck.title, deck.subtitle):
            if text:
                yield Shown(self.deck, 1, first, text, "title")
        for index, slide in enumerate(self.slides):
            end = self.slide_end(index)
            yield Shown(self.deck, slide.line, end, slide.heading, "heading", slide)
            yield Shown(self.deck, slide.line, end, slide.body_text, "body", slide)
            if slide.caption:
                yield Shown(self.deck, slide.line, end, slide.caption, "caption", slide)
        for index, question in enumerate(lesson.questions):
            end = lesson.questions[index + 1].line if index + 1 < len(lesson.questions) else None
            yield Shown(self.quiz, question.line, end, question.prompt, "prompt")
            for answer in question.answers:
                yield Shown(self.quiz, question.line, end, answer.text, "answer")
            yield Shown(self.quiz, question.line, end, question.explanation, "explanation")
        result = lesson.result
        yield Shown(self.result, 1, None, result.heading, "heading")
        for point in result.takeaways:
            yield Shown(self.result, 1, None, point, "point")
        for message in result.messages:
            yield Shown(self.result, 1, None, message.headline, "heading")
            yield Shown(self.result, 1, None, message.text, "message")
