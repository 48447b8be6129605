"""Transitions move only the content: the aids bar and the nav bars stay still and crisp mid-transition."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import settle
from kiosk.visit.flow import Screen

SIZES = [(1920, 1080), (1080, 1920)]


def window_rect(widget: QWidget, kiosk: Kiosk) -> QRect:
    return QRect(widget.mapTo(kiosk.window, QPoint(0, 0)), widget.size())


def pixels(image: QImage, rect: QRect) -> np.ndarray:
    """The RGB pixels of `rect` (window coordinates at device pixel ratio 1)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    whole = np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    whole = whole[:, : image.width() * 4].reshape(image.height(), image.width(), 4)
    return whole[rect.top() : rect.bottom() + 1, rect.left() : rect.right() + 1, :3].copy()


def finish(kiosk: Kiosk) -> None:
    """End any running transition as if its time had passed, and let the layout settle."""
    animation = kiosk.window.overlay.animation
    if animation.state() != animation.State.Stopped:
        animation.setCurrentTime(animation.totalDuration())
    settle(QApplication)


def mid_transition(kiosk: Kiosk, step: Callable[[], object]) -> tuple[QImage, QImage]:
    """Take `step` with transitions on; the window grabbed at the animation's middle and after its end."""
    step()
    overlay = kiosk.window.overlay
    assert overlay.running, "the step started no transition"
    overlay.animation.pause()
    overlay.animation.setCurrentTime(overlay.animation.duration() // 2)
    settle(QApplication)
    middle = kiosk.window.grab().toImage()
    finish(kiosk)
    assert not overlay.running
    return middle, kiosk.window.grab().toImage()


def chrome(kiosk: Kiosk, bar: QWidget) -> dict[str, QRect]:
    return {"aids": window_rect(kiosk.window.aids, kiosk), "bar": window_rect(bar, kiosk)}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("going", ["next", "back"])
def test_slide_change_moves_only_the_content(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], going: str
) -> None:
    """Mid-way through a slide change the aids bar and nav bar are where and as they are before and after."""
    kiosk = make_kiosk(size=size)
    flow, window = kiosk.flow, kiosk.window
    flow.start()
    flow.next()
    flow.next()
    finish(kiosk)
    nav = window.slide.nav
    before_rects = chrome(kiosk, nav)
    before = window.grab().toImage()
    middle, after = mid_transition(kiosk, flow.next if going == "next" else flow.back)
    assert chrome(kiosk, nav) == before_rects, "the bars moved"
    aids, bar = before_rects["aids"], before_rects["bar"]
    assert np.array_equal(pixels(middle, aids), pixels(before, aids)), "the aids bar changed mid-transition"
    assert np.array_equal(pixels(after, aids), pixels(before, aids))
    band = QRect(0, bar.top(), window.width(), bar.height())  # the bar's row, margins included: nothing slides in
    assert np.array_equal(pixels(middle, band), pixels(after, band)), "the nav bar ghosts mid-transition"
    for button in (nav.home, nav.back, nav.next):  # same labels on both slides: not touched at all
        rect = window_rect(button, kiosk)
        assert np.array_equal(pixels(middle, rect), pixels(before, rect)), f"{button.text()} changed"
    content = QRect(0, aids.bottom() + 1, window.width(), bar.top() - aids.bottom() - 1)
    assert not np.array_equal(pixels(middle, content), pixels(after, content)), "the content did not move"


def test_slide_to_question_keeps_the_aids_bar_and_shows_the_quiz_bar_at_once(make_kiosk: Callable[..., Kiosk]) -> None:
    """From the last slide to the first question: the aids bar is untouched, the quiz bar crisp mid-fade."""
    kiosk = make_kiosk()
    flow, window = kiosk.flow, kiosk.window
    flow.start()
    while flow.state.slide + 1 < len(flow.lesson.deck.slides):
        flow.next()
    finish(kiosk)
    aids = window_rect(window.aids, kiosk)
    before = window.grab().toImage()
    middle, after = mid_transition(kiosk, flow.next)
    assert window.current_page is window.question
    assert window_rect(window.aids, kiosk) == aids
    assert np.array_equal(pixels(middle, aids), pixels(before, aids)), "the aids bar changed mid-transition"
    bar = window_rect(window.question.bar, kiosk)
    assert np.array_equal(pixels(middle, bar), pixels(after, bar)), "the quiz bar is faded over"
    nav = window_rect(window.slide.nav, kiosk)
    assert not np.array_equal(pixels(middle, nav), pixels(before, nav)), "the slides' nav bar ghosts"


def test_question_to_question_keeps_the_quiz_bar_still(make_kiosk: Callable[..., Kiosk]) -> None:
    """Next from an answered question: the quiz bar (Home, counter) never fades; the question does."""
    kiosk = make_kiosk(size=(1366, 768))
    flow, window = kiosk.flow, kiosk.window
    flow.start()
    while flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        flow.next()
    flow.answer(0)
    finish(kiosk)
    bar = window_rect(window.question.bar, kiosk)
    home = window_rect(window.question.home, kiosk)
    before = window.grab().toImage()
    middle, after = mid_transition(kiosk, flow.next)
    assert window_rect(window.question.bar, kiosk) == bar
    assert np.array_equal(pixels(middle, bar), pixels(after, bar)), "the quiz bar ghosts mid-transition"
    assert np.array_equal(pixels(middle, home), pixels(before, home))
    prompt = window_rect(window.question.prompt, kiosk)
    assert not np.array_equal(pixels(middle, prompt), pixels(after, prompt)), "the question did not fade in"
