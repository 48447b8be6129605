"""The attract screen's ripple: it waits for its first paint, then loops while visible."""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.touch_hint import TouchHint


def running(hint: TouchHint) -> bool:
    return hint._animation.state() == QAbstractAnimation.State.Running


def test_the_ripple_starts_after_the_first_paint_and_stops_when_hidden(qtbot: QtBot) -> None:
    hint = TouchHint()
    qtbot.addWidget(hint)
    hint.resize(120, 120)
    hint.show()
    assert not running(hint), "the animation must not start before the first frame is painted"
    qtbot.waitUntil(lambda: running(hint))  # painted, then started from the event loop
    phases = set()
    hint._animation.valueChanged.connect(lambda value: phases.add(round(value, 3)))
    qtbot.waitUntil(lambda: len(phases) >= 2)  # it moves
    hint.hide()
    assert not running(hint)
    hint.show()
    assert running(hint), "after the first paint, showing again restarts it at once"
