"""Every screen x 4 sizes x ja/en x (plain, large text, large text + high contrast), read from the widgets'
own laid-out lines: no break inside a phrase, no forbidden line start, no orphan, no slide without its
picture, nothing cut, overlapping or outside the screen; on the shipped lesson and on made-up decks."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app.render import Aids
from kiosk.app.render_check import BREAK_INSIDE, NO_PICTURE, ORPHAN, OUTSIDE, check_all, report
from kiosk.config.options import Options
from tests.app.generated_decks import generated_content
from tests.conftest import SHIPPED_CONTENT

SIZES = [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)]
AIDS = {"plain": Aids(), "large": Aids(large_text=True), "large-contrast": Aids(large_text=True, high_contrast=True)}


@pytest.mark.slow
@pytest.mark.parametrize("aids", list(AIDS), ids=list(AIDS))
@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_shipped_screen_is_typeset_cleanly(size: tuple[int, int], language: str, aids: str) -> None:
    """The shipped lesson passes `kiosk render --check` at every size, in both languages, with every aid."""
    problems = check_all(Options(content=SHIPPED_CONTENT, language=language, size=size), AIDS[aids])
    assert problems == [], report(problems)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_made_up_decks_keep_phrases_pictures_and_no_orphans(tmp_path: Path, seed: int) -> None:
    """Decks with other headings and texts (longer, shorter, doubled headings) keep the same rules."""
    content = generated_content(tmp_path / "content", seed)
    problems = []
    for size, language, aids in [
        ((1920, 1080), "ja", "large"),
        ((1280, 800), "en", "large"),
        ((1080, 1920), "ja", "plain"),
    ]:
        found = check_all(Options(content=content, language=language, size=size), AIDS[aids])
        problems += [p for p in found if p.kind in (BREAK_INSIDE, ORPHAN, NO_PICTURE, OUTSIDE)]
    assert problems == [], report(problems)
