"""What a patient sees when something fails: a calm 'please ask at the front desk', never paths or the last visit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.staff.pin import save_pin
from kiosk.visit.flow import Screen
from tests.ui.test_staff import PIN, type_pin

QUICK = Settings(staff_hold_seconds=0.15, result_timeout_seconds=0.2)


def _shown_text(kiosk: Kiosk) -> str:
    page = kiosk.window.current_page
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def _break_deck(lesson: Path) -> None:
    deck = lesson / "ja" / "deck.md"
    deck.write_text(deck.read_text(encoding="utf-8").replace("<!-- id:", "<!-- idx:", 1), encoding="utf-8")


@pytest.mark.allow_warnings
def test_content_that_fails_at_start_shows_a_calm_page_and_tells_staff(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], shipped_copy: Path, tmp_path: Path
) -> None:
    """Broken content at start: ja and en 'ask at the front desk', no path or file line; the details in the menu."""
    _break_deck(shipped_copy)
    save_pin(tmp_path / "config" / "pin.json", PIN)
    kiosk = make_kiosk(settings=QUICK, content=shipped_copy)
    assert kiosk.flow is None and kiosk.lessons.problems()
    shown = _shown_text(kiosk)
    assert "受付" in shown and "front desk" in shown
    assert "deck.md" not in shown and str(tmp_path) not in shown and "<!--" not in shown
    kiosk.open_staff()
    type_pin(qtbot, kiosk, PIN)
    assert "deck.md:" in kiosk.staff.menu.notes.text()


@pytest.mark.allow_warnings
def test_an_error_while_showing_the_attract_screen_ends_on_a_clean_page(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The recovery itself fails (the attract screen raises): the calm page replaces the patient's slide."""
    kiosk = make_kiosk(settings=QUICK)
    kiosk.flow.start("ja")
    kiosk.flow.next()
    assert kiosk.window.current_page is kiosk.window.slide

    def broken(*args: object) -> None:
        raise RuntimeError("attract screen failed on purpose")

    monkeypatch.setattr(kiosk.window.attract, "show_attract", broken)
    kiosk.excepthook(RuntimeError, RuntimeError("handler failed"), None)
    assert kiosk.window.current_page is kiosk.window.error
    assert "front desk" in _shown_text(kiosk)
    monkeypatch.undo()  # whatever broke has passed: the kiosk tries the attract screen again by itself
    qtbot.waitUntil(lambda: kiosk.window.current_page is kiosk.window.attract, timeout=5000)
    assert kiosk.flow.state.screen is Screen.ATTRACT


@pytest.mark.allow_warnings
def test_an_error_from_the_attract_screen_itself_ends_on_the_calm_page(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error raised while the attract screen is up (drawing it, say) shows the calm page, not what was there.

    Starting over again would only redraw the page that failed; its old pixels could be the last patient's.
    """
    kiosk = make_kiosk(settings=Settings(result_timeout_seconds=600))
    kiosk.flow.start("ja")
    kiosk.flow.next()
    monkeypatch.setattr(kiosk.window, "show_page", lambda page: None)  # the attract screen never gets drawn
    kiosk.flow.end_visit("home")
    monkeypatch.undo()
    assert kiosk.flow.state.screen is Screen.ATTRACT and kiosk.window.current_page is kiosk.window.slide
    kiosk.excepthook(RuntimeError, RuntimeError("drawing failed"), None)
    assert kiosk.window.current_page is kiosk.window.error
    assert "front desk" in _shown_text(kiosk)
