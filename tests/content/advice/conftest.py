"""The advice_for fixture: write a generated lesson, load it, and return its advice."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.advice import ContentAdvice, advise
from kiosk.content.images import IllustrationStore
from kiosk.content.loader import load_language
from tests.conftest import SHIPPED_LESSON
from tests.content.advice.lessons import GOOD, QUIZ, RESULT, Slide, deck_text

Advise = Callable[..., list[ContentAdvice]]


@pytest.fixture
def advice_for(tmp_path: Path, illustrations: Path) -> Advise:
    """Write a lesson (the good one unless told otherwise), load it, and return its advice (but for narration,
    which these lessons never have: tests/content/advice/test_listen.py has its own)."""

    def run(
        slides: list[Slide] | None = None,
        *,
        lang: str = "ja",
        quiz: str | None = None,
        result: str | None = None,
        deck: str | None = None,
    ) -> list[ContentAdvice]:
        folder = tmp_path / "content" / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "deck.md").write_text(deck or deck_text(GOOD[lang] if slides is None else slides), "utf-8")
        (folder / "quiz.md").write_text(quiz or QUIZ[lang], "utf-8")
        (folder / "result.md").write_text(result or RESULT[lang], "utf-8")
        shutil.copy(SHIPPED_LESSON / lang / "ui.toml", folder / "ui.toml")
        lesson, problems = load_language(folder, IllustrationStore(illustrations))
        assert problems == [] and lesson is not None, [str(p) for p in problems]
        found = advise(lesson, folder / "deck.md", folder / "quiz.md", folder / "result.md")
        return [advice for advice in found if advice.rule != "narration"]

    return run
