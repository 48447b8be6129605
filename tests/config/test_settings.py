"""Settings declared once, validated at load, never crashing the kiosk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config.settings import Settings, example_file, load_settings, parse_settings, save_override


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


@pytest.mark.parametrize("value", ["E:\\kiosk", 'a "quoted" name', "D:\\受付\\it's"])
def test_a_saved_string_reads_back_unchanged(tmp_path: Path, value: str) -> None:
    """save_override escapes what TOML needs escaped: a Windows path or quotes never make the file invalid."""
    path = tmp_path / "settings.toml"
    path.write_text("# the clinic's settings\nidle_seconds = 120\n", encoding="utf-8")
    assert save_override(path, "stats_export_folder", value)
    settings, problems = load_settings(path)
    assert problems == []
    assert (settings.stats_export_folder, settings.idle_seconds) == (value, 120)
    assert path.read_text(encoding="utf-8").startswith("# the clinic's settings\n"), "comments are kept"


def test_saving_again_replaces_the_option_in_place(tmp_path: Path) -> None:
    """A second save of an option rewrites its one line; other options and their order stay."""
    path = tmp_path / "settings.toml"
    path.write_text('default_language = "ja"\nhide_cursor = false\n', encoding="utf-8")
    assert save_override(path, "default_language", "en")
    assert save_override(path, "idle_seconds", 200)
    assert path.read_text(encoding="utf-8") == 'default_language = "en"\nhide_cursor = false\nidle_seconds = 200\n'


@pytest.mark.allow_warnings
def test_saving_into_a_broken_file_leaves_it_for_staff_to_fix(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A settings file that is not TOML is not rewritten: save_override says False and logs why."""
    path = tmp_path / "settings.toml"
    path.write_text("idle_seconds = = 3\n", encoding="utf-8")
    assert not save_override(path, "default_language", "en")
    assert path.read_text(encoding="utf-8") == "idle_seconds = = 3\n"
    assert "not a valid settings file" in caplog.text
