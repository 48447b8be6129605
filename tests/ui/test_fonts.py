"""Japanese renders as Japanese: a family with the glyphs is chosen, or the log names the package to install."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase
from pytestqt.qtbot import QtBot

from kiosk.ui.theme import fonts


def test_a_japanese_family_is_installed_here(qtbot: QtBot) -> None:
    """The test machine (set up by scripts/setup.sh) has a preferred Japanese family."""
    assert fonts.japanese_family() in fonts.PREFERRED_FAMILIES


@pytest.mark.allow_warnings
def test_no_japanese_font_warns_with_the_package_name(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Without any family that writes Japanese the warning says what to install."""
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: ["DejaVu Sans"]))
    monkeypatch.setattr(QFontDatabase, "writingSystems", staticmethod(lambda *args: []))
    assert fonts.japanese_family() == ""
    assert any("fonts-noto-cjk" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")
