"""What `kiosk render` draws is what the live window shows: the same pixels on several screens."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import render_all
from kiosk.config.options import Options


def _same(live: QImage, rendered: QImage) -> float:
    """The share of pixels that differ (0.0: identical)."""
    live = live.convertToFormat(QImage.Format.Format_RGB32)
    rendered = rendered.convertToFormat(QImage.Format.Format_RGB32)
    assert live.size() == rendered.size()
    differ = sum(
        1
        for y in range(0, live.height(), 2)
        for x in range(0, live.width(), 2)
        if live.pixel(x, y) != rendered.pixel(x, y)
    )
    return differ / ((live.width() // 2) * (live.height() // 2))


@pytest.mark.parametrize(
    ("size", "language"), [((1920, 1080), "ja"), ((1080, 1920), "en")], ids=["landscape-ja", "portrait-en"]
)
def test_render_draws_what_the_live_window_shows(
    make_kiosk: Callable[..., Kiosk],
    qtbot: QtBot,
    tmp_path: Path,
    shipped_copy: Path,
    size: tuple[int, int],
    language: str,
) -> None:
    """Slides 1, 2 and the last and the first question: render and live window agree pixel for pixel."""
    for deck in shipped_copy.glob("*/deck.md"):  # answers in file order, so both show the same order
        deck.write_text(
            deck.read_text(encoding="utf-8").replace("shuffle_answers: yes", "shuffle_answers: no"), encoding="utf-8"
        )
    out = tmp_path / "renders"
    render_all(Options(content=shipped_copy, language=language, size=size), out)
    rendered = {re.sub(r"^\d+-", "", path.stem): path for path in out.glob("*.png")}
    kiosk = make_kiosk(size=size, content=shipped_copy, language=language, transitions=False)
    window = kiosk.window
    # As on a kiosk: the other pages are built in idle time after start-up, before the first touch.
    qtbot.waitUntil(lambda: {"slide", "question", "result"} <= set(window.built_pages), timeout=10000)
    assert kiosk.flow is not None
    assert not kiosk.flow.lesson.deck.shuffle_answers, kiosk.content_root
    slides = kiosk.flow.lesson.deck.slides

    def compare(stem: str) -> None:
        qtbot.wait(1)  # let posted layout passes run, as render's settle does
        shown = window.grab().toImage()
        assert _same(shown, QImage(str(rendered[stem]))) == 0.0, stem

    qtbot.mouseClick(window.attract.start, Qt.MouseButton.LeftButton)
    compare(f"slide-01-{slides[0].id}")
    qtbot.mouseClick(window.slide.nav.next, Qt.MouseButton.LeftButton)
    compare(f"slide-02-{slides[1].id}")
    for _ in range(len(slides) - 2):
        qtbot.mouseClick(window.slide.nav.next, Qt.MouseButton.LeftButton)
    compare(f"slide-{len(slides):02d}-{slides[-1].id}")
    qtbot.mouseClick(window.slide.nav.next, Qt.MouseButton.LeftButton)
    compare(f"quiz-1-{kiosk.flow.lesson.questions[0].id}")


def test_the_idle_prompt_button_is_520_by_140_in_render_and_on_screen(make_kiosk: Callable[..., Kiosk]) -> None:
    """The Continue button takes its size from the style sheet, so no repolish shrinks it (it was 318x118)."""
    kiosk = make_kiosk(size=(1920, 1080), transitions=False)
    kiosk.window.attract.start.click()
    kiosk.timeouts.prompt.emit()
    button = kiosk.idle_prompt.keep
    assert (button.width(), button.height()) == (520, 140)
    kiosk.window.resize(1080, 1920)  # a later repolish (rotation, aids) keeps it too
    kiosk.window.resize(1920, 1080)
    assert (button.width(), button.height()) == (520, 140)
