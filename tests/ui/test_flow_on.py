"""Text that flows on to another screen keeps what belongs together (kiosk.ui.pages.slide_fit, pure), and the
visit's state says which of its screens is shown."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import settle
from kiosk.ui.pages.slide_fit import groups, join, lonely, units
from kiosk.visit.flow import LAST_PART, Screen

BODY = "<p>一文目です。\u200b二文目です。\u200b効果には個人差があります。</p><ul><li>a</li><li>b</li></ul>"


def test_a_paragraph_flows_on_by_sentence_and_joins_back_unchanged() -> None:
    """Each sentence is a piece; joined, the pieces are the paragraph again."""
    pieces = units(BODY)
    assert [p[2] for p in pieces[:3]] == ["一文目です。\u200b", "二文目です。\u200b", "効果には個人差があります。"]
    assert join(pieces) == BODY


def test_a_last_sentence_never_goes_alone_and_a_kept_block_stays_whole() -> None:
    """The last sentence goes with the one before; a block marked keep together is one group."""
    pieces = units(BODY)
    assert [len(g) for g in groups(pieces, ())] == [1, 2, 2]
    assert [len(g) for g in groups(pieces, (0,))] == [3, 2]


def test_a_last_list_item_never_goes_alone() -> None:
    """A list's last item goes to a screen with the item before it, as a paragraph's last sentence does."""
    items = "".join(f"<li>item {n}</li>" for n in range(1, 5))
    pieces = units(f"<p>Intro.</p><ul>{items}</ul>")
    assert [len(g) for g in groups(pieces, ())] == [1, 1, 1, 2]
    assert [len(g) for g in groups(units("<ul><li>only</li></ul>"), ())] == [1]


def test_a_screen_opening_with_a_last_item_or_sentence_alone_is_lonely() -> None:
    """lonely(): the piece a screen holds alone that ends a block begun on an earlier screen."""
    pieces = units("<p>One. Two. Three.</p><ul><li>a</li><li>b</li><li>c</li></ul>")
    assert lonely([pieces[:5], pieces[5:]]) == [pieces[5]]
    assert lonely([pieces[:2], pieces[2:]]) == [pieces[2]]
    assert lonely([pieces[:4], pieces[4:]]) == []
    assert lonely([pieces]) == []


SAFETY = ["safety-now", "safety", "safety-care"]


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("size", [(1280, 800), (1366, 768), (1920, 1080), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_safety_slides_never_leave_a_last_item_alone(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], language: str
) -> None:
    """With larger text the safety lists that flow on move at least two items (seen: 1280x800 ja, one item alone)."""
    kiosk = make_kiosk(size=size, transitions=False, language=language)
    flow = kiosk.flow
    flow.start()
    flow.set_aids(True, False)
    slides = flow.lesson.deck.slides
    page = kiosk.window.slide
    for index, slide in enumerate(slides):
        if slide.id in SAFETY:
            while flow.state.slide < index:
                flow.next()
            settle(QApplication)
            assert page.lonely() == [], f"{slide.id}: a last piece alone on a screen"


def test_a_hard_break_that_would_open_a_screen_is_dropped() -> None:
    """A line after a typed hard break carries it, and loses it when it starts a screen."""
    pieces = units("<p>One. Two.<br>\nThree.</p>")
    assert pieces[-1][2].startswith("<br")
    assert join(pieces[-1:]) == "<p>Three.</p>"


def test_render_check_reports_a_last_item_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """`render --check` names a screen that holds a list's last item alone (here: flow-on without groups)."""
    from kiosk.app.render import Aids
    from kiosk.app.render_check import LONELY, check_all
    from kiosk.config.options import Options
    from kiosk.ui.pages import slide_page
    from tests.conftest import SHIPPED_CONTENT

    monkeypatch.setattr(slide_page, "groups", lambda pieces, keep: [[piece] for piece in pieces])
    options = Options(content=SHIPPED_CONTENT, language="ja", size=(1280, 800))
    lonely = [p for p in check_all(options, Aids(large_text=True)) if p.kind == LONELY]
    assert any(p.screen == "slide-17-safety-2" and p.text == "しびれが広がってきた" for p in lonely), lonely


def test_the_visit_says_which_part_of_a_slide_is_shown(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """Taps and swipes on a slide whose text flows on reach the visit's state; the page shows the state's part,
    Back from the next slide shows its last part, and a slide shown from the quiz pages by swipe only."""
    from tests.ui.test_walkthrough import swipe

    kiosk = make_kiosk(size=(1280, 800), transitions=False)
    flow, page = kiosk.flow, kiosk.window.slide
    flow.set_aids(large_text=True)
    flow.start("ja")
    while kiosk.window.slide.part_count < 2:
        assert flow.next() and flow.state.screen is Screen.SLIDE, "no slide flows on in this case"
    page, index, count = kiosk.window.slide, flow.state.slide, kiosk.window.slide.part_count
    first = page.body.text()
    qtbot.mouseClick(page.nav.next, Qt.MouseButton.LeftButton)
    assert (flow.state.slide, flow.state.part) == (index, 1) and kiosk.window.slide.part == 1
    assert kiosk.window.slide.body.text() != first
    qtbot.mouseClick(kiosk.window.slide.nav.back, Qt.MouseButton.LeftButton)
    assert (flow.state.slide, flow.state.part, kiosk.window.slide.part) == (index, 0, 0)
    assert kiosk.window.slide.body.text() == first
    while flow.state.slide == index:
        swipe(kiosk.window.slide, -200)
    swipe(kiosk.window.slide, 200)
    assert (flow.state.slide, flow.state.part) == (index, LAST_PART) and kiosk.window.slide.part == count - 1
    swipe(kiosk.window.slide, 200)
    assert (flow.state.part, kiosk.window.slide.part) == (count - 2, count - 2)
