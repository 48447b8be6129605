"""Run every plain-language rule over one lesson; advice never makes content invalid."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import kiosk.content.advice.actions as actions
import kiosk.content.advice.chunks as chunks
import kiosk.content.advice.interface as interface
import kiosk.content.advice.language as language
import kiosk.content.advice.listen as listen
import kiosk.content.advice.structure as structure
import kiosk.content.advice.terms as terms
from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.folders import DECK
from kiosk.content.loader import QUIZ, RESULT
from kiosk.content.model import Lesson, Translation

Rule = Callable[[Context], list[ContentAdvice]]
RULES: tuple[Rule, ...] = (
    language.long_sentences,
    language.dense_kanji,
    terms.undefined_terms,
    chunks.long_bodies,
    chunks.weak_headings,
    structure.missing_summary,
    structure.quiz_without_feedback,
    structure.few_cues,
    structure.slides_without_pictures,
    structure.pictures_without_captions,
    actions.no_action,
    actions.action_without_steps,
    listen.slides_without_narration,
    interface.optional_words_missing,
)


def advise_context(context: Context) -> list[ContentAdvice]:
    found = [advice for rule in RULES for advice in rule(context)]
    return sorted(found, key=lambda advice: (str(advice.path), advice.line))


def advise(lesson: Translation, deck: Path, quiz: Path, result: Path) -> list[ContentAdvice]:
    """Every advice for a validated lesson whose files are at these paths, sorted by file and line."""
    return advise_context(Context.build(lesson, deck, quiz, result))


def advise_languages(folders: Iterable[Path], lesson: Lesson) -> dict[str, list[ContentAdvice]]:
    """The advice for each language folder of a loaded lesson, by language code."""
    return {
        folder.name: advise(lesson.translations[folder.name], folder / DECK, folder / QUIZ, folder / RESULT)
        for folder in folders
        if folder.name in lesson.translations
    }
