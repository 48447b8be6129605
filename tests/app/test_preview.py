"""`kiosk preview`: the lesson being edited, redrawn within a second of a save, its place kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.preview import POLL_MS, Preview
from kiosk.core.typeset import plain
from kiosk.visit.flow import Screen
from tests.conftest import ROOT

# The offscreen platform cannot pass an ordinary window's size hints on to a window manager, and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    target = tmp_path / "draft" / "stretching"
    shutil.copytree(ROOT / "content" / "stretching", target)
    return target


@pytest.fixture
def preview(qtbot: QtBot, lesson: Path) -> Preview:
    shown = Preview(lesson, (1280, 800), "ja")
    qtbot.addWidget(shown.view)
    shown.start()
    return shown


def _heading(preview: Preview) -> str:
    return plain(preview.screen.slide.heading.text()).replace("\n", "")


def test_a_saved_heading_is_shown_on_the_same_slide(qtbot: QtBot, preview: Preview, lesson: Path) -> None:
    """On slide 4, save a new heading for it: the window shows it by itself, still on slide 4. (The files are looked
    at every POLL_MS, which is what makes it "within a second"; the time itself is measured by hand, not tested: a
    busy machine is slower.)"""
    assert preview.timer.isActive() and preview.timer.interval() == POLL_MS <= 500
    for _ in range(3):
        preview.next()
    assert preview.place == (Screen.SLIDE, 3, 0)
    deck = lesson / "ja" / "deck.md"
    old = plain(preview.flow.lesson.deck.slides[3].heading) if preview.flow else ""
    before = preview.view.screen_label.pixmap().cacheKey()
    deck.write_text(deck.read_text(encoding="utf-8").replace(f"# {old}", "# 新しい見出しです", 1), encoding="utf-8")
    qtbot.waitUntil(
        lambda: _heading(preview) == "新しい見出しです" and preview.view.screen_label.pixmap().cacheKey() != before,
        timeout=15_000,
    )
    assert preview.place == (Screen.SLIDE, 3, 0)
    assert preview.view.where.text().startswith("slide 4 / ")


def test_a_broken_save_keeps_the_last_screen_and_lists_the_problem(
    qtbot: QtBot, preview: Preview, lesson: Path
) -> None:
    """A quiz saved with no right answer: the problem is listed beside the screen, which keeps the last good lesson."""
    quiz = lesson / "ja" / "quiz.md"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("- [x]", "- [ ]", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: "no right answer" in preview.view.shown_text(), timeout=15_000)
    assert "shows the last version that loaded" in preview.view.status.text()
    assert preview.flow is not None and preview.view.screen_label.pixmap() is not None


def test_advice_is_listed_and_aids_size_and_language_switch(qtbot: QtBot, preview: Preview, lesson: Path) -> None:
    """A too-long sentence is listed as advice; large text, another size and English redraw the same place."""
    deck = lesson / "ja" / "deck.md"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(
        text.replace("その理由を、順番にご説明します。", "その理由を、" + "じゅんばんに" * 6 + "説明します。"), "utf-8"
    )
    qtbot.waitUntil(lambda: "advice: a sentence of" in preview.view.shown_text(), timeout=15_000)
    preview.next()
    preview.view.large_text.setChecked(True)
    assert preview.screen.large_text and preview.place.slide == 1
    preview.view.size_chosen.emit(1080, 1920)
    assert preview.screen.size().width() == 1080 and preview.place.slide == 1
    preview.view.language_chosen.emit("en")
    assert preview.flow is not None and preview.flow.lesson.language == "en" and preview.place.slide == 1


def test_the_window_is_ordinary_and_the_quiz_can_be_walked(qtbot: QtBot, preview: Preview) -> None:
    """Never fullscreen, no PIN pad or statistics built; Next answers a question, then moves on."""
    assert preview.view.isVisible() and not preview.view.isFullScreen()
    assert preview.screen.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen) and not preview.screen.isFullScreen()
    assert preview.flow is not None
    while preview.flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        preview.next()
    assert preview.place.screen is Screen.QUESTION
    preview.next()
    assert preview.flow.state.answers[0] is not None
    preview.next()
    assert preview.place.screen is Screen.QUESTION and preview.place.question == 1
    preview.back()
    assert preview.place.question == 0 and preview.place.screen is Screen.QUESTION
