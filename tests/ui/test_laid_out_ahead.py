"""Pages laid out ahead (kiosk/ui/page_pool.py, kiosk/app/lookahead.py): a tap only switches what is shown, what
is shown is what render draws, and a page prepared for other content, language, text size or window size, or one
that moved on since, is never shown."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import settle
from kiosk.core.endings import EndReason
from kiosk.ui.page_pool import PagePool
from kiosk.ui.window import KioskWindow
from kiosk.visit.flow import Screen

CASES = [((1920, 1080), "ja", False), ((1280, 800), "ja", True), ((1080, 1920), "en", False)]


def read(kiosk: Kiosk) -> None:
    """The patient reads the screen: the idle-time work is done now (and a fade, if any, has ended)."""
    assert kiosk.presenter is not None
    overlay = kiosk.window.overlay
    if overlay.running:
        overlay.animation.setCurrentTime(overlay.animation.totalDuration())
    kiosk.presenter.lookahead.finish()
    settle(QApplication)


def as_array(picture: QImage) -> np.ndarray:
    picture = picture.convertToFormat(QImage.Format.Format_RGB32)
    data = np.array(picture.constBits(), dtype=np.uint8)
    return data.reshape(picture.height(), picture.bytesPerLine()).copy()


def image(kiosk: Kiosk) -> np.ndarray:
    return as_array(kiosk.window.grab().toImage())


def visit_steps(kiosk: Kiosk) -> Iterator[Callable[[], object]]:
    """Forward through every screen of every slide, back three, forward to the quiz, every question answered,
    each way once (a slide whose text flows on takes a step per screen)."""
    flow = kiosk.flow
    assert flow is not None
    while flow.state.slide + 1 < len(flow.lesson.deck.slides) or flow.state.part + 1 < flow.parts_shown():
        yield flow.next
    yield from [flow.back] * 3
    while flow.state.screen is Screen.SLIDE:
        yield flow.next
    for number in range(len(flow.lesson.questions)):
        yield from [lambda number=number: flow.answer(number % 2), flow.next]


@pytest.mark.parametrize(("size", "language", "large"), CASES, ids=lambda case: str(case))
def test_a_page_laid_out_ahead_looks_exactly_as_one_set_up_on_the_tap(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], language: str, large: bool
) -> None:
    """Render = screen: the same visit, with and without pages laid out ahead, gives the same pixels at every step."""
    ahead = make_kiosk(size=size, transitions=False, language=language)
    fresh = make_kiosk(size=size, transitions=False, language=language)
    pictures: list[list[np.ndarray]] = [[], []]
    screens: list[Screen] = []
    for index, kiosk in enumerate((ahead, fresh)):
        assert kiosk.flow is not None
        kiosk.flow.rng = random.Random(32)  # the same order of answers in both
        kiosk.flow.set_aids(large_text=large)
        kiosk.flow.start(language)
        for step in itertools.chain([lambda: None], visit_steps(kiosk)):
            if kiosk is ahead:
                read(kiosk)
            step()
            settle(QApplication)
            pictures[index].append(image(kiosk))
            screens.append(kiosk.flow.state.screen)
    assert ahead.window.slides.hits >= len(ahead.flow.lesson.deck.slides), "few slides came from a page laid out ahead"
    assert ahead.window.questions.hits >= len(ahead.flow.lesson.questions), "no answer came from a page laid out ahead"
    assert fresh.window.slides.hits == fresh.window.questions.hits == 0
    for number, (seen, drawn) in enumerate(zip(*pictures, strict=True)):
        if screens[number] in (Screen.SLIDE, Screen.QUESTION):
            assert np.array_equal(seen, drawn), f"step {number}: laid out ahead, it differs"
        else:  # the result page is never laid out ahead; glyphs over 64 px are drawn as paths, and their
            # antialiasing may differ by some levels with what the font engine drew before (31 of 255 seen on the
            # result's heading, same glyphs in the same place); a moved or changed word differs by far more
            differs = np.abs(seen.astype(int) - drawn.astype(int))
            assert differs.max() <= 64 and np.count_nonzero(differs) < 0.01 * differs.size, f"step {number}"


def test_a_tap_on_a_page_laid_out_ahead_reaches_the_visit(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A spare page, once shown, reports its taps through the first page's signals: Next, Back, answer, Home."""
    assert kiosk.flow is not None
    kiosk.flow.start()
    first = kiosk.window.slide
    read(kiosk)
    qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.slide == 1 and kiosk.window.slide is not first and kiosk.window.slides.hits == 1
    assert kiosk.window.current_page is kiosk.window.slide
    read(kiosk)
    kiosk.window.slide.back_requested.emit()
    assert kiosk.flow.state.slide == 0 and kiosk.window.slides.hits == 2
    while kiosk.flow.state.screen is Screen.SLIDE:
        read(kiosk)
        kiosk.window.slide.next_requested.emit()
    read(kiosk)
    kiosk.window.question.answer_chosen.emit(0)
    assert kiosk.flow.state.answers[0] is not None and kiosk.window.questions.hits >= 2
    assert kiosk.window.question.feedback.isVisible()
    kiosk.window.question.home_requested.emit()
    assert kiosk.flow.state.screen is Screen.ATTRACT


