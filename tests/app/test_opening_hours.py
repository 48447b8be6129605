"""Outside opening hours the attract screen is held still; when the clinic opens, it moves again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.opening_hours import OpeningHoursClock
from kiosk.config.settings import Settings
from kiosk.core.hours import parse_hours

MONDAY_NIGHT = datetime(2026, 12, 7, 22, 0)
MONDAY_MORNING = datetime(2026, 12, 7, 9, 0)


def test_the_clock_says_when_the_clinic_opens_and_closes(qtbot: QtBot) -> None:
    """open_changed(True) at opening, (False) at closing, nothing while the state stays."""
    now = [MONDAY_NIGHT]
    clock = OpeningHoursClock(parse_hours("mon-fri 09:00-18:00"), now=lambda: now[0])
    assert not clock.is_open
    seen: list[bool] = []
    clock.open_changed.connect(seen.append)
    clock.check()
    now[0] = MONDAY_MORNING
    clock.check()
    clock.check()
    now[0] = MONDAY_MORNING.replace(hour=18)
    clock.check()
    assert seen == [True, False]


def test_outside_opening_hours_the_attract_loop_is_held_and_resumes_when_open(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    """Closed: the loop's timer stops (nothing moves all night). Open again: it runs."""
    kiosk = make_kiosk(settings=Settings(opening_hours="00:00-00:01"), transitions=False)
    kiosk.warm_up()  # what the kiosk does 1.5 s after the first paint
    clock = kiosk.opening_hours
    assert clock is not None
    clock.now = lambda: MONDAY_NIGHT  # closed
    clock.is_open = True
    clock.check()
    assert kiosk.attract_loop.held and not kiosk.attract_loop.running
    clock.now = lambda: MONDAY_NIGHT.replace(hour=0, minute=0)
    clock.check()
    assert not kiosk.attract_loop.held and kiosk.attract_loop.running


def test_without_opening_hours_nothing_is_held(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """The default (always open) makes no clock and never holds the loop."""
    kiosk = make_kiosk(transitions=False)
    kiosk.warm_up()
    assert kiosk.opening_hours is None and kiosk.attract_loop.running
