"""The palette's contrast numbers (DESIGN.md: body text 7:1, never under 4.5:1)."""

from __future__ import annotations

import pytest

from kiosk.ui.theme.palette import THEMES, contrast_ratio

BODY_TEXT_PAIRS = [
    ("ink", "background"),
    ("ink", "surface"),
    ("ink_soft", "background"),
    ("ink_soft", "surface"),
    ("teal_dark", "background"),
    ("teal_dark", "surface"),
    ("on_primary", "teal_dark"),
    ("ink", "sage_light"),
]
LARGE_TEXT_PAIRS = [
    ("on_primary", "accent"),
    ("on_primary", "right"),
    ("accent", "surface"),
    ("right", "surface"),
    ("ink", "sage"),
]


def test_contrast_formula_known_values() -> None:
    """Black on white is 21:1 and a colour on itself 1:1."""
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#2F6E7A", "#2F6E7A") == pytest.approx(1.0)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("fg", "bg"), BODY_TEXT_PAIRS)
def test_body_text_pairs_reach_7_to_1(theme: str, fg: str, bg: str) -> None:
    """Every colour pair used for body text reaches WCAG AAA, in both themes."""
    palette = THEMES[theme]
    assert contrast_ratio(getattr(palette, fg), getattr(palette, bg)) >= 7.0


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("fg", "bg"), LARGE_TEXT_PAIRS)
def test_large_text_pairs_reach_4_5_to_1(theme: str, fg: str, bg: str) -> None:
    """Pairs used only for large bold text (verdicts, answer buttons) reach 4.5:1; 7:1 in high contrast."""
    palette = THEMES[theme]
    floor = 7.0 if theme == "high_contrast" else 4.5
    assert contrast_ratio(getattr(palette, fg), getattr(palette, bg)) >= floor
