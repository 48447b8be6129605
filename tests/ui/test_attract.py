"""The attract screen: a touch anywhere starts the visit at once, and nothing animates at rest."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QVariantAnimation
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.core.flow import Screen


def test_a_touch_anywhere_starts_the_visit(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A tap on the picture, on the title or on empty page starts the visit on the first slide."""
    attract = kiosk.window.attract
    for widget, point in (
        (attract.illustration, QPoint(5, 5)),
        (attract.title, QPoint(5, 5)),
        (attract, QPoint(20, 400)),
    ):
        kiosk.flow.end_visit("home")
        assert kiosk.flow.state.screen is Screen.ATTRACT
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        assert kiosk.flow.state.screen is Screen.SLIDE, widget


def test_nothing_animates_on_the_attract_screen_at_rest(qtbot: QtBot, kiosk: Kiosk) -> None:
    """No running animation on the attract page (the old touch ring cost 4-6 % of a core at rest)."""
    qtbot.waitExposed(kiosk.window)  # shown and painted: the old ring started after its first paint
    QApplication.processEvents()
    running = [a for a in kiosk.window.attract.findChildren(QVariantAnimation) if a.state() == a.State.Running]
    assert running == []
