"""Drive the real kiosk by touch: tap and swipe through the lesson, answer the quiz, finish."""

from __future__ import annotations

import numpy as np
import zxingcpp
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.visit.flow import Screen


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def swipe(widget: QWidget, dx: int) -> None:
    """A quick horizontal drag across the middle of `widget`."""
    start = QPoint(widget.width() // 2, widget.height() // 3)
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(widget, start + QPoint(dx // 2, 0))
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(dx, 0))


def start_lesson(qtbot: QtBot, kiosk: Kiosk) -> None:
    assert kiosk.window.current_page is kiosk.window.attract
    tap(qtbot, kiosk.window.attract.start)
    assert kiosk.window.current_page is kiosk.window.slide


def to_quiz(qtbot: QtBot, kiosk: Kiosk) -> None:
    start_lesson(qtbot, kiosk)
    while kiosk.flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        tap(qtbot, kiosk.window.slide.nav.next)
    assert kiosk.window.current_page is kiosk.window.question


def answer_all(qtbot: QtBot, kiosk: Kiosk, right: bool) -> None:
    page = kiosk.window.question
    for question in kiosk.flow.lesson.questions:
        order = kiosk.flow.state.orders[kiosk.flow.state.question]
        wanted = question.right_index if right else (question.right_index + 1) % len(question.answers)
        tap(qtbot, page.answers[order.index(wanted)])
        assert page.feedback.isVisible()
        assert page.verdict.text() == (kiosk.flow.lesson.strings.right if right else kiosk.flow.lesson.strings.wrong)
        assert page.explanation.text() == question.explanation
        tap(qtbot, page.next)


def test_tap_through_the_whole_lesson_and_back(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Next walks every slide with the right heading and counter; Back walks back."""
    start_lesson(qtbot, kiosk)
    slides = kiosk.flow.lesson.deck.slides
    page = kiosk.window.slide
    for index, slide in enumerate(slides):
        assert page.heading.text() == slide.heading
        assert page.nav.progress.label.text() == f"{index + 1} / {len(slides)}"
        assert page.illustration.name == slide.image
        if index + 1 < len(slides):
            tap(qtbot, page.nav.next)
    for _ in range(len(slides) - 1):
        tap(qtbot, page.nav.back)
    assert kiosk.flow.state.slide == 0
    assert not page.nav.back.isEnabled()


def test_swipe_left_and_right(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A swipe left goes forward, right goes back; a short drag or a tap on text does nothing."""
    start_lesson(qtbot, kiosk)
    page = kiosk.window.slide
    swipe(page, -200)
    assert kiosk.flow.state.slide == 1
    swipe(page, -200)
    swipe(page, 200)
    assert kiosk.flow.state.slide == 1
    swipe(page, -30)
    qtbot.mouseClick(page.heading, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.slide == 1


def test_tap_on_a_button_is_never_a_swipe(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A drag that starts on the Next button is a press on the button, not a swipe."""
    start_lesson(qtbot, kiosk)
    swipe(kiosk.window.slide.nav.back, 300)  # would be "back" as a swipe; the button is disabled
    assert kiosk.flow.state.slide == 0


def test_home_ends_the_visit(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Home from a slide shows the attract screen with nothing of the visit kept."""
    start_lesson(qtbot, kiosk)
    tap(qtbot, kiosk.window.slide.nav.next)
    tap(qtbot, kiosk.window.slide.nav.home)
    assert kiosk.window.current_page is kiosk.window.attract
    assert kiosk.flow.state.language == "" and kiosk.flow.state.slide == 0


def test_every_question_right(qtbot: QtBot, kiosk: Kiosk) -> None:
    """All right: the top score words, the score line, the three points."""
    to_quiz(qtbot, kiosk)
    answer_all(qtbot, kiosk, right=True)
    page, lesson = kiosk.window.result, kiosk.flow.lesson
    assert kiosk.window.current_page is page
    total = len(lesson.questions)
    assert page.headline.text() == lesson.result.message_for(total, total).headline
    assert page.score.text() == lesson.strings.score.format(right=total, total=total)
    assert page.points_card.items == lesson.result.takeaways


def test_every_question_wrong(qtbot: QtBot, kiosk: Kiosk) -> None:
    """All wrong: friendly words for zero, never a failure, and the visit can finish."""
    to_quiz(qtbot, kiosk)
    answer_all(qtbot, kiosk, right=False)
    page, lesson = kiosk.window.result, kiosk.flow.lesson
    assert page.headline.text() == lesson.result.message_for(0, len(lesson.questions)).headline
    tap(qtbot, page.finish)
    assert kiosk.window.current_page is kiosk.window.attract
    assert kiosk.flow.state.answers == ()


def test_leave_half_way_through_the_quiz(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Home in the middle of the quiz forgets the answers; the next visit starts clean."""
    to_quiz(qtbot, kiosk)
    page = kiosk.window.question
    tap(qtbot, page.answers[0])
    tap(qtbot, page.next)
    tap(qtbot, page.home)
    assert kiosk.flow.state.screen is Screen.ATTRACT
    to_quiz(qtbot, kiosk)
    assert all(answer is None for answer in kiosk.flow.state.answers)
    assert not page.feedback.isVisible()


def test_see_the_slide_and_come_back(qtbot: QtBot, kiosk: Kiosk) -> None:
    """After answering, "see the slide" shows the teaching slide; its button returns to the question."""
    to_quiz(qtbot, kiosk)
    question = kiosk.flow.lesson.questions[0]
    tap(qtbot, kiosk.window.question.answers[0])
    tap(qtbot, kiosk.window.question.review)
    slide_page = kiosk.window.slide
    assert kiosk.window.current_page is slide_page
    assert (
        slide_page.heading.text()
        == kiosk.flow.lesson.deck.slides[kiosk.flow.lesson.deck.index_of(question.slide_id)].heading
    )
    assert not slide_page.nav.home.isVisible() and not slide_page.nav.progress.isVisible()
    swipe(slide_page, -200)  # swipes do nothing here
    assert kiosk.flow.state.screen is Screen.REVIEW
    tap(qtbot, slide_page.nav.next)
    assert kiosk.window.current_page is kiosk.window.question
    assert kiosk.window.question.feedback.isVisible()


def test_answer_locks_in_with_icon_and_words(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A wrong touch marks that answer wrong and the right one right, with icons; further touches do nothing."""
    to_quiz(qtbot, kiosk)
    page, question = kiosk.window.question, kiosk.flow.lesson.questions[0]
    order = kiosk.flow.state.orders[0]
    wrong_position = order.index((question.right_index + 1) % len(question.answers))
    right_position = order.index(question.right_index)
    tap(qtbot, page.answers[wrong_position])
    assert page.answers[wrong_position].objectName() == "answer_wrong"
    assert page.answers[right_position].objectName() == "answer_right"
    assert page.answers[wrong_position].icon_view.isVisible() and page.answers[right_position].icon_view.isVisible()
    qtbot.mouseClick(page.answers[right_position], Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.answers[0] == order[wrong_position]


def test_result_qr_code_decodes_to_the_configured_address(qtbot: QtBot, kiosk: Kiosk) -> None:
    """The QR code drawn on the result screen reads back as the deck's qr address."""
    to_quiz(qtbot, kiosk)
    answer_all(qtbot, kiosk, right=True)
    image = kiosk.window.result.qr.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : image.width()
    ]
    results = zxingcpp.read_barcodes(pixels)
    assert [r.text for r in results] == [kiosk.flow.lesson.deck.qr]


def test_a_transition_never_blocks_a_touch(qtbot: QtBot, kiosk: Kiosk) -> None:
    """During the fade the next touch already reaches the new screen (routed as the platform routes it)."""
    start_lesson(qtbot, kiosk)
    window = kiosk.window
    assert window.overlay.duration_ms > 0
    next_button = window.slide.nav.next
    centre = next_button.mapTo(window, next_button.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert window.overlay.running  # the fade of the first change is still playing
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert kiosk.flow.state.slide == 2
    qtbot.waitUntil(lambda: not window.overlay.running, timeout=2000)


def test_feedback_appears_at_once_while_new_screens_fade_in(qtbot: QtBot, kiosk: Kiosk) -> None:
    """An answer's feedback (and an aid) changes the screen in place; Next to another question fades."""
    window = kiosk.window
    to_quiz(qtbot, kiosk)
    qtbot.waitUntil(lambda: not window.overlay.running, timeout=2000)
    tap(qtbot, window.question.answers[0])
    assert window.question.feedback.isVisible()
    assert not window.overlay.running, "no fade over the feedback"
    tap(qtbot, window.aids.large_text)
    assert not window.overlay.running, "no fade for an aid"
    tap(qtbot, window.question.next)
    assert window.overlay.running, "the next question fades in"
