"""The result screen has one focus and lays out whole at every size, language, aid and score."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QTextListFormat
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import settle
from kiosk.app.render_check import screen_problems
from kiosk.core.typeset import plain
from kiosk.ui.widgets.rich_text import RichTextLabel
from kiosk.visit.flow import Screen
from tests.conftest import written_lesson as new_lesson
from tests.ui.layout_checks import layout_problems
from tests.ui.test_layout import LANGUAGES, SIZES

AIDS = {"plain": (False, False), "large": (True, False), "large-contrast": (True, True)}


def to_result(kiosk: Kiosk, right: int, large: bool = False, contrast: bool = False) -> None:
    """Through the lesson and the quiz, the first `right` answers right and the rest wrong, to the result."""
    flow = kiosk.flow
    assert flow is not None
    flow.start(kiosk.options.language)
    flow.set_aids(large, contrast)
    while flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        flow.next()
    for number, question in enumerate(flow.lesson.questions):
        order = flow.state.orders[number]
        wanted = question.right_index if number < right else (question.right_index + 1) % len(question.answers)
        flow.answer(order.index(wanted))
        flow.next()
    assert kiosk.window.current_page is kiosk.window.result
    settle(QApplication)


def rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def shown_labels(kiosk: Kiosk) -> list[QLabel]:
    window = kiosk.window
    pages = [window.result, window.aids]
    return [w for page in pages for w in page.findChildren(QLabel) if w.isVisibleTo(window) and w.text()]


@pytest.mark.parametrize("aids", AIDS, ids=list(AIDS))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_score_fits_whole_with_its_picture(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], language: str, aids: str
) -> None:
    """All right, some right, none right: nothing cut, overlapping or off screen, and the picture at its floor."""
    kiosk = make_kiosk(size=size, transitions=False, language=language)
    window, total = kiosk.window, len(kiosk.flow.lesson.questions)
    problems: list[str] = []
    for right in (total, 3, 0):
        to_result(kiosk, right, *AIDS[aids])
        page = window.result
        problems += [f"{right} right: {p}" for p in layout_problems(page, window, min(size) / 1080)]
        problems += [f"{right} right: {p}" for p in screen_problems("result", [page, window.aids], window)]
        if page.missing_picture():
            problems.append(f"{right} right: picture {page.picture.image_rect()} below its floor")
        assert page.plan is not None and page.plan.fits
        assert plain(page.headline.text()) in plain(page.message_run_on.text()) or page.headline.isVisibleTo(window)
    assert problems == []


@pytest.mark.parametrize("aids", AIDS, ids=list(AIDS))
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_score_in_words_is_the_largest_text(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], aids: str
) -> None:
    """The score sentence's font is larger than every other text on the screen, the aids bar included."""
    kiosk = make_kiosk(size=size, transitions=False)
    to_result(kiosk, 3, *AIDS[aids])
    page = kiosk.window.result
    assert page.score.text() == kiosk.flow.lesson.strings.score.format(right=3, total=5)
    others = [label for label in shown_labels(kiosk) if label is not page.score]
    others += [b for b in kiosk.window.findChildren(QAbstractButton) if b.isVisibleTo(kiosk.window)]
    largest = max(other.font().pixelSize() for other in others)
    assert page.score.font().pixelSize() > largest


def test_no_answer_right_is_said_kindly(make_kiosk: Callable[..., Kiosk]) -> None:
    """With no answer right the large line says every question was tried, never a zero score."""
    kiosk = make_kiosk(transitions=False)
    to_result(kiosk, 0)
    strings = kiosk.flow.lesson.strings
    assert kiosk.window.result.score.text() == strings.score_none.format(right=0, total=5)
    assert "0" not in kiosk.window.result.score.text()


