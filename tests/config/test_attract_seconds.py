"""The attract loop's interval setting: validated like every other setting, so a bad value never stops the kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.settings import Settings, parse_settings


def test_the_default_is_eight_seconds() -> None:
    """A clinic with no settings file gets a picture every 8 s (a 0.6 s fade, then rest)."""
    assert Settings().attract_seconds == 8


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("nan", "must be a finite number, not nan"),
        ("inf", "must be a finite number, not inf"),
        ("-5", "must be between 3 and 600, not -5"),
        ("1", "must be between 3 and 600, not 1"),
        ("1e9", "must be between 3 and 600, not 1e+09"),
        ('"fast"', "must be a number"),
    ],
)
def test_a_bad_interval_says_why_and_keeps_the_default(value: str, why: str) -> None:
    """nan, negative, too small, huge or text: `path:line: attract_seconds: ...; using the default`, 8 s kept."""
    settings, problems = parse_settings(f"idle_seconds = 120\nattract_seconds = {value}\n", Path("s.toml"))
    assert settings.attract_seconds == 8 and settings.idle_seconds == 120
    assert [str(p) for p in problems] == [f"s.toml:2: attract_seconds: {why}; using the default"]


def test_a_good_interval_is_taken() -> None:
    """A clinic may slow the loop down (or speed it up to 3 s)."""
    settings, problems = parse_settings("attract_seconds = 12.5\n", Path("s.toml"))
    assert problems == [] and settings.attract_seconds == 12.5
