"""The `opening_hours` setting: declared once, checked at load, its default always open."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.settings import Settings, example_file, parse_settings
from kiosk.core.hours import parse_hours


def test_the_default_is_always_open():
    """With no settings file the clinic is open at every hour (nothing is held)."""
    assert Settings().opening_hours == "" and parse_hours(Settings().opening_hours).always


def test_good_hours_are_taken(tmp_path: Path):
    """A clinic's week in the settings file is used as written."""
    text = 'opening_hours = "mon-fri 09:00-12:30, 15:00-19:00; sat 09:00-13:00"\n'
    settings, problems = parse_settings(text, tmp_path / "settings.toml")
    assert not problems and settings.opening_hours.startswith("mon-fri")


@pytest.mark.allow_warnings
@pytest.mark.parametrize("value", ['"10:00-09:00"', '"mon-fri"', "9", '"sun-sat 10:00-11:00"'])
def test_bad_hours_are_reported_on_their_line_and_the_default_is_used(tmp_path: Path, value: str):
    """Hours that cannot be read are a problem at their line; the kiosk stays always open rather than stop."""
    settings, problems = parse_settings(f"idle_seconds = 90\nopening_hours = {value}\n", tmp_path / "settings.toml")
    assert settings.opening_hours == ""
    assert len(problems) == 1 and problems[0].line == 2 and problems[0].option == "opening_hours"


def test_the_example_file_explains_opening_hours():
    """`kiosk config example` lists the option with an example a clinic can copy."""
    assert '# opening_hours = ""' in example_file() and "mon-fri 09:00-12:30" in example_file()
