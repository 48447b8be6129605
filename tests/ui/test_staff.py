"""Staff access: the hidden corner, the key chord, the PIN pad with its lockout, and the staff menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.core.typeset import plain
from kiosk.staff.pin import save_pin
from kiosk.visit.flow import Screen
from tests.conftest import SHIPPED_CONTENT

PIN = "135790"
FAST = Settings(staff_hold_seconds=0.15, pin_max_attempts=3, pin_lockout_seconds=60)


@pytest.fixture
def staff_kiosk(make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> Kiosk:
    save_pin(tmp_path / "config" / "pin.json", PIN)
    return make_kiosk(settings=FAST, lockdown=True)


def corner(kiosk: Kiosk) -> QPoint:
    return QPoint(kiosk.window.width() - 10, 10)


def type_pin(qtbot: QtBot, kiosk: Kiosk, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(kiosk.staff.pin_pad.digits[digit], Qt.MouseButton.LeftButton)
    if not kiosk.staff.pin_pad.ok.isEnabled():  # a locked pad sends nothing to check
        qtbot.mouseClick(kiosk.staff.pin_pad.ok, Qt.MouseButton.LeftButton)
        return
    with qtbot.waitSignal(kiosk.staff.pin_checked):  # the check runs off the UI thread
        qtbot.mouseClick(kiosk.staff.pin_pad.ok, Qt.MouseButton.LeftButton)


def test_holding_the_corner_opens_the_pin_pad(qtbot: QtBot, staff_kiosk: Kiosk) -> None:
    """A press held on the top-right corner opens the PIN pad, from the attract screen and from a slide."""
    window = staff_kiosk.window
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner(staff_kiosk))
    qtbot.waitUntil(staff_kiosk.staff.pin_pad.isVisible, timeout=3000)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner(staff_kiosk))
    assert not staff_kiosk.staff.menu.isVisible()
    assert staff_kiosk.staff.pin_pad.message.text() == staff_kiosk.strings.staff_pin_hint


def test_a_short_press_or_a_press_elsewhere_does_not(qtbot: QtBot, staff_kiosk: Kiosk) -> None:
    """A quick tap in the corner, or a long press in the middle, never starts the staff hold."""
    window, guard = staff_kiosk.window, staff_kiosk.guard
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner(staff_kiosk))
    assert guard.holding
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner(staff_kiosk))
    assert not guard.holding
    middle = QPoint(window.width() // 2, window.height() // 2)
    QTest.mousePress(staff_kiosk.window.attract, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    assert not guard.holding
    assert not staff_kiosk.staff.pin_pad.isVisible()


def test_key_chord_opens_the_pad_and_the_right_pin_opens_the_menu(qtbot: QtBot, staff_kiosk: Kiosk) -> None:
    """Ctrl+Shift+K opens the pad; the right PIN opens the menu; 'start over' ends the visit."""
    tap = staff_kiosk.window.attract.start
    qtbot.mouseClick(tap, Qt.MouseButton.LeftButton)
    assert staff_kiosk.flow.state.screen is Screen.SLIDE
    QTest.keyClick(
        staff_kiosk.window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert staff_kiosk.staff.pin_pad.isVisible()
    type_pin(qtbot, staff_kiosk, PIN)
    assert staff_kiosk.staff.menu.isVisible() and not staff_kiosk.staff.pin_pad.isVisible()
    qtbot.mouseClick(staff_kiosk.staff.menu.buttons["start_over"], Qt.MouseButton.LeftButton)
    assert not staff_kiosk.staff.menu.isVisible()
    assert staff_kiosk.flow.state.screen is Screen.ATTRACT


@pytest.mark.parametrize(
    "modifiers",
    [
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.ShiftModifier,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    ],
)
def test_only_the_exact_chord_opens_the_pad(staff_kiosk: Kiosk, modifiers: Qt.KeyboardModifier) -> None:
    QTest.keyClick(staff_kiosk.window, Qt.Key.Key_K, modifiers)
    assert not staff_kiosk.staff_open


def test_pin_typed_on_a_desk_keyboard(qtbot: QtBot, staff_kiosk: Kiosk) -> None:
    """Digits and Enter typed on a keyboard work on the pad even in lockdown."""
    staff_kiosk.open_staff()
    QTest.keyClicks(staff_kiosk.staff.pin_pad, PIN)
    with qtbot.waitSignal(staff_kiosk.staff.pin_checked):
        QTest.keyClick(staff_kiosk.staff.pin_pad, Qt.Key.Key_Return)
    assert staff_kiosk.staff.menu.isVisible()


def test_wrong_pins_lock_out_and_the_lockout_survives_a_restart(
    qtbot: QtBot, staff_kiosk: Kiosk, make_kiosk: Callable[..., Kiosk]
) -> None:
    """Three wrong PINs (this test's limit) lock the pad with a countdown; a new kiosk process is still locked."""
    staff_kiosk.open_staff()
    type_pin(qtbot, staff_kiosk, "0000")
    assert staff_kiosk.staff.pin_pad.message.text() == staff_kiosk.strings.staff_pin_wrong.format(left=2)
    type_pin(qtbot, staff_kiosk, "1111")
    for digit in "2222":
        qtbot.mouseClick(staff_kiosk.staff.pin_pad.digits[digit], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(staff_kiosk.staff.pin_checked):
        qtbot.mouseClick(staff_kiosk.staff.pin_pad.ok, Qt.MouseButton.LeftButton)
    assert not staff_kiosk.staff.pin_pad.ok.isEnabled()
    assert "60" in staff_kiosk.staff.pin_pad.message.text() or "59" in staff_kiosk.staff.pin_pad.message.text()
    # Even the right PIN does nothing now.
    with qtbot.waitSignal(staff_kiosk.staff.pin_checked):
        staff_kiosk.staff.try_pin(PIN)
    assert not staff_kiosk.staff.menu.isVisible()
    staff_kiosk.close()
    again = make_kiosk(settings=FAST, lockdown=True)
    again.open_staff()
    assert not again.staff.pin_pad.ok.isEnabled()
    assert again.staff.gate.lockout.locked_for() > 50


@pytest.mark.allow_warnings
def test_no_pin_set_says_so_on_the_pad_and_in_the_log(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], caplog: pytest.LogCaptureFixture
) -> None:
    """Without a PIN the pad explains how to set one, its keys are off, and the log says so."""
    kiosk = make_kiosk(settings=FAST)
    kiosk.open_staff()
    assert kiosk.staff.pin_pad.message.text() == kiosk.strings.staff_pin_not_set
    assert not kiosk.staff.pin_pad.digits["1"].isEnabled()
    assert any("no staff PIN is set" in r.getMessage() for r in caplog.records)


@pytest.mark.allow_warnings
def test_reload_keeps_current_content_when_the_new_one_is_broken(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], shipped_copy: Path, tmp_path: Path
) -> None:
    """A failed reload keeps the lesson running and lists the problems; a good one is taken."""
    save_pin(tmp_path / "config" / "pin.json", PIN)
    kiosk = make_kiosk(settings=FAST, content=shipped_copy)
    kiosk.open_staff()
    type_pin(qtbot, kiosk, PIN)
    deck = shipped_copy / "ja" / "deck.md"
    good = deck.read_text(encoding="utf-8")
    deck.write_text(good.replace("# ストレッチが正解とは限りません", "見出しなし"), encoding="utf-8")
    qtbot.mouseClick(kiosk.staff.menu.buttons["reload"], Qt.MouseButton.LeftButton)
    assert "deck.md" in kiosk.staff.menu.notes.text()
    assert plain(kiosk.flow.lesson.deck.slides[0].heading) == "ストレッチが正解とは限りません"
    deck.write_text(good.replace("# ストレッチが正解とは限りません", "# 新しい見出し"), encoding="utf-8")
    qtbot.mouseClick(kiosk.staff.menu.buttons["reload"], Qt.MouseButton.LeftButton)
    assert plain(kiosk.flow.lesson.deck.slides[0].heading) == "新しい見出し"
    assert kiosk.strings.staff_reloaded in kiosk.staff.menu.notes.text()


