"""The card layout (layout: card): the closing slide's picture, invitation and small-print credit on a card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import settle
from kiosk.core.typeset import plain
from kiosk.ui.pages.slide_fit import CARD_LINE_EM, PICTURE_FLOOR, CardPlan, card_fallback, card_plan, small_print

SIZES = [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)]
AIDS = {"plain": (False, False), "large": (True, False), "large-contrast": (True, True)}


def window_rect(widget: QWidget, kiosk: Kiosk) -> QRect:
    return QRect(widget.mapTo(kiosk.window, QPoint(0, 0)), widget.size())


def to_closing_slide(kiosk: Kiosk, large: bool, contrast: bool) -> None:
    flow = kiosk.flow
    flow.start()
    flow.set_aids(large, contrast)
    while flow.state.slide + 1 < len(flow.lesson.deck.slides):  # a slide's text may take more than one screen
        flow.next()
    settle(QApplication)


@pytest.mark.parametrize("aids", AIDS, ids=list(AIDS))
@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_closing_slide_is_a_card_that_fits(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], language: str, aids: str
) -> None:
    """Card clear of the aids bar and nav bar, centred; lines of readable length; the credit small; picture kept."""
    kiosk = make_kiosk(size=size, transitions=False, language=language)
    to_closing_slide(kiosk, *AIDS[aids])
    window, page = kiosk.window, kiosk.window.slide
    slide = kiosk.flow.lesson.deck.slides[-1]
    assert slide.layout == "card" and page.sheet.objectName() == "card"
    metrics = window.metrics
    card, aids_bar, nav = window_rect(page.sheet, kiosk), window_rect(window.aids, kiosk), window_rect(page.nav, kiosk)
    assert card.top() - aids_bar.bottom() >= metrics.px(36), "the card sits right under the aids bar"
    assert nav.top() - card.bottom() >= metrics.px(36), "the card runs into the nav bar"
    assert abs(card.left() - (window.width() - 1 - card.right())) <= 1, "the card is not centred"
    heading = window_rect(page.heading, kiosk)
    assert card.contains(heading) and heading.top() - aids_bar.bottom() >= metrics.px(84), "title under the aids bar"
    longest = round(CARD_LINE_EM * metrics.body)
    for label in (page.heading, page.body, page.small_print):
        assert label.width() <= longest, f"{label.objectName()} lines {label.width()} px > {longest} px"
        assert card.contains(window_rect(label, kiosk))
    assert page.part_count == 1, "the closing slide flows on to a second screen"
    assert page.small_print.isVisible()
    assert page.small_print.font().pixelSize() < page.body.font().pixelSize()
    credit = " ".join(plain(page.small_print.text()).split())
    assert credit == kiosk.flow.lesson.deck.credit, "the small print is not the lesson's credit, word for word"
    assert kiosk.flow.lesson.deck.credit not in " ".join(plain(page.body.text()).split())
    assert page.illustration.isVisible() and card.contains(window_rect(page.illustration, kiosk))
    assert not page.missing_picture()


def test_a_long_card_flows_on_and_keeps_its_small_print_for_the_last_screen(
    make_kiosk: Callable[..., Kiosk], shipped_copy: Path
) -> None:
    """A card too long for one screen shows the rest on a second; the credit only under the last."""
    deck = shipped_copy / "ja" / "deck.md"
    text = deck.read_text(encoding="utf-8")
    more = "".join(f"- 追加の項目その{n}です\n" for n in range(1, 9))
    deck.write_text(text.replace("施術の効果には個人差があります。\n", f"施術の効果には個人差があります。\n\n{more}\n"))
    kiosk = make_kiosk(size=(1280, 800), transitions=False, content=shipped_copy.parent)
    to_closing_slide(kiosk, True, False)
    page = kiosk.window.slide
    assert page.part_count >= 2 and page.part == 0
    assert not page.small_print.isVisible()
    assert page.illustration.isVisible() and not page.missing_picture()
    for part in range(1, page.part_count):
        page.show_part(part)
    settle(QApplication)
    assert page.small_print.isVisible() and "桂 寛章" in page.small_print.text()


def test_small_print_is_the_last_paragraph_of_more_than_one_block() -> None:
    """The last paragraph is the small print; a one-block text or one ending in a list keeps it all."""
    pieces = [("p", 0, "招待"), ("p", 0, "個人差"), ("p", 1, "監修"), ("p", 1, "名前")]
    assert small_print(pieces) == (pieces[:2], pieces[2:])
    assert small_print(pieces[:2]) == (pieces[:2], [])
    listed = [("p", 0, "招待"), ("ul", 1, "<li>一</li>")]
    assert small_print(listed) == (listed, [])


def test_card_plan_beside_in_landscape_above_in_portrait_picture_at_least_the_floor() -> None:
    """The plan puts the picture beside the text in landscape and above it in portrait, never under the floor."""
    area = (1808, 760)

    def short(width: int) -> int:
        return 400

    plan = card_plan((1712, 664), area, 4 / 3, 48, 1040, True, short)
    assert plan is not None and plan.beside and plan.text_width <= 1040
    assert plan.picture[0] * plan.picture[1] >= PICTURE_FLOOR * area[0] * area[1] - 1
    assert plan.size == (plan.text_width + 48 + plan.picture[0], max(400, plan.picture[1]))
    tall = card_plan((872, 1400), (968, 1496), 4 / 3, 48, 1040, False, short)
    assert tall is not None and not tall.beside and tall.size[1] == 400 + 48 + tall.picture[1]
    assert tall.picture[0] * tall.picture[1] >= PICTURE_FLOOR * 968 * 1496 - 1


def test_card_plan_caps_the_line_length_and_gives_up_when_the_text_cannot_fit() -> None:
    """Lines never pass max_text; text taller than the room gives None, and the fallback keeps the floor."""
    plan = card_plan((3000, 700), (3100, 800), 4 / 3, 48, 900, True, lambda width: 300)
    assert plan is not None and plan.text_width == 900
    assert card_plan((1712, 664), (1808, 760), 4 / 3, 48, 1040, True, lambda width: 5000) is None
    fallback, budget = card_fallback((1712, 664), (1808, 760), 4 / 3, 48, 1040, True)
    assert fallback.beside and budget == 664
    assert fallback.picture[0] * fallback.picture[1] >= PICTURE_FLOOR * 1808 * 760 - 1
    no_picture = card_plan((1712, 664), (1808, 760), None, 48, 1040, True, lambda width: 300)
    assert no_picture == CardPlan(False, 1040, (0, 0), (1040, 300))
