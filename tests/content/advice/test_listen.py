"""Validate advises when a slide cannot be heard: no recording and no synthesised narration for its words."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.advice import advise
from kiosk.content.loader import load_library


def _narration_advice(lesson: Path, language: str = "ja") -> list[str]:
    library, problems = load_library(lesson)
    assert library is not None, problems
    folder = lesson / language
    found = advise(library.first.translations[language], *(folder / n for n in ("deck.md", "quiz.md", "result.md")))
    return [str(advice) for advice in found if advice.rule == "narration"]


def test_the_shipped_lesson_can_be_heard_on_every_slide(shipped_copy: Path) -> None:
    """Every slide of the shipped lesson has narration in both languages: no advice."""
    assert _narration_advice(shipped_copy, "ja") == [] and _narration_advice(shipped_copy, "en") == []


def test_a_lesson_without_narration_gets_one_advice(shipped_copy: Path) -> None:
    """Without any narration one line says so (not eighteen), naming the command that makes it."""
    shutil.rmtree(shipped_copy / "ja" / "audio")
    found = _narration_advice(shipped_copy)
    assert len(found) == 1 and "no slide has narration" in found[0] and "kiosk narrate" in found[0]
    assert "deck.md:" in found[0] and found[0].endswith("[narration]")


def test_a_slide_whose_file_is_missing_is_named(shipped_copy: Path) -> None:
    """One slide without its file: the advice names that slide at its line."""
    next((shipped_copy / "ja" / "audio").glob("slide-seiza.synth-*.opus")).unlink()
    found = _narration_advice(shipped_copy)
    assert len(found) == 1 and "slide 'seiza': it has no narration" in found[0]
