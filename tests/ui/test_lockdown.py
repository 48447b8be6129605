"""Lockdown: nothing a patient does leaves the kiosk or opens anything else."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.visit.flow import Screen

Mod = Qt.KeyboardModifier
ESCAPES = [
    (Qt.Key.Key_Escape, Mod.NoModifier),
    (Qt.Key.Key_F4, Mod.AltModifier),
    (Qt.Key.Key_W, Mod.ControlModifier),
    (Qt.Key.Key_Q, Mod.ControlModifier),
    (Qt.Key.Key_N, Mod.ControlModifier),
    (Qt.Key.Key_P, Mod.ControlModifier),
    (Qt.Key.Key_Tab, Mod.AltModifier),
    (Qt.Key.Key_Backspace, Mod.NoModifier),
    (Qt.Key.Key_Left, Mod.NoModifier),
    (Qt.Key.Key_Space, Mod.NoModifier),
    *[(getattr(Qt.Key, f"Key_F{n}"), Mod.NoModifier) for n in range(1, 13)],
]


@pytest.fixture
def locked(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    kiosk = make_kiosk(settings=Settings(), lockdown=True)
    kiosk.flow.start()
    kiosk.flow.next()
    return kiosk


@pytest.mark.parametrize(("key", "modifiers"), ESCAPES, ids=lambda v: getattr(v, "name", str(v)))
def test_escape_keys_do_nothing(qtbot: QtBot, locked: Kiosk, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """Each escape key leaves the visit, the window and the screen exactly as they were."""
    before = locked.flow.state
    QTest.keyClick(locked.window, key, modifiers)
    QTest.keyClick(locked.window.slide.nav.next, key, modifiers)
    assert locked.flow.state == before
    assert locked.window.isVisible()
    assert not locked.staff_open  # the staff layer was not even built, or is closed


def test_closing_the_window_does_nothing(locked: Kiosk) -> None:
    """A close request (Alt+F4 from a window manager) is refused in lockdown."""
    assert not locked.window.close()
    assert locked.window.isVisible()


def test_no_context_menu_on_right_click_or_long_press(qtbot: QtBot, locked: Kiosk) -> None:
    """Context-menu events never reach a widget; a right click changes nothing."""
    reached: list[bool] = []

    class Probe(QLabel):
        def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
            reached.append(True)

    probe = Probe("x", locked.window.slide)
    probe.show()
    QApplication.sendEvent(
        probe, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(1, 1), probe.mapToGlobal(QPoint(1, 1)))
    )
    before = locked.flow.state
    QTest.mouseClick(locked.window.slide, Qt.MouseButton.RightButton)
    assert reached == [] and locked.flow.state == before


def test_no_text_selection_and_no_links(locked: Kiosk) -> None:
    """Every label in every page refuses selection and link opening."""
    for label in locked.window.findChildren(QLabel):
        assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction, label.objectName()
        assert not label.openExternalLinks()


def test_windowed_development_run_is_not_locked(make_kiosk: Callable[..., Kiosk]) -> None:
    """`--windowed` without --lockdown keeps an ordinary, closable window for developers."""
    kiosk = make_kiosk(settings=Settings())
    assert kiosk.window.closable and not kiosk.guard.lockdown


@pytest.mark.qt_no_exception_capture
@pytest.mark.allow_warnings
def test_an_exception_in_a_handler_returns_to_attract(
    qtbot: QtBot, locked: Kiosk, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A handler that raises is logged with its traceback and the kiosk starts over instead of dying."""
    monkeypatch.setattr(sys, "excepthook", locked.excepthook)

    def broken(*args: object) -> None:
        raise RuntimeError("handler failed on purpose")

    locked.window.slide.next_requested.connect(broken)
    qtbot.mouseClick(locked.window.slide.nav.next, Qt.MouseButton.LeftButton)
    assert locked.flow.state.screen is Screen.ATTRACT
    logged = [r for r in caplog.records if r.name == "kiosk.app" and r.levelname == "CRITICAL"]
    assert logged and "handler failed on purpose" in logged[0].getMessage()
    assert "Traceback" in logged[0].getMessage()
