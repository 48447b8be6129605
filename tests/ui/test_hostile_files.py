"""The running kiosk with hostile files: nan settings, FIFOs for run-time files, an editor's lock in the content."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.staff.pin import save_pin
from kiosk.visit.flow import Screen
from tests.bounded import within_seconds
from tests.ui.test_staff import FAST, PIN, type_pin

NAN_SETTINGS = "\n".join(
    f"{name} = nan"
    for name in ("staff_hold_seconds", "idle_seconds", "idle_countdown_seconds", "result_timeout_seconds",
                 "pin_lockout_seconds")
)  # fmt: skip


@pytest.mark.allow_warnings
def test_a_settings_file_of_nan_starts_with_defaults_and_tells_staff(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """Every nan from the audit: the kiosk starts, keeps a visit, opens the PIN pad, lists the problems."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text(NAN_SETTINGS + "\n", encoding="utf-8")
    save_pin(config / "pin.json", PIN)
    kiosk = make_kiosk(settings=None)
    assert kiosk.settings == Settings() and len(kiosk.lessons.problems()) == 5
    kiosk.flow.start("ja")
    assert kiosk.flow.state.screen is Screen.SLIDE and not kiosk.idle_prompt.isVisible()
    kiosk.open_staff()
    assert kiosk.staff.pin_pad.digits["1"].isEnabled()
    type_pin(qtbot, kiosk, PIN)
    assert kiosk.staff.menu.isVisible()
    assert "idle_seconds: must be a finite number, not nan" in kiosk.staff.menu.notes.text()


@pytest.mark.allow_warnings
def test_fifos_for_every_run_time_file_never_freeze_the_screen(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """settings.toml, pin.json, lockout.json and visits.sqlite3 as FIFOs: start, PIN pad and statistics answer."""
    config, data = tmp_path / "config", tmp_path / "data"
    config.mkdir()
    data.mkdir()
    for path in (config / "settings.toml", config / "pin.json", data / "lockout.json", data / "visits.sqlite3"):
        os.mkfifo(path)
    with within_seconds(30):
        kiosk = make_kiosk(settings=None)
        kiosk.open_staff()
        type_pin(qtbot, kiosk, PIN)  # the pad is locked (bad lockout state) and the PIN file unusable
        assert not kiosk.staff.menu.isVisible()
        kiosk.staff.close()
        kiosk.flow.start("en")
        kiosk.flow.end_visit("home")
        kiosk.flush_statistics()
        kiosk.staff.show_statistics()
    assert kiosk.settings == Settings()
    assert kiosk.flow.state.screen is Screen.ATTRACT


@pytest.mark.allow_warnings
def test_a_staff_reload_with_an_emacs_lock_present_keeps_running(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], shipped_copy: Path, tmp_path: Path
) -> None:
    """Reload (through the content cache) with .#deck.md present: the content reloads, the menu stays and says so."""
    save_pin(tmp_path / "config" / "pin.json", PIN)
    kiosk = make_kiosk(settings=FAST, content=shipped_copy, cache_dir=tmp_path / "cache")
    kiosk.flow.start("ja")
    kiosk.flow.next()
    (shipped_copy / "ja" / ".#deck.md").symlink_to("nurse@front-desk.4242:1700000000")
    kiosk.open_staff()
    type_pin(qtbot, kiosk, PIN)
    qtbot.mouseClick(kiosk.staff.menu.buttons["reload"], Qt.MouseButton.LeftButton)
    assert kiosk.staff.menu.isVisible()
    assert kiosk.strings.staff_reloaded in kiosk.staff.menu.notes.text()
    ended: list[str] = []
    kiosk.flow.subscribe_end(lambda state, reason: ended.append(reason))
    qtbot.mouseClick(kiosk.staff.menu.buttons["reload"], Qt.MouseButton.LeftButton)
    assert ended == [] and kiosk.staff.menu.isVisible()  # nothing was running: no visit ended "as an error"
