"""Every screen is counted wherever a screen is chosen: the idle clock, the presenter (through the render walk),
and the desk status. A new Screen member, or one dropped from a clock, fails here (and mypy's assert_never)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.render import Aids, render_kiosk, visit_screens
from kiosk.app.timeouts import Clock, Timeouts, clock_for
from kiosk.config.options import Options
from kiosk.config.settings import Settings
from kiosk.core.endings import EndReason
from kiosk.remote.status import ContentInfo, desk_status
from kiosk.visit.flow import Screen, VisitState
from tests.conftest import SHIPPED_CONTENT
from tests.visit.test_flow import lesson

# What each screen must do when nobody touches it. A patient who walks away from any screen of a visit is
# prompted, then forgotten; the result goes back by itself; the attract screen forgets only chosen aids.
EXPECTED_CLOCK = {
    Screen.ATTRACT: Clock.AIDS_ONLY,
    Screen.SLIDE: Clock.IDLE,
    Screen.QUESTION: Clock.IDLE,
    Screen.REVIEW: Clock.IDLE,  # a slide opened from the quiz: the answers are on it, so it must time out
    Screen.RESULT: Clock.RESULT,
}
QUICK = Settings(idle_seconds=0.05, idle_countdown_seconds=0.05, result_timeout_seconds=0.05)


def test_the_clock_table_names_every_screen() -> None:
    """The table above is complete: a screen added to Screen must be given a clock here too."""
    assert set(EXPECTED_CLOCK) == set(Screen)


@pytest.mark.parametrize("screen", list(Screen))
def test_each_screen_runs_its_clock(screen: Screen) -> None:
    """clock_for gives each screen the clock the table says."""
    assert clock_for(screen) is EXPECTED_CLOCK[screen]


@pytest.mark.parametrize("screen", [s for s in Screen if EXPECTED_CLOCK[s] is Clock.IDLE])
def test_walking_away_from_a_visit_screen_prompts_then_forgets(qtbot: QtBot, screen: Screen) -> None:
    """On every screen of a visit (the reviewed slide too), no touch brings the prompt, then the visit expires."""
    timeouts = Timeouts(QUICK)
    with qtbot.waitSignal(timeouts.prompt, timeout=5000):
        timeouts.set_screen(screen)
    with qtbot.waitSignal(timeouts.expired, timeout=5000) as expired:
        pass
    assert expired.args == [EndReason.IDLE]


def test_the_result_screen_goes_back_by_itself(qtbot: QtBot) -> None:
    """The result screen expires without a prompt."""
    timeouts = Timeouts(QUICK)
    with qtbot.waitSignal(timeouts.expired, timeout=5000) as expired:
        timeouts.set_screen(Screen.RESULT)
    assert expired.args == [EndReason.RESULT_TIMEOUT]


def test_the_render_walk_shows_every_screen(qtbot: QtBot) -> None:
    """render (and so the presenter) draws every screen of the visit at least once."""
    seen: set[Screen] = set()
    with render_kiosk(Options(content=SHIPPED_CONTENT, size=(1280, 800), language="ja")) as kiosk:
        for _ in visit_screens(kiosk, Aids()):
            if kiosk.flow is not None:
                seen.add(kiosk.flow.state.screen)
    assert seen == set(Screen)


@pytest.mark.parametrize("screen", list(Screen))
def test_the_desk_status_names_every_screen(screen: Screen) -> None:
    """The desk status answers for each screen, says whether a visit is on, and gives a position only within one."""
    translation = lesson()
    status = desk_status(VisitState(screen=screen), translation, 0, 0, ContentInfo(0.0, ()))
    assert status["screen"] == screen.value
    assert status["in_visit"] is (screen is not Screen.ATTRACT)
    assert (status["position"] > 0) is (screen in {Screen.SLIDE, Screen.QUESTION, Screen.REVIEW})


def test_the_presenter_shows_each_screens_own_page(qtbot: QtBot) -> None:
    """Through the render walk, every screen of a visit puts its own page in front (a reviewed slide: the slide
    page), even were the presenter's match to lose a screen and its assert_never."""
    shown: dict[Screen, set[str]] = {screen: set() for screen in Screen}
    with render_kiosk(Options(content=SHIPPED_CONTENT, size=(1280, 800), language="ja")) as kiosk:
        window = kiosk.window
        for _ in visit_screens(kiosk, Aids()):
            flow = kiosk.flow
            if flow is None or flow.state.screen is Screen.ATTRACT:
                continue
            expected = {
                Screen.SLIDE: window.slides.current,
                Screen.REVIEW: window.slides.current,
                Screen.QUESTION: window.questions.current,
                Screen.RESULT: window.result,
            }[flow.state.screen]
            assert window.current_page is expected, flow.state.screen
            shown[flow.state.screen].add(type(expected).__name__)
    assert all(shown[screen] for screen in Screen if screen is not Screen.ATTRACT)


@pytest.mark.parametrize("screen", list(Screen))
def test_staff_who_walk_away_from_the_menu_have_it_closed_without_a_prompt(qtbot: QtBot, screen: Screen) -> None:
    """With the staff menu open, no touch closes it (STAFF_IDLE) on every screen: never a prompt patients answer."""
    timeouts = Timeouts(QUICK)
    timeouts.set_staff_open(True)
    with qtbot.assertNotEmitted(timeouts.prompt), qtbot.waitSignal(timeouts.expired, timeout=5000) as expired:
        timeouts.set_screen(screen)
    assert expired.args == [EndReason.STAFF_IDLE]


def test_aids_chosen_on_the_attract_screen_are_forgotten_quietly(qtbot: QtBot) -> None:
    """Nobody started after choosing an aid: it is forgotten (ATTRACT_IDLE) without an "Are you still there?"."""
    timeouts = Timeouts(QUICK)
    with qtbot.assertNotEmitted(timeouts.prompt), qtbot.waitSignal(timeouts.expired, timeout=5000) as expired:
        timeouts.set_screen(Screen.ATTRACT, aids_on=True)
    assert expired.args == [EndReason.ATTRACT_IDLE]
