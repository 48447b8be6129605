"""Several lessons on one kiosk: topic cards on the attract screen, each lesson's own visit, stats by lesson."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import Aids, settle, visit_screens
from kiosk.core.typeset import plain
from kiosk.stats.store import StatsStore
from kiosk.visit.flow import Screen
from tests.conftest import SHIPPED_LESSON
from tests.conftest import written_lesson as new_lesson
from tests.ui.layout_checks import layout_problems
from tests.ui.test_walkthrough import tap


@pytest.fixture
def two_lessons(tmp_path: Path) -> Path:
    """The shipped lesson and a generated second one with its own picture, in one content folder."""
    content = tmp_path / "two"
    shutil.copytree(SHIPPED_LESSON, content / "stretching")
    new_lesson(content, "back-pain")
    return content


def test_the_attract_screen_offers_a_card_per_lesson_and_a_card_starts_it(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], two_lessons: Path
) -> None:
    """Two cards with each lesson's title and picture; tapping the second runs its slides, quiz and result."""
    kiosk = make_kiosk(content=two_lessons, transitions=False)
    attract = kiosk.window.attract
    assert attract.topics is not None and not attract.start.isVisible()
    cards = [card for card in attract.topics.cards if card.isVisible()]
    assert [card.property("lesson") for card in cards] == ["stretching", "back-pain"]
    assert [plain(card.label.text()) for card in cards] == ["ストレッチが逆効果になるとき", "例：新しいレッスンの題名"]
    assert cards[1].picture.name == "cover.svg"
    tap(qtbot, cards[1])
    assert kiosk.flow.state.lesson == "back-pain" and kiosk.window.current_page is kiosk.window.slide
    assert kiosk.window.slide.illustration.name == "cover.svg"
    while kiosk.flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        tap(qtbot, kiosk.window.slide.nav.next)
    assert kiosk.flow.state.screen is Screen.QUESTION and len(kiosk.flow.lesson.questions) == 1
    kiosk.flow.answer(0)
    kiosk.flow.next()
    assert kiosk.window.current_page is kiosk.window.result
    kiosk.flow.end_visit("finished")
    kiosk.recorder.flush(5.0)
    with StatsStore(kiosk.stats_path, repair=False) as store:
        assert store.lessons_since(date.today()) == ["back-pain"]


def test_a_language_button_shows_the_cards_in_that_language(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], two_lessons: Path
) -> None:
    """With several lessons a language button changes the cards' language and starts nothing."""
    kiosk = make_kiosk(content=two_lessons, transitions=False)
    english = next(b for b in kiosk.window.attract.language_buttons if b.property("language") == "en")
    tap(qtbot, english)
    assert kiosk.flow.state.screen is Screen.ATTRACT
    assert plain(kiosk.window.attract.title.text()) == "Choose a topic to read"
    assert plain(kiosk.window.attract.topics.cards[1].label.text()) == "E.g. The title of the new lesson"


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)])
def test_every_screen_of_both_lessons_fits(
    make_kiosk: Callable[..., Kiosk], two_lessons: Path, size: tuple[int, int]
) -> None:
    """Both lessons' every screen, the topic cards and the statistics by lesson pass the layout checks."""
    kiosk = make_kiosk(content=two_lessons, size=size, transitions=False)
    problems: list[str] = []
    stems = []
    for stem in visit_screens(kiosk, Aids()):
        settle(QApplication)
        stems.append(stem)
        layers = [layer for layer in kiosk.window.layers if layer.isVisible()]
        shown = layers[-1] if layers else kiosk.window.current_page
        problems += [f"{stem}: {p}" for p in layout_problems(shown, kiosk.window, min(size) / 1080)]
    assert problems == []
    assert "back-pain-result" in stems and "stretching-result" in stems and "staff-statistics-back-pain" in stems


def test_staff_choose_which_lessons_are_offered_and_their_order(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], two_lessons: Path
) -> None:
    """Hiding a lesson leaves the old one-lesson attract screen; moving one up reorders the cards; both are saved."""
    kiosk = make_kiosk(content=two_lessons, transitions=False)
    kiosk.staff.show_lessons()
    page = kiosk.staff.lessons_page
    assert page.isVisible()
    hide_second = next(toggle for label, toggle, _ in page.rows if label.property("lesson") == "back-pain")
    tap(qtbot, hide_second)
    assert list(kiosk.flow.library.lessons) == ["stretching"]
    assert kiosk.window.attract.start.isVisible() and not kiosk.window.attract.topics.isVisible()
    assert 'lessons = "stretching"' in kiosk.settings_path.read_text(encoding="utf-8")
    show_again = next(toggle for label, toggle, _ in page.rows if label.property("lesson") == "back-pain")
    tap(qtbot, show_again)
    up = next(move for label, _, move in page.rows if label.property("lesson") == "back-pain")
    tap(qtbot, up)
    assert list(kiosk.flow.library.lessons) == ["back-pain", "stretching"]
    assert [card.property("lesson") for card in kiosk.window.attract.topics.cards] == ["back-pain", "stretching"]
    assert 'lessons = "back-pain,stretching"' in kiosk.settings_path.read_text(encoding="utf-8")


