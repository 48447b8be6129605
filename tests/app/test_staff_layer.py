"""The staff layer alone: built from a window, files, settings and a few callables, it answers through signals."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from kiosk.app.staff_layer import StaffFiles, StaffLayer, VisitSide
from kiosk.config.settings import Settings
from kiosk.content.strings import FALLBACK
from kiosk.core.errors import ContentError
from kiosk.staff.pin import save_pin
from kiosk.stats.store import StatsStore
from kiosk.ui.window import KioskWindow

PIN = "246813"


@pytest.fixture
def window(qtbot: QtBot) -> KioskWindow:
    """A bare window: no content, no flow, no Kiosk."""
    window = KioskWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def _read(path: Path, question: Callable[[StatsStore], object]) -> object:
    """What the wiring's read_statistics does, with a store of the test's own."""
    with StatsStore(path) as store:
        return question(store)


@pytest.fixture
def layer(window: KioskWindow, tmp_path: Path) -> StaffLayer:
    """A staff layer over the bare window, given only its files, settings and a few callables."""
    files = StaffFiles(tmp_path / "pin.json", tmp_path / "lockout.json", tmp_path / "visits.sqlite3")
    save_pin(files.pin, PIN)
    default = ["English"]  # what the wiring would change on next_language_requested
    visit = VisitSide(
        strings=lambda: FALLBACK,
        default_language_name=lambda: default[0],
        lessons=lambda: [],
        read_statistics=functools.partial(_read, files.statistics),
        statistics_notes=lambda: ["a note from the writer"],
        problems=lambda: ["settings.toml:3: bad option"],
    )
    layer = StaffLayer(window, files, Settings(), visit)
    layer.next_language_requested.connect(lambda: default.__setitem__(0, "日本語"))
    return layer


def test_opening_the_pad_and_closing_say_so_through_signals(layer: StaffLayer) -> None:
    """Opening lets typing through and tells the clocks staff are there; closing takes both back."""
    said: list[tuple[str, bool]] = []
    layer.typing_allowed_changed.connect(lambda on: said.append(("typing", on)))
    layer.staff_open_changed.connect(lambda on: said.append(("open", on)))
    layer.open()
    assert said == [("typing", True), ("open", True)]
    assert layer.pin_pad.isVisible()
    layer.close()
    assert said[2:] == [("typing", False), ("open", False)]
    assert not layer.is_open


def test_the_right_pin_opens_the_menu_with_the_settings_problems(qtbot: QtBot, layer: StaffLayer) -> None:
    """A right PIN hides the pad, stops typing and shows the menu listing the settings file's problems."""
    layer.open()
    with qtbot.waitSignal(layer.typing_allowed_changed) as typing:
        layer.try_pin(PIN)
    assert typing.args == [False]
    assert layer.menu.isVisible() and not layer.pin_pad.isVisible()
    assert "settings.toml:3: bad option" in layer.menu.notes.text()
    assert "English" in layer.menu.buttons["language"].text()


@pytest.mark.parametrize(
    ("button", "signal"),
    [("start_over", "start_over_requested"), ("reload", "reload_requested"), ("leave", "leave_requested")],
)
def test_menu_buttons_become_requests_to_the_wiring(qtbot: QtBot, layer: StaffLayer, button: str, signal: str) -> None:
    """Start over, reload and leave are not done here: the layer asks, and the wiring module acts."""
    layer.open()
    with qtbot.waitSignal(layer.pin_checked):
        layer.try_pin(PIN)
    with qtbot.waitSignal(getattr(layer, signal)):
        qtbot.mouseClick(layer.menu.buttons[button], Qt.MouseButton.LeftButton)


def test_next_language_asks_then_shows_the_new_name(qtbot: QtBot, layer: StaffLayer) -> None:
    """The language button asks the wiring for the next default, then reads its name again."""
    layer.open()
    with qtbot.waitSignal(layer.pin_checked):
        layer.try_pin(PIN)
    with qtbot.waitSignal(layer.next_language_requested):
        qtbot.mouseClick(layer.menu.buttons["language"], Qt.MouseButton.LeftButton)
    assert "日本語" in layer.menu.buttons["language"].text()


