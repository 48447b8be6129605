"""Lessons made up at every limit the validator sets (kiosk.content.limits), for the layout tests.

A lesson is drawn as a `LessonSpec` (Hypothesis strategy `lessons()`), then written as a real lesson folder with
the shipped pictures (`write_lesson`). Texts are built from the shipped lesson's own words and sentences, so
they read like a lesson (random kana would test the segmenter, not the layout), and are cut to the limit.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from hypothesis import strategies as st

from kiosk.content.limits import ANSWER_UNITS, EXPLANATION_UNITS, HEADING_UNITS, QUESTION_UNITS, width_units
from kiosk.content.quiz import MAX_ANSWERS, MIN_ANSWERS
from kiosk.core.typeset import has_cjk
from tests.conftest import SHIPPED_CONTENT

SHIPPED_LESSON = SHIPPED_CONTENT / "stretching"
# Pictures of several shapes, taken from the shipped lesson's own folder so a redrawn or renamed picture never
# leaves the generator pointing at a file that is gone.
PICTURES = tuple(sorted(path.name for path in (SHIPPED_LESSON / "pictures").glob("*.svg")))[:6]
_SENTENCE = re.compile(r"[^。？！]+[。？！]|[^.?!]+[.?!]")


class QuestionSpec(NamedTuple):
    prompt: str
    answers: tuple[str, ...]
    right: int
    explanation: str


class SlideSpec(NamedTuple):
    heading: str
    body: tuple[str, ...]  # paragraphs
    picture: str | None


class LessonSpec(NamedTuple):
    language: str
    slides: tuple[SlideSpec, ...]
    questions: tuple[QuestionSpec, ...]


@lru_cache(maxsize=2)
def _pool(language: str) -> tuple[str, ...]:
    """The shipped lesson's sentences and list items in this language, without Markdown."""
    text = (SHIPPED_LESSON / language / "deck.md").read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S).replace("**", "")
    lines = [line.lstrip("-# ").strip() for line in text.splitlines()]
    found = [s.strip() for line in lines if line and ":" not in line[:8] for s in _SENTENCE.findall(line)]
    return tuple(s for s in found if s and "---" not in s)


def cut(text: str, limit: float) -> str:
    """The text cut to at most `limit` width units, at a character (Japanese) or a word (English)."""
    if width_units(text) <= limit:
        return text
    if not has_cjk(text):
        words = text.split(" ")
        while words and width_units(" ".join(words)) > limit:
            words.pop()
        return " ".join(words) or text[: int(limit * 2)]
    out = ""
    for char in text:
        if width_units(out + char) > limit:
            break
        out += char
    return out


@st.composite
def texts(draw: st.DrawFn, language: str, limit: int, at_limit: bool | None = None) -> str:
    """A text of sentences from the pool, cut to the limit; at the limit itself when `at_limit` (or drawn so)."""
    pool = _pool(language)
    full = draw(st.booleans()) if at_limit is None else at_limit
    gap = "" if language == "ja" else " "
    text = ""
    while width_units(text) < (limit if full else draw(st.integers(2, limit))):
        text += (gap if text else "") + draw(st.sampled_from(pool))
    text = cut(text, limit if full else min(limit, max(2, width_units(text))))  # never past the limit
    return text.strip(" ,、") or pool[0]


@st.composite
def questions(draw: st.DrawFn, language: str, at_limit: bool | None = None) -> QuestionSpec:
    count = draw(st.integers(MIN_ANSWERS, MAX_ANSWERS)) if at_limit is None else MAX_ANSWERS
    answers: list[str] = []
    while len(answers) < count:
        answer = draw(texts(language, ANSWER_UNITS, at_limit))
        answers.append(answer if answer not in answers else f"{answer[:-1]}{len(answers)}")
    return QuestionSpec(
        draw(texts(language, QUESTION_UNITS, at_limit)),
        tuple(answers),
        draw(st.integers(0, count - 1)),
        draw(texts(language, EXPLANATION_UNITS, at_limit)),
    )


@st.composite
def slides(draw: st.DrawFn, language: str, at_limit: bool | None = None) -> SlideSpec:
    heading = draw(texts(language, HEADING_UNITS, at_limit))
    body = tuple(draw(texts(language, 60)) for _ in range(draw(st.integers(1, 2))))
    picture = draw(st.sampled_from((None, *PICTURES)))
    return SlideSpec(heading, body, picture)


@st.composite
def lessons(draw: st.DrawFn, language: str, at_limit: bool | None = None) -> LessonSpec:
    """A lesson in one language: two slides (with and without pictures) and three questions of 2-4 answers."""
    return LessonSpec(
        language,
        (draw(slides(language, at_limit)), draw(slides(language, at_limit))),
        tuple(_numbered(draw(questions(language, at_limit)), n) for n in range(1, 4)),
    )


def _numbered(question: QuestionSpec, number: int) -> QuestionSpec:
    """The question with its number in front (the validator refuses the same question twice)."""
    return question._replace(prompt=cut(f"Q{number}: {question.prompt}", QUESTION_UNITS))


def write_lesson(spec: LessonSpec, content: Path) -> Path:
    """The lesson as a folder `content/made-up/` with the shipped pictures and result; return `content`."""
    lesson = content / "made-up"
    folder = lesson / spec.language
    folder.mkdir(parents=True)
    shutil.copytree(SHIPPED_LESSON / "pictures", lesson / "pictures")
    (lesson / "lesson.toml").write_text('id = "made-up"\nattract = []\n', encoding="utf-8")
    shutil.copy(SHIPPED_LESSON / spec.language / "result.md", folder / "result.md")
    deck = ["---", "title: " + spec.slides[0].heading, "image: attract.svg", "---", ""]
    for number, slide in enumerate(spec.slides, start=1):
        image = f"; image: {slide.picture}" if slide.picture else ""
        deck += [f"<!-- id: s{number}{image} -->", f"# {slide.heading}", "", *[f"{p}\n" for p in slide.body], "---", ""]
    (folder / "deck.md").write_text("\n".join(deck[:-2]) + "\n", encoding="utf-8")
    quiz: list[str] = []
    for number, question in enumerate(spec.questions, start=1):
        quiz += [f"## {question.prompt}", f"<!-- id: q{number}; slide: s1 -->"]
        quiz += [f"- [{'x' if i == question.right else ' '}] {a}" for i, a in enumerate(question.answers)]
        quiz += [f"> {question.explanation}", ""]
    (folder / "quiz.md").write_text("\n".join(quiz), encoding="utf-8")
    return content