@pytest.mark.parametrize("aids", AIDS, ids=list(AIDS))
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_caption_sits_beside_the_code_in_one_card(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], aids: str
) -> None:
    """The QR code and its caption are inside one card, side by side, the caption centred on the code."""
    kiosk = make_kiosk(size=size, transitions=False)
    to_result(kiosk, 3, *AIDS[aids])
    page, window = kiosk.window.result, kiosk.window
    card, code, caption = rect(page.qr_card, window), rect(page.qr, window), rect(page.qr_card.caption, window)
    assert card.contains(code) and card.contains(caption)
    gap = caption.left() - code.right()
    assert 0 < gap <= round(40 * min(size) / 1080)  # beside, close: not under it, not far away
    assert abs(caption.center().y() - code.center().y()) <= 2
    assert caption.height() <= max(code.height(), caption.height()) and not caption.intersects(code)


def test_exactly_one_finish_button(make_kiosk: Callable[..., Kiosk]) -> None:
    """The result page offers one button, Finish, and it ends the visit."""
    kiosk = make_kiosk(transitions=False)
    to_result(kiosk, 3)
    page = kiosk.window.result
    buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisibleTo(kiosk.window)]
    assert buttons == [page.finish] and page.finish.text() == kiosk.flow.lesson.strings.finish
    page.finish.click()
    assert kiosk.window.current_page is kiosk.window.attract


def list_styles(label: RichTextLabel) -> list[QTextListFormat.Style]:
    """The list style of every list item in the label's laid-out document."""
    document = label.document_for(max(1, label.width()))
    styles = []
    block = document.begin()
    while block.isValid():
        if block.textList() is not None:
            styles.append(block.textList().format().style())
        block = block.next()
    return styles


def test_the_points_are_drawn_with_the_slides_bullet(make_kiosk: Callable[..., Kiosk]) -> None:
    """The three points are a list with the same bullet as a slide's list, and no hand-typed '・' remains."""
    kiosk = make_kiosk(transitions=False)
    flow = kiosk.flow
    flow.start()
    slides = flow.lesson.deck.slides
    listed = next(index for index, slide in enumerate(slides) if "<li>" in slide.body_html)
    for _ in range(listed):
        flow.next()
    settle(QApplication)
    slide_styles = set(list_styles(kiosk.window.slide.body))
    to_result(kiosk, 3)
    page = kiosk.window.result
    result_styles = list_styles(page.points_card.points)
    assert len(result_styles) == 3 and set(result_styles) == slide_styles == {QTextListFormat.Style.ListDisc}
    assert page.points_card.items == flow.lesson.result.takeaways
    assert all("・" not in label.text() for label in shown_labels(kiosk))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_new_lesson_without_a_result_picture_lays_out(
    make_kiosk: Callable[..., Kiosk], tmp_path: Path, size: tuple[int, int]
) -> None:
    """A lesson made by `kiosk new-lesson` (no result picture) shows its result whole, with large text too."""
    content = tmp_path / "content"
    content.mkdir()
    new_lesson(content, "fresh")
    kiosk = make_kiosk(size=size, transitions=False, content=content)
    assert kiosk.flow.lesson.result.image is None
    for large, contrast in AIDS.values():
        to_result(kiosk, 1, large, contrast)
        page, window = kiosk.window.result, kiosk.window
        assert not page.picture.isVisibleTo(window) and not page.missing_picture()
        assert layout_problems(page, window, min(size) / 1080) == []
        assert screen_problems("result", [page, window.aids], window) == []


def test_the_safety_point_is_drawn_under_the_points(make_kiosk: Callable[..., Kiosk]) -> None:
    """The lesson's safety point shows in bold inside the points card, below the list, never over the QR card."""
    kiosk = make_kiosk(transitions=False)
    to_result(kiosk, 3)
    card = kiosk.window.result.points_card
    assert card.safety.isVisible() and plain(card.safety.text()) == plain(kiosk.flow.lesson.result.safety)
    assert "119" in card.safety.text()
    assert card.safety.geometry().top() >= card.points.geometry().bottom()
    assert card.safety.geometry().bottom() <= card.height()