def test_reload_finished_lists_the_problems(qtbot: QtBot, layer: StaffLayer, tmp_path: Path) -> None:
    """A reload that failed shows each problem on the menu; one that worked says so."""
    layer.open()
    with qtbot.waitSignal(layer.pin_checked):
        layer.try_pin(PIN)
    layer.reload_finished([ContentError(tmp_path / "deck.md", 1, "the deck is empty")])
    assert "deck.md:1: the deck is empty" in layer.menu.notes.text()
    layer.reload_finished([])
    assert FALLBACK.staff_reloaded in layer.menu.notes.text()


def test_statistics_read_the_store_and_the_writers_notes(qtbot: QtBot, layer: StaffLayer) -> None:
    """The statistics screen opens over an empty store and shows what the background writer reported."""
    layer.open()
    with qtbot.waitSignal(layer.pin_checked):
        layer.try_pin(PIN)
    layer.show_statistics()
    assert layer.stats_page.isVisible() and not layer.menu.isVisible()
    assert "a note from the writer" in layer.stats_page.message.text()


def test_the_pin_is_checked_off_the_ui_thread_and_the_pad_says_so(
    qtbot: QtBot, layer: StaffLayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the hash is computed the event loop keeps running, the pad says it is checking and its keys
    rest; then the menu opens (a check on the UI thread froze the screen ~0.5 s a try, 27 s with p=64)."""
    import threading

    release, running = threading.Event(), threading.Event()
    right = layer.gate.try_pin

    def slow_try(attempt: str) -> object:
        running.set()
        assert release.wait(10), "the test never released the check"
        return right(attempt)

    monkeypatch.setattr(layer.gate, "try_pin", slow_try)
    layer.open()
    ticks: list[int] = []
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: ticks.append(1))
    with qtbot.waitSignal(layer.pin_checked, timeout=10_000):
        layer.try_pin(PIN)  # returns at once: the check waits on `release` in its thread
        assert running.wait(5)
        timer.start()
        qtbot.waitUntil(lambda: len(ticks) >= 3)  # the UI thread runs while the check is under way
        assert layer.pin_pad.message.text() == FALLBACK.staff_pin_checking
        assert not layer.pin_pad.digits["1"].isEnabled() and not layer.pin_pad.ok.isEnabled()
        layer.try_pin(PIN)  # a second OK while checking starts nothing
        release.set()
    timer.stop()
    assert layer.menu.isVisible() and not layer.pin_pad.isVisible()


def test_the_menu_says_who_reviewed_each_lesson_or_that_nobody_has(window: KioskWindow, tmp_path: Path) -> None:
    """A lesson with a recorded review shows reviewer and date; one without says no review is recorded."""
    from kiosk.content.loader import load_library
    from kiosk.content.model import Review
    from tests.conftest import SHIPPED_CONTENT

    library, _ = load_library(SHIPPED_CONTENT)
    assert library is not None
    lesson = library.first.translations["ja"]
    reviewed = lesson._replace(review=Review("Test Reviewer", "2026-04-01"))
    files = StaffFiles(tmp_path / "pin.json", tmp_path / "lockout.json", tmp_path / "visits.sqlite3")
    visit = VisitSide(
        strings=lambda: FALLBACK,
        default_language_name=lambda: "日本語",
        lessons=lambda: [("stretching", lesson), ("reviewed", reviewed)],
        read_statistics=functools.partial(_read, files.statistics),
        statistics_notes=list,
    )
    layer = StaffLayer(window, files, Settings(), visit)
    layer.show_menu()
    notes = layer.menu.notes.text()
    assert FALLBACK.not_reviewed.format(lesson="stretching") in notes
    assert FALLBACK.reviewed.format(reviewer="Test Reviewer", date="2026-04-01") in notes
