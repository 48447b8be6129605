"""The attract screen: its loop of pictures and lines, a touch anywhere at any moment starting the visit at once,
nothing running at rest or behind another screen, and the loop across several lessons' topic cards."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QVariantAnimation
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.core.typeset import plain
from kiosk.staff.pin import save_pin
from kiosk.ui.widgets.crossfade import CrossFade
from kiosk.ui.widgets.illustration import Illustration
from kiosk.visit.flow import Screen
from tests.conftest import SHIPPED_LESSON
from tests.conftest import written_lesson as new_lesson
from tests.ui.first_screen import first_screen

QUICK = Settings(attract_seconds=0.05)  # tests only: a file may not go under 3 s


def _running(widget: QWidget) -> list[QVariantAnimation]:
    return [a for a in widget.findChildren(QVariantAnimation) if a.state() == QVariantAnimation.State.Running]


def _expected_loop(kiosk: Kiosk) -> list[tuple[str, str]]:
    """(picture, line) of each picture of the shipped lesson's loop, in the language shown."""
    assert kiosk.flow is not None
    lesson, text = kiosk.flow.current, kiosk.flow.lesson
    return [(image or "", plain(line)) for image, line in text.attract_loop(lesson.attract)]


def _loop_of(kiosk: Kiosk, lesson_id: str) -> list[tuple[str | None, str]]:
    assert kiosk.flow is not None
    return list(kiosk.flow.lesson_in(lesson_id).attract_loop(kiosk.flow.library.lessons[lesson_id].attract))


def _shown(kiosk: Kiosk) -> tuple[str, str]:
    attract = kiosk.window.attract
    return attract.illustration.name, plain(attract.subtitle.text())


def _click(widget: QWidget, point: QPoint) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_a_touch_anywhere_starts_the_visit(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A tap on the picture, on the title, on the line or on empty page starts the visit on the first slide."""
    attract = kiosk.window.attract
    for widget, point in (
        (attract.illustration, QPoint(5, 5)),
        (attract.title, QPoint(5, 5)),
        (attract.subtitle, QPoint(5, 5)),
        (attract, QPoint(20, 400)),
    ):
        kiosk.flow.end_visit("home")
        assert kiosk.flow.state.screen is Screen.ATTRACT
        _click(widget, point)
        assert kiosk.flow.state.screen is Screen.SLIDE, widget


def test_the_picture_and_its_line_change_on_the_loop_timer(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """With a tiny interval from the settings the loop moves by itself: the first chosen slide's picture and heading."""
    kiosk = make_kiosk(settings=QUICK, transitions=False)  # no fade: the next tick would cut it short anyway
    loop = _expected_loop(kiosk)
    assert _shown(kiosk) == loop[0]  # the cover and the deck's subtitle first
    with qtbot.waitSignal(kiosk.attract_loop.moved, timeout=5000):
        pass
    assert _shown(kiosk) == loop[1]
    with qtbot.waitSignal(kiosk.attract_loop.moved, timeout=5000):
        pass
    assert _shown(kiosk) == loop[2]


def test_the_loop_goes_round_every_picture_and_back_to_the_cover(make_kiosk: Callable[..., Kiosk]) -> None:
    """Driven tick by tick: each chosen slide's picture with its heading in turn, then the cover again."""
    kiosk = make_kiosk(transitions=False)
    loop = _expected_loop(kiosk)
    assert len(loop) == 5
    seen = [_shown(kiosk)]
    for _ in loop:
        kiosk.attract_loop.tick()
        seen.append(_shown(kiosk))
    assert seen == [*loop, loop[0]]
    assert isinstance(kiosk.window.attract.illustration, CrossFade)


@pytest.mark.parametrize("moment", ["at rest", "as a fade starts", "mid-fade", "as a fade ends"])
def test_a_touch_at_any_moment_of_the_loop_starts_the_visit(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], moment: str
) -> None:
    """Before, during or right after a cross-fade, a tap on the picture starts the visit at once; nothing fades on."""
    kiosk = make_kiosk()
    attract = kiosk.window.attract
    attract.fade_ms = 10_000  # a fade long enough to tap into (the real one is 0.6 s)
    if moment != "at rest":
        kiosk.attract_loop.tick()
        fade = attract.illustration
        assert isinstance(fade, CrossFade) and fade.fading
        if moment == "mid-fade":
            qtbot.waitUntil(lambda: 0 < fade.progress < 1, timeout=5000)
        elif moment == "as a fade ends":
            fade.stop()
    _click(attract.illustration, QPoint(5, 5))
    assert kiosk.flow.state.screen is Screen.SLIDE
    assert kiosk.window.current_page is kiosk.window.slide
    assert _running(attract) == [] and not kiosk.attract_loop.running