def test_a_lesson_without_the_visits_language_is_offered_in_its_own(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], two_lessons: Path
) -> None:
    """A lesson written only in Japanese, on an English attract screen: its card shows its own title and picture
    in Japanese (never blank, never missing), and tapping it runs the whole visit in Japanese, interface words
    included (a mixed-language screen would be worse than either)."""
    shutil.rmtree(two_lessons / "back-pain" / "en")
    kiosk = make_kiosk(content=two_lessons, transitions=False)
    english = next(b for b in kiosk.window.attract.language_buttons if b.property("language") == "en")
    tap(qtbot, english)
    cards = [card for card in kiosk.window.attract.topics.cards if card.isVisible()]
    assert [card.property("lesson") for card in cards] == ["stretching", "back-pain"]
    assert plain(cards[0].label.text()) == "When Stretching Makes Things Worse"
    assert plain(cards[1].label.text()) == "例：新しいレッスンの題名"
    assert cards[1].picture.name == "cover.svg"
    assert cards[1].note.isVisible() and plain(cards[1].note.text()) == "Japanese only", "the card says so"
    assert not cards[0].note.isVisible()
    tap(qtbot, cards[1])
    flow = kiosk.flow
    assert flow.state.lesson == "back-pain" and flow.state.language == "ja"
    assert kiosk.window.current_page is kiosk.window.slide
    assert plain(kiosk.window.slide.nav.next.text()) == plain(flow.lesson.strings.next) == "次へ"
    while flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        tap(qtbot, kiosk.window.slide.nav.next)
    assert flow.state.screen is Screen.QUESTION
    page = kiosk.window.question
    assert plain(page.prompt.text()) == plain(flow.lesson.questions[0].prompt) and page.prompt.isVisible()
    flow.answer(0)
    settle(QApplication)
    assert page.prompt.isVisible() and page.feedback.isVisible()
    assert plain(page.explanation.text()) == plain(flow.lesson.questions[0].explanation)


def test_a_card_whose_lesson_lacks_the_language_shown_says_which_it_is_in(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], two_lessons: Path
) -> None:
    """The note names the lesson's language in the words of the screen: 英語のみ on a Japanese screen, Japanese only
    on an English one; a lesson in the language shown has none. With the lesson lacking English first, the English
    screen's call and aids are still English (they are the screen's words, not the first lesson's)."""
    shutil.rmtree(two_lessons / "back-pain" / "ja")
    kiosk = make_kiosk(content=two_lessons, transitions=False, language="ja")
    attract = kiosk.window.attract

    def notes() -> dict[str, str]:
        shown = [card for card in attract.topics.cards if card.isVisible()]
        return {str(card.property("lesson")): plain(card.note.text()) * card.note.isVisible() for card in shown}

    assert notes() == {"stretching": "", "back-pain": "英語のみ"}
    assert "英語のみ" in kiosk.presenter.spoken_text(kiosk.flow.state).split("\n"), "read aloud with its card"
    shutil.rmtree(two_lessons / "back-pain")
    shutil.copytree(two_lessons / "stretching", two_lessons / "back-pain")
    (two_lessons / "back-pain" / "lesson.toml").write_text('id = "back-pain"\norder = 0\n', encoding="utf-8")
    shutil.rmtree(two_lessons / "back-pain" / "en")
    kiosk = make_kiosk(content=two_lessons, transitions=False, language="en")
    attract = kiosk.window.attract
    assert list(kiosk.flow.library.lessons) == ["back-pain", "stretching"]
    assert notes() == {"back-pain": "Japanese only", "stretching": ""}
    assert plain(attract.title.text()) == "Choose a topic to read", "the call in the language shown"
    assert plain(kiosk.window.aids.large_text.text()) == "Larger text"


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_the_lessons_screen_gives_each_title_room(
    make_kiosk: Callable[..., Kiosk], two_lessons: Path, size: tuple[int, int]
) -> None:
    """Portrait: each title has the screen's width, its buttons under it (beside them it had a third: a word a
    line, 「題名」 alone); landscape: the buttons beside it. Every title on one line either way."""
    kiosk = make_kiosk(content=two_lessons, transitions=False, size=size)
    kiosk.staff.show_lessons()
    settle(QApplication)
    page = kiosk.staff.lessons_page
    for label, toggle, up in page.rows:
        assert label.width() >= page.width() // 2, plain(label.text())
        assert len(label.lines()[0]) == 1, plain(label.text())
        beside = toggle.geometry().top() < label.geometry().bottom()
        assert beside == (size[0] > size[1]) and toggle.y() == up.y()
