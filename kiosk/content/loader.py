"""Load and validate a content folder: every language, every file, every cross-reference."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.content.deck import parse_deck
from kiosk.content.images import IllustrationStore
from kiosk.content.model import Lesson, Library
from kiosk.content.quiz import parse_quiz
from kiosk.content.result import parse_result
from kiosk.content.strings import parse_strings
from kiosk.core.errors import ContentError, ContentInvalidError, LocatedError
from kiosk.core.textfile import read_text

log = logging.getLogger("kiosk.content")

DECK, QUIZ, RESULT, STRINGS = "deck.md", "quiz.md", "result.md", "ui.toml"


def _read(path: Path, problems: list[LocatedError]) -> str | None:
    try:
        return read_text(path)
    except ContentError as error:
        problems.append(error)
        return None


def load_lesson(folder: Path, store: IllustrationStore) -> tuple[Lesson | None, list[LocatedError]]:
    """Load one language folder; return the lesson, or None with every problem found."""
    problems: list[LocatedError] = []
    texts = {name: _read(folder / name, problems) for name in (DECK, QUIZ, RESULT, STRINGS)}
    deck = questions = result = strings = None
    if texts[DECK] is not None:
        deck, found = parse_deck(texts[DECK], folder / DECK, store.problem)
        problems += found
    slide_ids = {slide.id for slide in deck.slides} if deck else set()
    if texts[QUIZ] is not None:
        questions, found = parse_quiz(texts[QUIZ], folder / QUIZ, slide_ids)
        # Without a deck every slide reference looks unknown: report the deck's problems only.
        problems += found if deck else [p for p in found if "unknown slide id" not in p.message]
    if texts[RESULT] is not None:
        result, found = parse_result(texts[RESULT], folder / RESULT)
        problems += found
    if texts[STRINGS] is not None:
        strings, found = parse_strings(texts[STRINGS], folder / STRINGS)
        problems += found
    if problems or deck is None or questions is None or result is None or strings is None:
        return None, problems
    images = {name: store.data(name) for name in _image_names(deck)}
    return Lesson(folder.name, deck, questions, result, strings, images), []


def _image_names(deck: object) -> list[str]:
    names = [deck.image] + [slide.image for slide in deck.slides]  # type: ignore[attr-defined]
    return [name for name in dict.fromkeys(names) if name]


def _same_structure(lessons: dict[str, Lesson], root: Path) -> list[LocatedError]:
    """Every language must teach the same slides and ask the same questions."""
    problems: list[LocatedError] = []
    if len(lessons) < 2:
        return problems
    reference_name = "ja" if "ja" in lessons else sorted(lessons)[0]
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
                ContentError(root / name / DECK, 1, f"slide {missing!r} of {reference_name}/{DECK} is missing here")
            )
        for extra in [s for s in have_slides if s not in want_slides]:
            line = next(s.line for s in lesson.deck.slides if s.id == extra)
            problems.append(
                ContentError(root / name / DECK, line, f"slide {extra!r} is not in {reference_name}/{DECK}")
            )
        if not problems and have_slides != want_slides:
            problems.append(
                ContentError(root / name / DECK, 1, f"slides are in another order than in {reference_name}/{DECK}")
            )
        for missing in [q for q in want_questions if q not in have_questions]:
            problems.append(
                ContentError(root / name / QUIZ, 1, f"question {missing!r} of {reference_name}/{QUIZ} is missing here")
            )
        for extra in [q for q in have_questions if q not in want_questions]:
            line = next(q.line for q in lesson.questions if q.id == extra)
            problems.append(
                ContentError(root / name / QUIZ, line, f"question {extra!r} is not in {reference_name}/{QUIZ}")
            )
    return problems


def language_folders(root: Path) -> list[Path]:
    """Language folders of a content root: sub-folders that hold a deck file."""
    if not root.is_dir():
        return []
    return sorted(child for child in root.iterdir() if child.is_dir() and (child / DECK).exists())


def load_library(root: Path, illustrations: Path) -> tuple[Library | None, list[LocatedError]]:
    """Load every language of a content root; return the library, or None with every problem."""
    if not root.is_dir():
        return None, [ContentError(root, 1, "content folder not found")]
    folders = language_folders(root)
    if not folders:
        return None, [ContentError(root, 1, f"no language folder with a {DECK} (for example {root / 'ja' / DECK})")]
    store = IllustrationStore(illustrations)
    lessons: dict[str, Lesson] = {}
    problems: list[LocatedError] = []
    for folder in folders:
        lesson, found = load_lesson(folder, store)
        problems += found
        if lesson is not None:
            lessons[folder.name] = lesson
    if not problems:
        problems = _same_structure(lessons, root)
    if problems:
        return None, problems
    log.info(
        "content loaded from %s: %s", root, ", ".join(f"{k} ({len(v.deck.slides)} slides)" for k, v in lessons.items())
    )
    return Library(lessons), []


def load_or_raise(root: Path, illustrations: Path) -> Library:
    """Load the library or raise ContentInvalidError holding every problem."""
    library, problems = load_library(root, illustrations)
    if library is None:
        raise ContentInvalidError(problems)
    return library
