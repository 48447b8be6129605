"""The window builds only the first screen at start-up; every other page on first use or in idle time."""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.core.flow import Screen


def test_start_up_builds_the_attract_screen_only(kiosk: Kiosk) -> None:
    assert kiosk.window.current_page is kiosk.window.attract
    assert kiosk.window.built_pages == {}, "pages the first screen does not show wait until needed"


def test_the_first_touch_builds_and_wires_the_slide_page(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.mouseClick(kiosk.window.attract.start, Qt.MouseButton.LeftButton)
    assert set(kiosk.window.built_pages) == {"slide"}
    qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.slide == 1, "the page built on demand is connected to the visit"


def test_pages_built_in_idle_time_are_wired_too(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk()
    kiosk.window.build_all()  # what the warm-up timer does after start-up
    assert set(kiosk.window.built_pages) == {"slide", "question", "result"}
    qtbot.mouseClick(kiosk.window.attract.start, Qt.MouseButton.LeftButton)
    for _ in kiosk.flow.lesson.deck.slides:
        qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.screen is Screen.QUESTION
    qtbot.mouseClick(kiosk.window.question.home, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.screen is Screen.ATTRACT


def test_the_warm_up_timer_builds_the_other_pages(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.waitUntil(lambda: set(kiosk.window.built_pages) == {"slide", "question", "result"}, timeout=5000)


def test_the_warm_up_turns_the_collector_back_on_and_freezes_start_up(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    """main.py starts with the collector off; the warm-up turns it on and freezes what start-up made."""
    gc.disable()
    try:
        kiosk = make_kiosk()
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=5000)  # the warm-up timer
        assert gc.get_freeze_count() > 1000
    finally:
        gc.enable()
        gc.unfreeze()
    assert set(kiosk.window.built_pages) == {"slide", "question", "result"}


def test_a_kiosk_started_with_the_collector_on_leaves_it_alone(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.waitUntil(lambda: set(kiosk.window.built_pages) == {"slide", "question", "result"}, timeout=5000)
    assert gc.isenabled() and gc.get_freeze_count() == 0