def test_default_language_cycles_and_is_saved(qtbot: QtBot, staff_kiosk: Kiosk, tmp_path: Path) -> None:
    """The language button switches the default language and writes it to the settings file."""
    if len(staff_kiosk.flow.library.languages) < 2:
        pytest.skip("one language shipped")
    staff_kiosk.open_staff()
    type_pin(qtbot, staff_kiosk, PIN)
    before = staff_kiosk.flow.default_language
    qtbot.mouseClick(staff_kiosk.staff.menu.buttons["language"], Qt.MouseButton.LeftButton)
    after = staff_kiosk.flow.default_language
    assert after != before
    assert f'default_language = "{after}"' in (tmp_path / "config" / "settings.toml").read_text(encoding="utf-8")
    assert staff_kiosk.flow.lesson.language == after


def test_staff_menu_left_open_closes_itself(qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> None:
    """A staff menu nobody touches closes after the idle time, so a patient never finds it open."""
    save_pin(tmp_path / "config" / "pin.json", PIN)
    kiosk = make_kiosk(settings=Settings(), content=SHIPPED_CONTENT)
    kiosk.open_staff()
    with qtbot.waitSignal(kiosk.staff.pin_checked):  # the check runs off the UI thread, for most of a second
        kiosk.staff.try_pin(PIN)
    assert kiosk.staff.menu.isVisible()
    kiosk.timeouts.settings = Settings(idle_seconds=0.2)  # the clocks read it at each restart
    kiosk.timeouts.touched()
    qtbot.waitUntil(lambda: not kiosk.staff.menu.isVisible(), timeout=3000)
