"""Load and validate lessons: every language, every file, every cross-reference, every picture."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kiosk.content.attract import choose_slides
from kiosk.content.deck import parse_deck
from kiosk.content.folders import DECK, LESSON_FILE, FolderShapeError, LessonFolder, find_lessons
from kiosk.content.images import IllustrationStore
from kiosk.content.model import Lesson, Library, Review, Translation
from kiosk.content.narration import attach_synthesised, check_recordings
from kiosk.content.new_lesson import TEMPLATE
from kiosk.content.parity import same_structure
from kiosk.content.phrases import typeset_lesson
from kiosk.content.placeholders import placeholders
from kiosk.content.quiz import UnknownSlideError, parse_quiz
from kiosk.content.result import parse_result
from kiosk.content.spoken import read_readings
from kiosk.content.strings import parse_strings
from kiosk.core.errors import ContentError, LocatedError
from kiosk.core.i18n import _
from kiosk.core.textfile import read_text

log = logging.getLogger("kiosk.content")

QUIZ, RESULT, STRINGS = "quiz.md", "result.md", "ui.toml"


def _holds(name: str) -> str:
    if name == QUIZ:
        return _("the questions: ## a question, - [x] the right answer, - [ ] the others, > the explanation")
    if name == RESULT:
        return _("the result screen: # a heading with three '- ' take-home points, then ## thanks with <!-- min: 0 -->")
    return _("the slides, separated by lines of ---")


def _read(path: Path, problems: list[LocatedError]) -> str | None:
    if not os.path.lexists(path):  # say what the file holds, and the one command that starts it from the template
        template = TEMPLATE / (path.parent.name if (TEMPLATE / path.parent.name).is_dir() else "en") / path.name
        message = _("{name} not found; it holds {what} (to start from the template: cp {template} {path})")
        problems.append(
            FolderShapeError(
                path, 1, message.format(name=path.name, what=_holds(path.name), template=template, path=path)
            )
        )
        return None
    try:
        return read_text(path, within=path.parent.parent)  # a link may lead anywhere inside its lesson folder
    except ContentError as error:
        problems.append(error)
        return None


def load_language(folder: Path, store: IllustrationStore) -> tuple[Translation | None, list[LocatedError]]:
    """Load one language folder; return the lesson in that language, or None with every problem found."""
    problems: list[LocatedError] = []
    # ui.toml is optional: it changes only the interface words this lesson wants its own (kiosk/content/strings.py).
    names = (DECK, QUIZ, RESULT, STRINGS) if os.path.lexists(folder / STRINGS) else (DECK, QUIZ, RESULT)
    texts = {name: _read(folder / name, problems) for name in names}
    for name in (DECK, QUIZ, RESULT):
        if (text := texts[name]) is not None:
            problems += placeholders(text, folder / name)
    deck = questions = result = strings = None
    if (source := texts[DECK]) is not None:
        deck, found = parse_deck(source, folder / DECK, store.problem)
        problems += found
    slide_ids = {slide.id for slide in deck.slides} if deck else set()
    if (source := texts[QUIZ]) is not None:
        questions, found = parse_quiz(source, folder / QUIZ, slide_ids)
        # Without a deck every slide reference looks unknown: report the deck's problems only.
        problems += found if deck else [p for p in found if not isinstance(p, UnknownSlideError)]
    if (source := texts[RESULT]) is not None:
        result, found = parse_result(source, folder / RESULT)
        problems += found
    if STRINGS not in texts or texts[STRINGS] is not None:  # absent, or read: not when it could not be read
        strings, found = parse_strings(texts.get(STRINGS), folder / STRINGS, folder.name)
        problems += found
    if problems or deck is None or questions is None or result is None or strings is None:
        return None, problems
    if result.image and (why := store.problem(result.image)):  # optional, but when named it must be good
        return None, [ContentError(folder / RESULT, result.image_line, why)]
    readings, found = read_readings(folder)
    if found:
        return None, list(found)
    deck, questions = attach_synthesised(folder, deck, questions, readings)
    recordings, found = check_recordings(folder, deck, texts[DECK] or "", questions, result)
    if found:
        return None, list(found)
    images = {name: store.data(name) for name in [*_image_names(deck), result.image] if name}
    return Translation(folder.name, deck, questions, result, strings, images, recordings), []


def _image_names(deck: object) -> list[str]:
    names = [deck.image] + [slide.image for slide in deck.slides]  # type: ignore[attr-defined]
    return [name for name in dict.fromkeys(names) if name]


def load_lesson_folder(lesson: LessonFolder) -> tuple[Lesson | None, list[LocatedError]]:
    """Load every language of one lesson folder, with pictures from its own pictures/ folder."""
    store = IllustrationStore(lesson.pictures)
    languages: dict[str, Translation] = {}
    problems: list[LocatedError] = []
    for folder in lesson.languages:
        language, found = load_language(folder, store)
        problems += found
        if language is not None:
            languages[folder.name] = language
    if not lesson.pictures.is_dir():  # one message for the folder, not one per picture
        missing = [p for p in problems if p.message in store.without_folder]
        problems = [p for p in problems if p not in missing[1:]]
    if not problems:
        problems = same_structure(languages, lesson.path)
    attract: tuple[str, ...] = ()
    if not problems:
        attract, problems = _attract_slides(lesson, languages)
    if problems:
        return None, problems
    # Segmented once here (and so kept in the content cache): where each Japanese line may break.
    review = Review(lesson.reviewed_by, lesson.reviewed_on)
    languages = {name: typeset_lesson(language)._replace(review=review) for name, language in languages.items()}
    log.info(
        "lesson %s loaded from %s: %s",
        lesson.id,
        lesson.path,
        ", ".join(f"{k} ({len(v.deck.slides)} slides)" for k, v in languages.items()),
    )
    return Lesson(lesson.id, languages, attract), []


def _attract_slides(
    lesson: LessonFolder, languages: dict[str, Translation]
) -> tuple[tuple[str, ...], list[LocatedError]]:
    """lesson.toml's attract slides, checked in every language (the same ids; a picture may be missing in one)."""
    chosen: tuple[str, ...] = ()
    problems: list[LocatedError] = []
    for language in languages.values():
        chosen, found = choose_slides(lesson.attract, language.deck, lesson.path / LESSON_FILE, lesson.attract_line)
        problems += [p for p in found if str(p) not in {str(q) for q in problems}]
    return chosen, problems


def load_library(root: Path) -> tuple[Library | None, list[LocatedError]]:
    """Every lesson under root (a content, lesson or language folder), in display order, or None and every problem.

    All or nothing: one broken lesson keeps the whole folder from being shown, as a half-updated set would.
    """
    folders, problems = find_lessons(root)
    lessons: dict[str, Lesson] = {}
    for folder in folders:
        lesson, found = load_lesson_folder(folder)
        problems += found
        if lesson is not None:
            lessons[lesson.id] = lesson
    return (None if problems or not lessons else Library(lessons)), problems
