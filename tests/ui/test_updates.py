"""New content reaching the running kiosk by itself: never during a visit, never when invalid."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.content.publish import publish, write_manifest
from kiosk.visit.flow import Screen
from tests.conftest import SHIPPED_LESSON
from tests.conftest import written_lesson as new_lesson

QUICK = Settings(content_poll_seconds=0.02, content_quiet_seconds=0.1)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "live"
    shutil.copytree(SHIPPED_LESSON, root / "stretching")
    return root


def watching(make_kiosk: Callable[..., Kiosk], content: Path) -> Kiosk:
    kiosk = make_kiosk(content=content, transitions=False, settings=QUICK, watch_content=True)
    kiosk.lessons.start_updates()
    assert kiosk.lessons.updates is not None
    return kiosk


def test_new_content_during_a_visit_shows_only_after_it(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], content: Path
) -> None:
    """A lesson added mid-visit validates in the background; the visit goes on; the next attract offers both."""
    kiosk = watching(make_kiosk, content)
    kiosk.flow.start()
    kiosk.flow.next()
    made = new_lesson(content, "back-pain")
    publish(made)

    def both_waiting() -> bool:
        return kiosk.flow.pending is not None and list(kiosk.flow.pending.lessons) == ["stretching", "back-pain"]

    qtbot.waitUntil(both_waiting, timeout=20_000)
    assert kiosk.flow.state.screen is Screen.SLIDE and kiosk.flow.state.slide == 1
    assert list(kiosk.flow.library.lessons) == ["stretching"]
    kiosk.flow.next()
    assert kiosk.window.current_page is kiosk.window.slide
    kiosk.flow.end_visit("home")
    assert list(kiosk.flow.library.lessons) == ["stretching", "back-pain"]
    cards = [card for card in kiosk.window.attract.topics.cards if card.isVisible()]
    assert len(cards) == 2 and cards[1].picture.name == "cover.svg"


@pytest.mark.allow_warnings
def test_invalid_new_content_never_shows_and_staff_see_why(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], content: Path
) -> None:
    """A deck with a picture that is missing: the old content stays, the problem is logged and on the staff menu."""
    kiosk = watching(make_kiosk, content)
    before = kiosk.flow.library
    deck = content / "stretching" / "ja" / "deck.md"
    with qtbot.waitSignal(kiosk.lessons.updates.refused, timeout=20_000) as refused:
        deck.write_text(deck.read_text(encoding="utf-8").replace("seiza.svg", "missing.svg"), encoding="utf-8")
        write_manifest(content / "stretching", "stretching")  # published unchecked (a hub with another version)
    assert any("missing.svg" in str(p) for p in refused.args[0])
    assert kiosk.flow.library is before and kiosk.window.attract.topics is None
    assert any("missing.svg" in note for note in kiosk.lessons.problem_texts())
    kiosk.staff.show_menu()
    assert "missing.svg" in kiosk.staff.menu.notes.text()


@pytest.mark.allow_warnings
def test_a_folder_that_disappears_keeps_the_kiosk_running(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], content: Path
) -> None:
    """The content folder removed under the kiosk: one problem, the lesson stays on screen and still runs."""
    kiosk = watching(make_kiosk, content)
    with qtbot.waitSignal(kiosk.lessons.updates.refused, timeout=20_000):
        shutil.rmtree(content)
    assert kiosk.flow.start() and kiosk.window.current_page is kiosk.window.slide


@pytest.mark.allow_warnings
def test_a_new_lesson_and_an_edit_not_published_never_reach_patients(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], content: Path
) -> None:
    """A draft made with new-lesson is never offered; a hand edit without `kiosk publish` is refused, staff told."""
    kiosk = watching(make_kiosk, content)
    before = kiosk.flow.library
    new_lesson(content, "back-pain")
    deck = content / "stretching" / "ja" / "deck.md"
    with qtbot.waitSignal(kiosk.lessons.updates.refused, timeout=20_000) as refused:
        deck.write_text(deck.read_text(encoding="utf-8").replace("title: ", "title: 改訂 ", 1), encoding="utf-8")
    assert any("deck.md" in str(p) and "kiosk publish" in str(p) for p in refused.args[0])
    assert kiosk.flow.library is before and kiosk.flow.pending is None
    kiosk.staff.show_menu()
    assert "kiosk publish" in kiosk.staff.menu.notes.text()
    publish(content / "stretching")
    qtbot.waitUntil(lambda: kiosk.flow.library is not before, timeout=20_000)  # idle attract: shown at once
    assert list(kiosk.flow.library.lessons) == ["stretching"]


@pytest.mark.allow_warnings
def test_a_kiosk_shows_a_snapshot_never_the_live_folder_and_a_restart_reuses_it(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], content: Path
) -> None:
    """What a kiosk shows (and plays) comes from a snapshot checked against the manifest: a file changed in the live
    folder afterwards is not what it shows; a restart with the same files starts from the same snapshot."""
    kiosk = watching(make_kiosk, content)
    root = kiosk.lessons.shown_root()
    assert root != content and root.parent == kiosk.lessons.place.snapshots
    assert (root / "stretching" / "manifest.json").read_bytes() == (
        content / "stretching" / "manifest.json"
    ).read_bytes()
    deck = content / "stretching" / "ja" / "deck.md"
    with qtbot.waitSignal(kiosk.lessons.updates.refused, timeout=20_000):
        deck.write_bytes(deck.read_bytes()[:-40])  # cut short: still arriving
    assert (
        kiosk.lessons.shown_root() == root
        and (root / "stretching" / "ja" / "deck.md").read_bytes() != deck.read_bytes()
    )
    kiosk.close()
    deck.write_bytes((SHIPPED_LESSON / "ja" / "deck.md").read_bytes())
    shutil.copystat(SHIPPED_LESSON / "ja" / "deck.md", deck)
    again = make_kiosk(content=content, transitions=False, settings=QUICK, watch_content=True)
    assert again.lessons.shown_root() == root and again.flow is not None


def test_a_new_lessons_card_shows_its_picture_and_line_from_the_first_frame(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], content: Path
) -> None:
    """A lesson that arrives while the attract screen is up has its picture drawn and its line at once."""
    kiosk = watching(make_kiosk, content)
    kiosk.window.show()
    with qtbot.waitSignal(kiosk.lessons.updates.arrived, timeout=20_000):
        publish(new_lesson(content, "back-pain"))
    # The cards are made when the library first has two lessons (topics is None until then): a busy machine may
    # take a moment more after `arrived`.
    qtbot.waitUntil(lambda: len([c for c in getattr(kiosk.window.attract.topics, "cards", []) if c.isVisible()]) == 2)
    card = [c for c in kiosk.window.attract.topics.cards if c.isVisible()][1]
    image = card.picture.grab().toImage()
    drawn = sum(
        1
        for x in range(0, image.width(), 8)
        for y in range(0, image.height(), 8)
        if image.pixelColor(x, y).name() != image.pixelColor(0, 0).name()
    )
    assert drawn > 10, "the new card's picture is blank"
    assert card.line.text() and card.line.isVisible()
