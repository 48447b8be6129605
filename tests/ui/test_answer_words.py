"""Answer marks carry words at every size: "正解" / "選んだ答え" under the icon, whole, legible, in place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import settle
from kiosk.core.typeset import plain
from kiosk.ui.theme.palette import contrast_ratio
from kiosk.ui.widgets.answer_button import WORDS_FLOOR_PX, AnswerButton
from tests.ui.test_quiz_page import answer_geometry, to_question

SIZES = [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)]
AIDS = {"plain": (False, False), "large": (True, False), "large-contrast": (True, True)}


def rect_in(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def words_problems(button: AnswerButton, word: str, scale: float) -> list[str]:
    """What keeps the words on this marked answer from being read whole, beside its intact text."""
    tag, label = button.tag, button.label
    problems = []
    if not tag.isVisibleTo(button) or plain(tag.text()) != plain(word):
        problems.append(f"words {plain(tag.text())!r} shown instead of {plain(word)!r}")
    if tag.sizeHint().width() > tag.width() + 1 or tag.sizeHint().height() > tag.height() + 1:
        problems.append(f"words {plain(word)!r} cut: need {tag.sizeHint().toTuple()}, have {tag.size().toTuple()}")
    if not button.rect().contains(rect_in(tag, button)):
        problems.append("words outside the button")
    if rect_in(tag, button).intersects(rect_in(label, button)):
        problems.append("words over the answer text")
    if tag.font().pixelSize() < WORDS_FLOOR_PX * scale - 0.5:
        problems.append(f"words at {tag.font().pixelSize()} px")
    if label.heightForWidth(label.width()) > label.height() + 1:
        problems.append("answer text cut")
    return problems


@pytest.mark.parametrize("aids", AIDS, ids=list(AIDS))
@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_marks_carry_words_at_every_size_and_nothing_moves(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], language: str, aids: str
) -> None:
    """Right and chosen answers show their words whole, under the icon; answers keep their geometry, on screen.
    (English question 1 at 1920x1080 moved by 31 px: a dim answer's lighter font fitted one line where the bold
    unanswered text took two, and every answer got shorter.)"""
    kiosk = make_kiosk(size=size, transitions=False, language=language)
    flow = kiosk.flow
    flow.set_aids(*AIDS[aids])
    to_question(kiosk, 0)
    strings, scale = flow.lesson.strings, min(size) / 1080
    problems: list[str] = []
    for number, question in enumerate(flow.lesson.questions):
        before = answer_geometry(kiosk)
        order = flow.state.orders[flow.state.question]
        right = order.index(question.right_index)
        wrong = next(i for i in range(len(order)) if order[i] != question.right_index)
        chosen = wrong if number % 2 else right
        flow.answer(chosen)
        settle(QApplication)
        assert answer_geometry(kiosk) == before, f"question {number + 1} moved"
        buttons = kiosk.window.question.answers
        for position in range(len(order)):  # the words never push an answer off the screen
            if not kiosk.window.rect().contains(rect_in(buttons[position], kiosk.window)):
                problems.append(f"q{number + 1}: answer {position + 1} leaves the screen")
        found = words_problems(buttons[right], strings.answer_right_tag, scale)
        problems += [f"q{number + 1} right: {p}" for p in found]
        if chosen != right:
            found = words_problems(buttons[chosen], strings.answer_chosen_tag, scale)
            problems += [f"q{number + 1} chosen: {p}" for p in found]
        flow.next()
    assert problems == []


def sampled_words_contrast(button: AnswerButton) -> float:
    """Contrast between the button's fill and the darkest (or lightest) pixel of its drawn words."""
    image = button.grab().toImage()
    fill = image.pixelColor(button.width() - 6, button.height() // 2 - button.height() // 3).name()
    tag = rect_in(button.tag, button)
    colours = {
        image.pixelColor(x, y).name() for x in range(tag.left(), tag.right()) for y in range(tag.top(), tag.bottom())
    }
    return max(contrast_ratio(colour, fill) for colour in colours)


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_words_stand_7_to_1_from_their_fill(make_kiosk: Callable[..., Kiosk], contrast: bool) -> None:
    """The words on the right and on the chosen wrong answer are drawn at 7:1 or more against the fill."""
    kiosk = make_kiosk(transitions=False)
    kiosk.flow.set_aids(high_contrast=contrast)
    to_question(kiosk, 1)
    question, order = kiosk.flow.lesson.questions[1], kiosk.flow.state.orders[1]
    wrong = next(i for i in range(len(order)) if order[i] != question.right_index)
    kiosk.flow.answer(wrong)
    settle(QApplication)
    buttons = kiosk.window.question.answers
    for button in (buttons[wrong], buttons[order.index(question.right_index)]):
        assert button.tag.text()
        assert sampled_words_contrast(button) >= 7.0, button.objectName()