def next_slide_held(kiosk: Kiosk) -> QWidget | None:
    """The page laid out for the next slide, as the presenter would ask for it now."""
    assert kiosk.presenter is not None and kiosk.flow is not None
    state = kiosk.flow.state
    return kiosk.window.slides.holds(kiosk.presenter.slide_args(state._replace(slide=state.slide + 1)))


def test_text_size_window_size_language_and_content_changes_drop_pages_laid_out_ahead(kiosk: Kiosk) -> None:
    """A page laid out for the old text size, window size, language or content is never shown for the new."""
    assert kiosk.flow is not None and kiosk.presenter is not None
    kiosk.flow.start("ja")
    read(kiosk)
    assert next_slide_held(kiosk) is not None
    kiosk.flow.set_aids(large_text=True)
    assert next_slide_held(kiosk) is None, "laid out for normal text, offered for large text"
    read(kiosk)
    assert next_slide_held(kiosk) is not None
    heading = kiosk.window.slide.heading.font().pixelSize()
    kiosk.window.resize(QSize(1280, 800))
    settle(QApplication)
    assert next_slide_held(kiosk) is None, "laid out for 1920x1080, offered at 1280x800"
    kiosk.flow.next()
    assert kiosk.window.slide.heading.font().pixelSize() < heading
    read(kiosk)
    japanese = kiosk.presenter.slide_args(kiosk.flow.state._replace(slide=kiosk.flow.state.slide + 1))
    kiosk.flow.end_visit(EndReason.HOME)
    kiosk.flow.start("en")
    kiosk.flow.next()
    english = kiosk.flow.lesson.deck.slides[kiosk.flow.state.slide]
    assert kiosk.window.slide.heading.text() == english.heading, "a Japanese page laid out ahead shown in English"
    slide, *rest = japanese
    changed = (slide._replace(heading=slide.heading + "!"), *rest)  # the same slide, edited
    assert kiosk.window.slides.holds(changed) is None


def test_a_slide_page_that_moved_to_another_part_is_never_shown_for_its_first(make_kiosk: Callable[..., Kiosk]) -> None:
    """A slide whose text flows on: the page moved to its second screen is not offered for the slide's first."""
    kiosk = make_kiosk(size=(1280, 800), transitions=False)
    assert kiosk.flow is not None and kiosk.presenter is not None
    kiosk.flow.set_aids(large_text=True)
    kiosk.flow.start("ja")
    while kiosk.window.slide.part_count < 2:
        assert kiosk.flow.next() and kiosk.flow.state.screen is Screen.SLIDE, "no slide flows on in this case"
    args = kiosk.presenter.slide_args(kiosk.flow.state)
    assert kiosk.window.slides.holds(args) is kiosk.window.slide
    kiosk.window.slide.show_part(1)
    assert kiosk.window.slides.holds(args) is None
    misses = kiosk.window.slides.misses
    page = kiosk.window.slides.show(args, lambda page: page.show_slide(*args))  # asked for its first screen again
    assert page.part == 0 and kiosk.window.slides.misses == misses + 1, "shown as it was, on its second screen"


