"""The quiz page keeps its answers still, equal and legible, and is not empty."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import settle
from kiosk.ui.theme.palette import contrast_ratio
from kiosk.ui.widgets.answer_button import AnswerButton
from kiosk.visit.flow import Screen

SIZES = [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)]
AIDS = {"plain": (False, False), "large": (True, True), "large-only": (True, False)}


def window_rect(widget: QAbstractButton | QLabel, kiosk: Kiosk) -> QRect:
    return QRect(widget.mapTo(kiosk.window, QPoint(0, 0)), widget.size())


def answer_geometry(kiosk: Kiosk) -> list[tuple[QRect, QRect]]:
    """Where each shown answer button and its text start, in window coordinates (the text's width shrinks
    once answered: the mark's slot is shown only then)."""
    settle(QApplication)
    buttons = [b for b in kiosk.window.question.answers if b.isVisibleTo(kiosk.window)]
    labels = [window_rect(b.label, kiosk) for b in buttons]
    return [
        (window_rect(b, kiosk), QRect(r.left(), r.top(), 0, r.height())) for b, r in zip(buttons, labels, strict=True)
    ]


def to_question(kiosk: Kiosk, number: int) -> None:
    flow = kiosk.flow
    flow.start()
    while flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        flow.next()
    for _ in range(number):
        flow.answer(0)
        flow.next()


@pytest.mark.parametrize("aids", AIDS, ids=list(AIDS))
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_answers_do_not_move_when_one_is_chosen(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], aids: str
) -> None:
    """Every answer button and its text keep their exact geometry when a right or a wrong answer is chosen."""
    kiosk = make_kiosk(size=size, transitions=False)
    large, contrast = AIDS[aids]
    flow = kiosk.flow
    for number, question in enumerate(flow.lesson.questions):
        if number == 0:
            flow.set_aids(large, contrast)
            to_question(kiosk, 0)
        before = answer_geometry(kiosk)
        assert len(before) == len(question.answers)
        heights = {button.height() for button, _ in before}
        assert len(heights) == 1, f"question {number + 1}: answers of different heights {heights}"
        order = flow.state.orders[flow.state.question]
        wrong = next(i for i in range(len(order)) if order[i] != question.right_index)
        flow.answer(wrong if number % 2 else order.index(question.right_index))
        assert answer_geometry(kiosk) == before, f"question {number + 1} moved at {size} with {aids}"
        assert kiosk.window.question.feedback.isVisibleTo(kiosk.window)
        flow.next()


def sampled_contrast(button: AnswerButton) -> float:
    """Contrast between the button's fill and the darkest (or lightest) pixel of its drawn text."""
    image = button.grab().toImage()
    fill = image.pixelColor(button.width() - 6, button.height() // 2 - button.height() // 3).name()
    label = button.label.geometry()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(label.left(), label.right(), 2)
        for y in range(label.top(), label.bottom(), 2)
    }
    return max(contrast_ratio(colour, fill) for colour in colours)


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_answer_text_reaches_7_to_1_in_every_state(make_kiosk: Callable[..., Kiosk], contrast: bool) -> None:
    """Unanswered, right, chosen-wrong and dimmed answers: the drawn text stands 7:1 or more from its fill."""
    kiosk = make_kiosk(transitions=False)
    kiosk.flow.set_aids(high_contrast=contrast)
    to_question(kiosk, 1)  # three answers: one right, one chosen wrong, one dimmed
    page = kiosk.window.question
    settle(QApplication)
    shown = [b for b in page.answers if b.isVisibleTo(kiosk.window)]
    assert [b.objectName() for b in shown] == ["answer"] * 3
    assert min(sampled_contrast(b) for b in shown) >= 7.0
    question = kiosk.flow.lesson.questions[1]
    order = kiosk.flow.state.orders[1]
    kiosk.flow.answer(next(i for i in range(3) if order[i] != question.right_index))
    settle(QApplication)
    assert sorted(b.objectName() for b in shown) == ["answer_dim", "answer_right", "answer_wrong"]
    for button in shown:
        assert sampled_contrast(button) >= 7.0, button.objectName()


