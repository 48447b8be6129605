"""The lessons' one owner (kiosk.app.library), alone: no window, no flow, no Kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.library import LessonLibrary, Place, Problem, Source
from kiosk.config.settings import Settings
from kiosk.content.model import Library
from kiosk.core.errors import ConfigError
from tests.conftest import SHIPPED_LESSON, lesson_copies

SETTINGS_PROBLEM = ConfigError("settings.toml", 3, "idle_seconds", "not a number")


def _library(tmp_path: Path, ids: tuple[str, ...] = ("one", "two"), **settings: object) -> LessonLibrary:
    content = lesson_copies(SHIPPED_LESSON, tmp_path / "content", ids)
    shown: list[Library | None] = [None]
    place = Place(content, None, tmp_path / "cache" / "content-snapshots", tmp_path / "settings.toml", watch=False)
    lessons = LessonLibrary(place, Settings(**settings), lambda: shown[0], [SETTINGS_PROBLEM])  # type: ignore[arg-type]
    lessons.offered_changed.connect(lambda library, _: shown.__setitem__(0, library))
    return lessons


def _break(content: Path, lesson: str) -> None:
    toml = content / lesson / "lesson.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'attract = ["no-such-slide"]\n', encoding="utf-8")


def test_start_up_offers_the_chosen_lessons_in_their_order(qtbot: QtBot, tmp_path: Path) -> None:
    """The staff's choice (setting `lessons`) picks and orders what is offered; rows list every lesson."""
    lessons = _library(tmp_path, ("one", "two", "three"), lessons="three,one")
    offered = lessons.load()
    assert offered is not None and list(offered.lessons) == ["three", "one"]
    assert [(row.lesson, row.shown) for row in lessons.rows("ja")] == [
        ("three", True),
        ("one", True),
        ("two", False),
    ]


def test_settings_problems_come_first_in_the_one_list(qtbot: QtBot, tmp_path: Path) -> None:
    """A kiosk whose content loads still lists the settings' problems, with their source."""
    lessons = _library(tmp_path)
    assert lessons.load() is not None
    assert lessons.problems() == [Problem(Source.SETTINGS, str(SETTINGS_PROBLEM))]


@pytest.mark.allow_warnings
def test_broken_content_at_start_is_a_start_problem(qtbot: QtBot, tmp_path: Path) -> None:
    """Content that fails at start-up: nothing offered, and the located problem on the list after the settings'."""
    lessons = _library(tmp_path)
    _break(lessons.place.content_root, "two")
    assert lessons.load() is None
    sources = [problem.source for problem in lessons.problems()]
    assert sources == [Source.SETTINGS, Source.START]
    assert "no-such-slide" in lessons.problems()[1].text and "two" in lessons.problems()[1].text


@pytest.mark.allow_warnings
def test_a_failed_reload_keeps_the_lessons_and_says_why_until_one_succeeds(qtbot: QtBot, tmp_path: Path) -> None:
    """A reload that fails changes nothing offered and adds RELOAD problems; the next good one clears every
    content problem and offers the new library at once, the settings' problems stay."""
    lessons = _library(tmp_path)
    first = lessons.load()
    lessons.offered_changed.emit(first, True)  # as the wiring shows it
    toml = lessons.place.content_root / "two" / "lesson.toml"
    good = toml.read_text(encoding="utf-8")
    _break(lessons.place.content_root, "two")
    with qtbot.assertNotEmitted(lessons.offered_changed), qtbot.waitSignal(lessons.problems_changed):
        assert lessons.reload()
    assert [p.source for p in lessons.problems()] == [Source.SETTINGS, Source.RELOAD]
    toml.write_text(good, encoding="utf-8")
    with qtbot.waitSignal(lessons.offered_changed) as offered:
        assert lessons.reload() == []
    assert offered.args is not None and offered.args[1] is True and offered.args[0] is not first
    assert [p.source for p in lessons.problems()] == [Source.SETTINGS]


def test_a_lesson_hidden_by_staff_is_saved_and_offered_from_the_next_attract(qtbot: QtBot, tmp_path: Path) -> None:
    """Hiding a lesson saves the choice in the settings file and offers the rest (not at once: after the visit)."""
    lessons = _library(tmp_path)
    assert lessons.load() is not None
    with qtbot.waitSignal(lessons.offered_changed) as offered:
        lessons.change("toggle", "one")
    assert offered.args is not None and list(offered.args[0].lessons) == ["two"] and offered.args[1] is False
    assert 'lessons = "two"' in lessons.place.settings_path.read_text(encoding="utf-8")
    lessons.change("toggle", "two")  # the last lesson offered never hides
    assert [(row.lesson, row.shown) for row in lessons.rows("ja")] == [("two", True), ("one", False)]


@pytest.mark.allow_warnings
def test_the_heartbeat_reports_the_one_list_relative_to_the_content_folder(qtbot: QtBot, tmp_path: Path) -> None:
    """The chain's hub gets the same problems staff see, without this kiosk's own folders in them."""
    lessons = _library(tmp_path)
    lessons.offered_changed.emit(lessons.load(), True)  # as the wiring shows it
    _break(lessons.place.content_root, "two")
    lessons.reload()
    _, offered, problems = lessons.heartbeat()
    assert offered == ("one", "two")
    assert len(problems) == 2 and problems[1].startswith("two/lesson.toml:")
    assert not any(str(tmp_path) in problem for problem in problems)


def test_slow_pictures_stay_in_the_one_list_when_content_reloads(qtbot: QtBot, tmp_path: Path) -> None:
    """A picture over the drawing budget is named after the content problems and stays when new content loads (the
    same picture is still slow until the kiosk restarts and draws it again)."""
    lessons = _library(tmp_path)
    lessons.offered_changed.emit(lessons.load(), True)
    with qtbot.waitSignal(lessons.problems_changed):
        lessons.set_picture_problems(["picture one/pictures/a.svg took more than 2 s to draw"])
    assert lessons.reload() == []
    assert [p.source for p in lessons.problems()] == [Source.SETTINGS, Source.PICTURES]


@pytest.mark.allow_warnings
def test_new_content_refused_in_the_background_is_on_the_one_list(qtbot: QtBot, tmp_path: Path) -> None:
    """Content that failed validation in the background (the update checker's `refused`) is an UPDATE problem on
    the one list that staff, the desk page and the chain read."""
    lessons = _library(tmp_path)
    assert lessons.load() is not None
    lessons.place = lessons.place._replace(watch=True)  # a watching kiosk (which offers only published lessons)
    lessons.settings = Settings(content_poll_seconds=3600)
    lessons.start_updates()
    assert lessons.updates is not None
    refused = ConfigError("content/two/lesson.toml", 4, "attract", "no such slide")
    with qtbot.waitSignal(lessons.problems_changed):
        lessons.updates.refused.emit([refused])  # as the checker does when the folder's new content fails
    assert lessons.problems() == [Problem(Source.SETTINGS, str(SETTINGS_PROBLEM)), Problem(Source.UPDATE, str(refused))]
    assert any("no such slide" in problem for problem in lessons.heartbeat()[2])
    lessons.close()
