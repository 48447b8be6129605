"""Staff screens say what they mean: the no-PIN pad, OK's state, spaced dots, leave vs close, thin shares."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.staff.pin import save_pin
from kiosk.stats.view import FEWEST_FOR_SHARE, QuestionLine, StatsView
from kiosk.ui.input_guard import corner_side

SIZES = [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)]


def middle_colour(button: QPushButton) -> QColor:
    """The fill of a button, sampled left of its text."""
    image = button.grab().toImage()
    return image.pixelColor(button.width() // 12, button.height() // 2)


def test_the_no_pin_message_tells_front_desk_staff_what_to_do(make_kiosk: Callable[..., Kiosk]) -> None:
    """Without a PIN the pad asks staff to have one set, in words for the desk (no README, no command)."""
    for language in ("ja", "en"):
        text = make_kiosk(language=language).flow.library.first.translations[language].strings.staff_pin_not_set
        assert "README" not in text and "set-pin" not in text


def test_ok_is_off_and_looks_off_until_a_digit_is_typed(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """OK is disabled on an empty pad and drawn unlike the enabled OK; dots are spaced to be counted."""
    save_pin(tmp_path / "config" / "pin.json", "135790")
    kiosk = make_kiosk()
    kiosk.open_staff()
    pad = kiosk.staff.pin_pad
    assert not pad.ok.isEnabled()
    off = middle_colour(pad.ok)
    for digit in "135":
        qtbot.mouseClick(pad.digits[digit], Qt.MouseButton.LeftButton)
    assert pad.ok.isEnabled()
    assert middle_colour(pad.ok) != off
    assert pad.entered.text() == "● ● ●"


def test_leave_the_kiosk_looks_unlike_close_the_menu(make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> None:
    """The button that quits the program has its own look, not the one of the button that closes the menu."""
    save_pin(tmp_path / "config" / "pin.json", "135790")
    kiosk = make_kiosk()
    kiosk.open_staff()
    kiosk.staff.pin_pad.pin_submitted.emit("135790")
    kiosk.staff.pin_check.wait()
    QApplication.processEvents()
    menu = kiosk.staff.menu
    leave, close = menu.buttons["leave"], menu.buttons["close"]
    assert leave.objectName() != close.objectName()
    text_colour = [leave.grab().toImage().pixelColor(x, leave.height() // 2) for x in range(leave.width())]
    close_colour = [close.grab().toImage().pixelColor(x, close.height() // 2) for x in range(close.width())]
    assert {c.name() for c in text_colour} != {c.name() for c in close_colour}


def test_shares_on_too_few_answers_are_flagged() -> None:
    """A share is firm from 10 answers (or visits) on; below that the view says it is not enough."""
    assert not QuestionLine("q", 1.0, FEWEST_FOR_SHARE - 1).enough
    assert QuestionLine("q", 1.0, FEWEST_FOR_SHARE).enough
    assert not StatsView((), 1, 1.0, 1.0, ()).enough
    assert StatsView((), 10, 1.0, 1.0, ()).enough


def test_a_thin_share_is_shown_as_too_few(make_kiosk: Callable[..., Kiosk]) -> None:
    """The statistics screen shows "too few" instead of the percentage for a question answered 3 times."""
    kiosk = make_kiosk()
    strings = kiosk.strings
    page = kiosk.staff.stats_page
    view = StatsView(((date.today(), 3),), 30, 0.5, 0.5, (QuestionLine("a", 1.0, 3), QuestionLine("b", 0.5, 40)))
    page.show_stats(view, strings)
    assert page.question_shares[0].text() == strings.stats_too_few.format(answered=3)
    assert page.question_shares[1].text() == strings.stats_question_line.format(share=50, answered=40)
    assert page.question_bars[0].tentative and not page.question_bars[1].tentative
    assert page.finished.text() == strings.stats_finished.format(share=50)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_aids_bar_ends_at_the_content_edge_and_clear_of_the_corner(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int]
) -> None:
    """The last aid button ends where the page's content ends, and never reaches into the staff corner."""
    kiosk = make_kiosk(size=size, settings=Settings())
    window = kiosk.window
    kiosk.flow.start()
    QApplication.processEvents()
    last = window.aids.contrast
    right = last.mapTo(window, QPoint(last.width(), 0)).x()
    margins = window.slide.layout().contentsMargins()
    assert abs(right - (window.width() - margins.right())) <= 2
    nav_next = window.slide.nav.next  # the nav bar ends at the same edge (it overflowed in portrait)
    assert abs(nav_next.mapTo(window, QPoint(nav_next.width(), 0)).x() - right) <= 2
    side = corner_side(min(size))
    corner = QRect(window.width() - side, 0, side, side)
    assert not QRect(last.mapTo(window, QPoint(0, 0)), last.size()).intersects(corner)