def test_the_quiz_page_is_not_empty(make_kiosk: Callable[..., Kiosk]) -> None:
    """The question is set larger than the answers, answers sit centred, the taught slide's picture beside."""
    kiosk = make_kiosk(transitions=False)
    to_question(kiosk, 1)
    settle(QApplication)
    page = kiosk.window.question
    assert page.prompt.font().pixelSize() > page.answers[0].label.font().pixelSize()
    column = page.answer_column
    shown = [b for b in page.answers if b.isVisibleTo(kiosk.window)]
    above = shown[0].y()
    below = column.height() - shown[-1].geometry().bottom() - 1
    assert abs(above - below) <= 1
    slide = kiosk.flow.lesson.deck.slides[kiosk.flow.lesson.deck.index_of(kiosk.flow.lesson.questions[1].slide_id)]
    assert page.picture.isVisibleTo(kiosk.window) and page.picture.name == slide.image
    kiosk.flow.answer(0)
    assert not page.picture.isVisibleTo(kiosk.window)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_explanation_card_fits_its_text(make_kiosk: Callable[..., Kiosk], size: tuple[int, int]) -> None:
    """The card is as tall as its contents (not stretched), and holds 'see the slide' and Next."""
    kiosk = make_kiosk(size=size, transitions=False)
    to_question(kiosk, 0)
    kiosk.flow.answer(0)
    settle(QApplication)
    page = kiosk.window.question
    card = page.feedback
    assert card.height() == card.layout().totalHeightForWidth(card.width())
    assert card.isAncestorOf(page.review) and card.isAncestorOf(page.next)


def test_a_question_lays_out_the_same_whatever_was_answered_before(make_kiosk: Callable[..., Kiosk]) -> None:
    """Answer heights never depend on the marks (right, wrong, dim) the previous question left on the buttons.

    The mark slot was once measured in the previous mark's fonts, so at 1366x768 with large text an answer
    wrapped to a third line and left the screen, depending on the shuffled order.
    """
    kiosk = make_kiosk(size=(1366, 768), transitions=False, language="en")
    to_question(kiosk, 0)
    kiosk.flow.set_aids(large_text=True, high_contrast=True)
    page, lesson = kiosk.window.question, kiosk.flow.lesson
    questions, strings = lesson.questions, lesson.strings

    def heights(question_index: int, order: tuple[int, ...]) -> list[int]:
        page.show_question(questions[question_index], order, None, question_index + 1, len(questions), strings)
        return [rect.height() for rect, _ in answer_geometry(kiosk)]

    for number, question in enumerate(questions):
        order = tuple(range(len(question.answers)))
        clean = heights(number, order)
        for before, previous in enumerate(questions):
            for chosen in range(len(previous.answers)):  # every mark on every button position
                marks = tuple(reversed(range(len(previous.answers))))
                page.show_question(previous, marks, chosen, before + 1, len(questions), strings)
                settle(QApplication)
                assert heights(number, order) == clean, (question.id, previous.id, chosen)


def _bar_sizes(page: object) -> tuple[int, ...]:
    """(Home's, the card's Next's, the counter's and the question's answers') font pixel sizes."""
    from kiosk.ui.pages.question_page import QuestionPage

    assert isinstance(page, QuestionPage)
    for widget in (page.home, page.next, page.progress, page.answers[0].label):
        widget.ensurePolished()
    sizes = (page.home, page.next, page.progress, page.answers[0].label)
    return tuple(widget.font().pixelSize() for widget in sizes)


def test_home_and_the_counter_take_a_stepped_questions_text_size(make_kiosk: Callable[..., Kiosk]) -> None:
    """A question set one step smaller (English at 1280x800 with larger text: the first question) sets Home and
    the counter at that step too, so Home is never larger than the card's buttons (the counter no smaller than
    the body-text floor); a question that fits at the visit's size keeps them at it."""
    kiosk = make_kiosk(size=(1280, 800), transitions=False, language="en")
    kiosk.flow.set_aids(large_text=True)
    to_question(kiosk, 0)
    kiosk.flow.answer(0)
    settle(QApplication)
    page = kiosk.window.question
    window = kiosk.window.metrics
    assert page.text_scale < window.text_scale, "the first English question is stepped down at this size"
    stepped = window._replace(text_scale=page.text_scale)
    home, card_button, counter, answer = _bar_sizes(page)
    assert home == card_button == stepped.button_text < window.button_text
    assert counter == max(stepped.caption, window.px(32)) < window.caption, "stepped, never below 32 px at 1080 p"
    assert answer == stepped.body
    assert page.home.height() >= window.px(96), "still a full touch target"
    for _ in range(3):  # to a question that fits at the visit's size: the bar is back at it
        kiosk.flow.next()
        settle(QApplication)
        page = kiosk.window.question  # the page shown (the pool keeps several laid out)
        if page.text_scale == window.text_scale:
            break
        kiosk.flow.answer(0)
    assert page.text_scale == window.text_scale
    assert _bar_sizes(page)[0] == window.button_text and _bar_sizes(page)[2] == window.caption
