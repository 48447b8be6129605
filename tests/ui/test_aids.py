"""Aids on every screen: larger text, high contrast, read-aloud (Qt's mock speech engine); all reset with the visit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.core.typeset import plain
from kiosk.staff.pin import save_pin
from kiosk.ui.theme.palette import HIGH_CONTRAST, NORMAL
from kiosk.visit.flow import Screen

MOCK_SPEECH = Settings(speech_engine="mock")


def test_large_text_and_high_contrast_relayout_and_reset(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """The toggles enlarge text by 25 % and switch the palette on every page; ending the visit undoes both."""
    kiosk = make_kiosk(settings=Settings())
    window = kiosk.window
    body_before = window.metrics.body
    qtbot.mouseClick(window.aids.large_text, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.aids.contrast, Qt.MouseButton.LeftButton)
    assert window.metrics.body == round(body_before * 1.25)
    assert window.metrics.palette is HIGH_CONTRAST
    qtbot.mouseClick(window.attract.start, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.large_text and kiosk.flow.state.high_contrast
    assert window.slide.body.font().pixelSize() == window.metrics.body
    assert window.aids.large_text.isChecked() and window.aids.contrast.isChecked()
    qtbot.mouseClick(window.slide.nav.home, Qt.MouseButton.LeftButton)
    assert window.metrics.body == body_before and window.metrics.palette is NORMAL
    assert not window.aids.large_text.isChecked()


@pytest.mark.parametrize(("language", "expected"), [("en", True), ("ja", False)])
def test_read_aloud_shown_only_with_a_voice(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], language: str, expected: bool, unnarrated_content: Path
) -> None:
    """The mock engine has English voices and no Japanese one: the speaker button follows (no narration here)."""
    kiosk = make_kiosk(settings=MOCK_SPEECH, language=language, content=unnarrated_content)
    with qtbot.waitSignal(kiosk.speech.ready, timeout=5000):
        pass
    kiosk.flow.start(language)
    assert kiosk.window.aids.read_aloud.isVisible() is expected


def test_read_aloud_speaks_the_screen_and_stops_on_change(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], unnarrated_content: Path
) -> None:
    """It reads the slide it shows (a lesson without narration); moving on or ending the visit stops the voice."""
    kiosk = make_kiosk(settings=MOCK_SPEECH, language="en", content=unnarrated_content)
    with qtbot.waitSignal(kiosk.speech.ready, timeout=5000):
        pass
    kiosk.flow.start("en")
    slide = kiosk.flow.lesson.deck.slides[0]
    assert kiosk.presenter.spoken_text(kiosk.flow.state) == f"{plain(slide.heading)}\n{slide.body_text}"
    qtbot.mouseClick(kiosk.window.aids.read_aloud, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.speech.speaking, timeout=3000)
    qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not kiosk.speech.speaking, timeout=3000)
    qtbot.mouseClick(kiosk.window.aids.read_aloud, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.speech.speaking, timeout=3000)
    kiosk.flow.end_visit("idle")
    qtbot.waitUntil(lambda: not kiosk.speech.speaking, timeout=3000)


def test_spoken_text_of_a_question_includes_answers_and_then_the_explanation(make_kiosk: Callable[..., Kiosk]) -> None:
    """Read-aloud on a question reads the answers in their shown order, and after answering the explanation."""
    kiosk = make_kiosk(settings=Settings())
    flow = kiosk.flow
    flow.start()
    while flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        flow.next()
    question = flow.lesson.questions[0]
    text = kiosk.presenter.spoken_text(flow.state)
    assert text.split("\n")[0] == plain(question.prompt) and plain(question.explanation) not in text
    flow.answer(0)
    assert kiosk.presenter.spoken_text(flow.state).endswith(plain(question.explanation))


def test_staff_screens_keep_normal_text_under_a_visit_with_large_text(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """Large text is the patient's aid: the PIN pad keeps its normal size; high contrast reaches it too."""
    save_pin(tmp_path / "config" / "pin.json", "135790")
    kiosk = make_kiosk()
    kiosk.open_staff()
    pad = kiosk.staff.pin_pad
    plain = pad.title.font().pixelSize()
    qtbot.mouseClick(kiosk.window.attract.start, Qt.MouseButton.LeftButton)
    kiosk.flow.set_aids(large_text=True, high_contrast=True)
    assert kiosk.window.slide.heading.font().pixelSize() > plain  # the visit's own screens grow
    assert pad.title.font().pixelSize() == plain
    assert HIGH_CONTRAST.background.lower() in pad.styleSheet().lower()
    kiosk.flow.set_aids(large_text=False, high_contrast=False)
    assert pad.styleSheet() == ""