def test_nothing_runs_at_rest_between_two_pictures(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """After a fade: no running animation and no opacity effect left on the line (the old ring cost 4-6 % of a core)."""
    kiosk = make_kiosk()
    qtbot.waitExposed(kiosk.window)
    QApplication.processEvents()
    assert _running(kiosk.window.attract) == []
    kiosk.attract_loop.tick()
    fade = kiosk.window.attract.illustration
    assert isinstance(fade, CrossFade)
    qtbot.waitUntil(lambda: not fade.fading, timeout=5000)
    assert _running(kiosk.window.attract) == []
    assert kiosk.window.attract.subtitle.graphicsEffect() is None
    assert _shown(kiosk) == _expected_loop(kiosk)[1]


def test_the_loop_stops_when_the_screen_is_hidden_and_starts_again_when_shown(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    """A visit, a staff screen or the desk's hold: no timer and no fade; back on the attract screen it runs again,
    from the cover."""
    kiosk = make_kiosk()
    save_pin(kiosk.config_dir / "pin.json", "246810")
    loop, attract = kiosk.attract_loop, kiosk.window.attract
    assert loop.running
    attract.fade_ms = 10_000
    loop.tick()
    kiosk.flow.start()  # mid-fade
    assert not loop.running and _running(attract) == []
    assert not attract.illustration.isVisible()
    kiosk.flow.end_visit("home")
    assert loop.running and _shown(kiosk) == _expected_loop(kiosk)[0] and _running(attract) == []
    kiosk.open_staff()
    assert not loop.running
    kiosk.close_staff()
    assert loop.running
    kiosk.hold_attract(True)
    assert not loop.running and attract.illustration.name == _expected_loop(kiosk)[0][0]
    kiosk.hold_attract(False)
    assert loop.running


def test_an_aid_turned_on_keeps_the_loop_where_it_is(make_kiosk: Callable[..., Kiosk]) -> None:
    """Large text on the attract screen redraws the screen but does not jump the loop back to the cover."""
    kiosk = make_kiosk(transitions=False)
    kiosk.attract_loop.tick()
    kiosk.flow.set_aids(large_text=True)
    assert _shown(kiosk) == _expected_loop(kiosk)[1]
    kiosk.attract_loop.tick()
    assert _shown(kiosk) == _expected_loop(kiosk)[2]


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)], ids=str)
@pytest.mark.parametrize("large", [False, True], ids=["plain", "large"])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_only_the_picture_and_its_line_change_nothing_moves(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], large: bool, language: str
) -> None:
    """Every picture of the loop: the title, the line's box, the start and language buttons stay exactly where they are
    (the line's box is as tall as the loop's tallest line: in English the subtitle takes two lines, headings one)."""
    kiosk = make_kiosk(size=size, transitions=False, language=language)
    kiosk.flow.set_aids(large_text=large)
    attract = kiosk.window.attract
    fixed = [attract.title, attract.subtitle, attract.start, *attract.findChildren(type(attract.start))]

    def places() -> list[tuple[int, int, int, int]]:
        QApplication.processEvents()
        return [w.geometry().getRect() for w in fixed] + [attract.illustration.geometry().getRect()]

    first = places()
    for _ in range(len(_expected_loop(kiosk))):
        kiosk.attract_loop.tick()
        assert places() == first


