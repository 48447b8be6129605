"""Settings declared once, validated at load, never crashing the kiosk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config.settings import Settings, example_file, load_settings, parse_settings


def test_every_default_passes_its_own_validation() -> None:
    """Each shipped default is within its declared type and bounds."""
    for name, kind, default, description, low, high in Settings.declared():
        assert isinstance(default, kind) or (kind is float and isinstance(default, int)), name
        assert description, name
        if low is not None:
            assert low <= default <= high, name
    uncommented = re.sub(r"(?m)^# (\w+ = )", r"\1", example_file())
    settings, problems = parse_settings(uncommented, Path("s.toml"))
    assert problems == [] and settings == Settings()


def test_overrides_are_read() -> None:
    """Options in the file replace the defaults; others keep theirs."""
    settings, problems = parse_settings(
        'idle_seconds = 120\nhide_cursor = false\ndefault_language = "en"\n', Path("s.toml")
    )
    assert problems == []
    assert (settings.idle_seconds, settings.hide_cursor, settings.default_language) == (120, False, "en")
    assert settings.result_timeout_seconds == Settings().result_timeout_seconds


def test_bad_options_keep_defaults_and_name_line_and_option() -> None:
    """Out of bounds, wrong type and unknown options are reported as path:line: option: message."""
    text = "idle_seconds = 5\nhide_cursor = 'yes'\ncolour = 'red'\npin_max_attempts = 4.5\n"
    settings, problems = parse_settings(text, Path("s.toml"))
    found = [str(p) for p in problems]
    assert found[0] == "s.toml:1: idle_seconds: must be between 15 and 3600, not 5; using the default"
    assert found[1] == "s.toml:2: hide_cursor: must be true or false; using the default"
    assert found[2].startswith("s.toml:3: colour: unknown option")
    assert found[3] == "s.toml:4: pin_max_attempts: must be a whole number; using the default"
    assert settings == Settings()


@pytest.mark.allow_warnings
def test_broken_file_and_missing_file(tmp_path: Path) -> None:
    """Broken TOML gives defaults and a located problem; a missing file gives defaults silently."""
    assert load_settings(tmp_path / "none.toml") == (Settings(), [])
    path = tmp_path / "settings.toml"
    path.write_text("idle_seconds = = 3\n", encoding="utf-8")
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert str(problems[0]).startswith(f"{path}:1: file: not valid TOML")