def test_the_transition_draws_the_pixels_kept_in_idle_time(
    make_kiosk: Callable[..., Kiosk], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the patient read the screen a tap grabs nothing; a page that changed since is grabbed anew."""
    kiosk = make_kiosk(size=(1280, 800), transitions=True)
    assert kiosk.flow is not None
    drawn: list[QWidget] = []
    snapshot = KioskWindow._snapshot

    def counted(window: KioskWindow, page: QWidget) -> object:
        drawn.append(page)
        return snapshot(window, page)

    monkeypatch.setattr(KioskWindow, "_snapshot", counted)
    kiosk.flow.set_aids(large_text=True)
    kiosk.flow.start("ja")
    drawn.clear()  # the attract page, faded out from pixels grabbed on the tap (its picture loop moves)
    read(kiosk)
    assert kiosk.window.slide in drawn, "the shown page's pixels are kept in idle time"
    assert len(drawn) == 2, "the shown page and the next slide's, drawn once each"
    kiosk.flow.next()
    assert len(drawn) == 2, "the tap grabbed a page it already knew"
    assert kiosk.window.overlay.running and kiosk.window.overlay.drawn_ahead, "the new page is not drawn from pixels"
    while kiosk.window.slide.part_count < 2:
        assert kiosk.flow.next()
    read(kiosk)
    count = len(drawn)
    kiosk.flow.next()  # the slide's second part: the page changed after its pixels were kept
    assert kiosk.flow.state.part == 1 and len(drawn) == count, "another part of the slide: no transition"
    kiosk.flow.next()
    assert len(drawn) == count + 1, "a page that changed since was faded out from its old pixels"


def test_a_pool_shows_a_held_page_only_for_its_key_context_and_state(qtbot: QtBot) -> None:
    """PagePool alone: a hit needs the same key, the same context and an unchanged page; a miss sets up the current."""
    context = ["1920x1080"]
    made: list[QWidget] = []

    def make() -> QWidget:
        made.append(QWidget())
        return made[-1]

    first = make()
    pool: PagePool[QWidget] = PagePool(first, make, lambda: context[0], 3, lambda page: page.property("part"))
    given: list[tuple[QWidget, str]] = []

    def setup(key: str) -> Callable[[QWidget], None]:
        return lambda page: given.append((page, key))

    assert pool.show("a", setup("a")) is first and given == [(first, "a")]
    assert pool.prepare("b", setup("b"), first.geometry())
    spare = made[-1]
    assert spare is not first and pool.holds("b") is spare
    assert not pool.prepare("b", setup("b"), first.geometry()), "laid out twice"
    assert pool.show("b", setup("b")) is spare and given[-1] == (spare, "b") and pool.hits == 1
    context[0] = "1280x800"
    assert pool.holds("a") is None and pool.holds("b") is None
    assert pool.show("a", setup("a")) is spare, "a miss sets up the page shown"
    assert given[-1] == (spare, "a") and pool.misses == 2
    spare.setProperty("part", 1)
    assert pool.holds("a") is None, "a page that moved on is never offered for what it was given"
    assert pool.token() is None


@pytest.mark.parametrize(("size", "language", "large"), CASES, ids=lambda case: str(case))
def test_an_answer_is_shown_from_pixels_drawn_ahead_exactly_as_the_page_paints_it(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], language: str, large: bool
) -> None:
    """The answered question laid out ahead is shown still from its pixels (one blit on the tap); the page under them,
    once they go, paints exactly the same screen, every question answered right and wrong."""
    kiosk = make_kiosk(size=size, transitions=True, language=language)
    flow = kiosk.flow
    assert flow is not None
    flow.set_aids(large_text=large)
    flow.start(language)
    while flow.state.screen is Screen.SLIDE:
        flow.next()
    overlay = kiosk.window.overlay
    for number in range(len(flow.lesson.questions)):
        read(kiosk)
        flow.answer(number % 2)
        assert overlay.holding and not overlay.running, f"question {number}: the answer was not shown from pixels"
        settle(QApplication)
        held = image(kiosk)
        overlay.release()
        settle(QApplication)
        assert not overlay.isVisible()
        assert np.array_equal(held, image(kiosk)), f"question {number}: the pixels drawn ahead differ from the page"
        flow.next()


def test_any_change_after_an_answer_ends_the_held_pixels(kiosk: Kiosk) -> None:
    """An aid touched, the window resized or the next screen: the live page shows, never pixels drawn for another."""
    flow = kiosk.flow
    assert flow is not None
    flow.start()
    while flow.state.screen is Screen.SLIDE:
        flow.next()
    overlay = kiosk.window.overlay
    for change in (
        lambda: flow.set_aids(large_text=True),
        lambda: kiosk.window.resize(1280, 800),
        flow.next,
    ):
        read(kiosk)
        flow.answer(0)
        assert overlay.holding
        change()
        assert not overlay.holding, "pixels of the answered page outlived a change"
        if flow.state.answers[flow.state.question] is not None:
            flow.next()


@pytest.mark.parametrize(("size", "language", "large"), CASES, ids=lambda case: str(case))
def test_home_fades_to_the_attract_screen_drawn_ahead_exactly_as_it_paints(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], language: str, large: bool
) -> None:
    """The attract screen is drawn while the patient reads; Home fades to those pixels, which are the page's own.
    With the aids on (Home turns them off: every page is laid out anew) nothing is drawn ahead."""
    kiosk = make_kiosk(size=size, transitions=True)
    flow = kiosk.flow
    assert flow is not None
    window = kiosk.window
    for visit in range(2):
        flow.set_aids(large_text=large)
        flow.start(language)
        for _ in range(3 + visit):
            flow.next()
        read(kiosk)
        flow.end_visit(EndReason.HOME)
        pixels = window.overlay.incoming
        if large:
            assert pixels is None, "the attract screen was drawn ahead for aids Home turns off"
            read(kiosk)
            continue
        assert pixels is not None and window.overlay.running, "Home did not fade to pixels drawn ahead"
        ahead = pixels.toImage().convertToFormat(QImage.Format.Format_RGB32)
        read(kiosk)
        assert not window.overlay.isVisible()
        live = window.grab(window.attract.geometry()).toImage().convertToFormat(QImage.Format.Format_RGB32)
        assert ahead == live, f"visit {visit}: the attract screen drawn ahead differs from the page"


def test_the_taps_own_frame_shows_the_old_content_whole(make_kiosk: Callable[..., Kiosk]) -> None:
    """The first frame of a fade (drawn on the tap) shows the old content exactly, the new one not yet under it."""
    kiosk = make_kiosk(size=(1280, 800), transitions=True)
    flow = kiosk.flow
    assert flow is not None
    flow.start("ja")
    window = kiosk.window
    for _ in range(3):
        read(kiosk)
        before = image(kiosk)
        flow.next()
        assert window.overlay.running and window.overlay.drawn_ahead
        window.overlay.animation.pause()
        window.overlay.animation.setCurrentTime(0)
        after = image(kiosk)
        window.overlay.animation.resume()
        area = window.overlay.geometry()
        bar = min(rect.top() for rect in window._bar_rects(window.current_page, window))
        content = np.s_[area.top() : bar, area.left() * 4 : (area.right() + 1) * 4]
        assert np.array_equal(before[content], after[content]), "the tap's frame is not the old content"


def masked(pixels: np.ndarray, page: QWidget, window: KioskWindow) -> np.ndarray:
    """The page's pixels with its fixed bars blanked (the transition never paints over them)."""
    pixels = pixels.copy()
    for rect in window._bar_rects(page, page):
        pixels[rect.top() : rect.bottom() + 1, rect.left() * 4 : (rect.right() + 1) * 4] = 0
    return pixels


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_slide_faded_in_from_pixels_drawn_ahead_is_the_page_shown_after(
    make_kiosk: Callable[..., Kiosk], language: str
) -> None:
    """Render = screen through a fade, in portrait: the slide laid out ahead while hidden (what the transition
    paints) is pixel for pixel the page once shown, every slide forward and back (no jump when the fade ends)."""
    kiosk = make_kiosk(size=(1080, 1920), transitions=True, language=language)
    flow = kiosk.flow
    assert flow is not None
    window = kiosk.window
    flow.start(language)
    compared, number, forward = 0, 0, True
    while True:
        state = flow.state
        forward = forward and (state.slide + 1 < len(flow.lesson.deck.slides) or state.part + 1 < flow.parts_shown())
        if not forward and state.slide == 0:  # back at the first slide (on its last screen, if it has more)
            break
        read(kiosk)
        (flow.next if forward else flow.back)()
        number += 1
        assert flow.state.screen is Screen.SLIDE
        if not window.overlay.drawn_ahead:  # another part of the same slide: no fade
            continue
        pixels = window.overlay.incoming
        assert pixels is not None
        ahead = as_array(pixels.toImage())
        read(kiosk)
        page = window.current_page
        assert not window.overlay.isVisible()
        live = as_array(window.grab(QRect(page.mapTo(window, QPoint(0, 0)), page.size())).toImage())
        seen, drawn = masked(ahead, page, window), masked(live, page, window)
        rows = np.flatnonzero((seen != drawn).any(axis=1))
        assert not rows.size, f"step {number}, slide {flow.state.slide}: rows {rows[:1]}-{rows[-1:]} differ"
        compared += 1
    assert compared >= 2 * (len(flow.lesson.deck.slides) - 1), "few slides were faded in from pixels drawn ahead"
