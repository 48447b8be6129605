"""Idle reset: the prompt, Continue, the countdown running out, the result timeout, the attract screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.visit.flow import Screen, VisitState

FAST = Settings(idle_seconds=0.15, idle_countdown_seconds=0.4, result_timeout_seconds=0.2)


def to_quiz(qtbot: QtBot, kiosk: Kiosk, language: str = "") -> None:
    kiosk.flow.start(language or None)
    while kiosk.flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        kiosk.flow.next()
    qtbot.mouseClick(kiosk.window.question.answers[0], Qt.MouseButton.LeftButton)


def test_prompt_appears_and_continue_keeps_the_visit(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """After the idle time the prompt shows a countdown; Continue hides it and the visit is as it was."""
    kiosk = make_kiosk(settings=FAST)
    to_quiz(qtbot, kiosk)
    before = kiosk.flow.state
    with qtbot.waitSignal(kiosk.timeouts.prompt, timeout=3000):
        pass
    assert kiosk.idle_prompt.isVisible()
    assert kiosk.idle_prompt.seconds.text() == kiosk.strings.countdown.format(seconds=1)
    qtbot.mouseClick(kiosk.idle_prompt.keep, Qt.MouseButton.LeftButton)
    assert not kiosk.idle_prompt.isVisible()
    assert kiosk.flow.state == before


def test_any_touch_on_the_prompt_keeps_the_visit(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """A touch anywhere on the prompt, not only on the button, keeps the visit."""
    kiosk = make_kiosk(settings=FAST)
    kiosk.flow.start()
    with qtbot.waitSignal(kiosk.timeouts.prompt, timeout=3000):
        pass
    qtbot.mouseClick(kiosk.idle_prompt.question, Qt.MouseButton.LeftButton)
    assert not kiosk.idle_prompt.isVisible()
    assert kiosk.flow.state.screen is Screen.SLIDE


def test_countdown_runs_out_and_the_visit_leaves_no_trace(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """When the countdown ends: attract screen, no answers, no position, default language, no prompt."""
    kiosk = make_kiosk(settings=FAST)
    other = next((code for code in kiosk.flow.library.languages if code != "ja"), "ja")
    to_quiz(qtbot, kiosk, other)
    assert kiosk.window.question.feedback.isVisible()
    with qtbot.waitSignal(kiosk.timeouts.expired, timeout=5000) as blocker:
        pass
    assert blocker.args == ["idle"]
    assert kiosk.flow.state == VisitState()
    assert kiosk.window.current_page is kiosk.window.attract
    assert not kiosk.idle_prompt.isVisible()
    assert kiosk.flow.lesson.language == "ja"
    # The next visit starts clean: no answer shown on the first question.
    to_quiz(qtbot, kiosk)
    assert kiosk.flow.state.answers[1:] == (None,) * (len(kiosk.flow.state.answers) - 1)


def test_result_screen_times_out_and_attract_never_does(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """The result screen returns to the start by itself; on the attract screen no clock runs."""
    kiosk = make_kiosk(settings=FAST)
    kiosk.flow.start()
    while kiosk.flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        kiosk.flow.next()
    for _ in kiosk.flow.lesson.questions:
        kiosk.flow.answer(0)
        kiosk.flow.next()
    assert kiosk.flow.state.screen is Screen.RESULT
    with qtbot.waitSignal(kiosk.timeouts.expired, timeout=3000) as blocker:
        pass
    assert blocker.args == ["result timeout"]
    assert kiosk.flow.state.screen is Screen.ATTRACT
    assert kiosk.timeouts.ms_left() == -1


def test_touches_restart_the_idle_clock(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """Each touch restarts the idle time, so a reading patient is never interrupted."""
    kiosk = make_kiosk(settings=Settings(idle_seconds=30))
    kiosk.flow.start()
    assert 29_000 < kiosk.timeouts.ms_left() <= 30_000
    qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    assert kiosk.timeouts.ms_left() > 29_000


def test_aids_chosen_at_attract_are_off_after_the_idle_time(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """Large text and high contrast switched on at the attract screen go off by themselves if nobody starts."""
    kiosk = make_kiosk(settings=FAST)
    qtbot.mouseClick(kiosk.window.aids.large_text, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.aids.contrast, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.large_text and kiosk.flow.state.high_contrast
    with qtbot.waitSignal(kiosk.timeouts.expired, timeout=3000) as blocker:
        pass
    assert blocker.args == ["attract idle"]
    assert kiosk.flow.state == VisitState()
    assert not kiosk.window.large_text and not kiosk.window.high_contrast
    assert not kiosk.window.aids.large_text.isChecked() and not kiosk.idle_prompt.isVisible()


def test_aids_chosen_at_attract_are_off_after_the_visit(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """Aids chosen at attract carry into the visit and are off once it has ended (Home)."""
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.window.aids.large_text, Qt.MouseButton.LeftButton)
    kiosk.flow.start()
    assert kiosk.window.large_text
    qtbot.mouseClick(kiosk.window.slide.nav.home, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state == VisitState() and not kiosk.window.large_text
    assert not kiosk.window.aids.large_text.isChecked()


def test_the_attract_screen_without_aids_never_times_out(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """With no aid on, the attract screen starts no idle clock at all."""
    kiosk = make_kiosk(settings=FAST)
    assert kiosk.timeouts.ms_left() == -1