@pytest.fixture
def two_lessons(tmp_path: Path) -> Path:
    """The shipped lesson and a generated second one whose second slide has a picture of its own."""
    content = tmp_path / "two"
    shutil.copytree(SHIPPED_LESSON, content / "stretching")
    made = new_lesson(content, "back-pain")
    shutil.copyfile(SHIPPED_LESSON / "pictures" / "situp.svg", made / "pictures" / "second.svg")
    for deck in made.glob("*/deck.md"):
        text = deck.read_text(encoding="utf-8").replace("id: second; image: cover.svg", "id: second; image: second.svg")
        deck.write_text(text, encoding="utf-8")
    return content


def test_with_several_lessons_the_cards_take_turns_round_every_lesson(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], two_lessons: Path
) -> None:
    """Each card fades through its own lesson's pictures and lines, one card at a time, until every picture of every
    lesson has shown; a card stays a card: tapping it mid-fade starts its lesson."""
    kiosk = make_kiosk(content=two_lessons, transitions=False)
    attract = kiosk.window.attract
    assert attract.topics is not None
    cards = [card for card in attract.topics.cards if card.isVisible()]
    expected = {
        lesson_id: {(image, plain(line)) for image, line in _loop_of(kiosk, lesson_id)}
        for lesson_id, lesson in kiosk.flow.library.lessons.items()
    }
    assert [len(pictures) for pictures in expected.values()] == [5, 2]
    seen: dict[str, set[tuple[str, str]]] = {card.property("lesson"): set() for card in cards}
    for _ in range(8):  # (5 - 1) + (2 - 1) moves go round both; more come back
        for card in cards:
            seen[card.property("lesson")].add((card.picture.name, plain(card.line.text())))
        before = [(card.picture.name, card.line.text()) for card in cards]
        kiosk.attract_loop.tick()
        after = [(card.picture.name, card.line.text()) for card in cards]
        assert sum(b != a for b, a in zip(before, after, strict=True)) == 1  # one card at a time
    assert seen == expected
    attract.fade_ms = 10_000
    kiosk.attract_loop.tick()
    assert any(isinstance(card.picture, CrossFade) and card.picture.fading for card in cards)
    QTest.mouseClick(cards[1], Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.lesson == "back-pain" and kiosk.flow.state.screen is Screen.SLIDE
    assert not kiosk.attract_loop.running and _running(attract) == []


def test_start_up_builds_no_cross_fade(tmp_path: Path) -> None:
    """The first screen is drawn by a plain Illustration; the loop's clock and cross-fade are not even imported."""
    probe = (
        "(type(k.window.attract.illustration).__name__, k.window.attract.illustration.name,"
        " sorted(m for m in sys.modules if m.endswith(('crossfade', 'attract_loop'))))"
    )
    assert first_screen(tmp_path, probe) == repr(("Illustration", "attract.svg", []))
    assert issubclass(CrossFade, Illustration)  # the layout checks see the loop's picture as a picture


@pytest.mark.allow_warnings
def test_a_bad_attract_list_never_crashes_the_kiosk(make_kiosk: Callable[..., Kiosk], shipped_copy: Path) -> None:
    """A slide that does not exist in lesson.toml's attract: the calm page, the located problem for staff; and a
    staff reload of fixed content brings the loop back."""
    settings = shipped_copy / "lesson.toml"
    good = settings.read_text(encoding="utf-8")
    settings.write_text(good.replace('"clinic-checks"]', '"no-such-slide"]'), encoding="utf-8")
    kiosk = make_kiosk(content=shipped_copy.parent, transitions=False)
    assert kiosk.flow is None
    (problem,) = kiosk.lessons.problem_texts()
    line = next(n for n, text in enumerate(good.splitlines(), start=1) if text.startswith("attract ="))
    assert problem.startswith(f"{settings}:{line}: attract: no slide has the id 'no-such-slide'")
    settings.write_text(good, encoding="utf-8")
    assert kiosk.lessons.reload() == []
    kiosk.attract_loop.tick()
    assert kiosk.window.current_page is kiosk.window.attract and _shown(kiosk) == _expected_loop(kiosk)[1]
