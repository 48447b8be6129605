"""Finding lessons: content, lesson and language folders; ids, order; editor files ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.cache import inputs
from kiosk.content.folders import find_lessons, ignored
from kiosk.content.loader import load_library
from tests.conftest import SHIPPED_CONTENT, SHIPPED_LESSON


def _two_lessons(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SHIPPED_LESSON, root / "stretching")
    shutil.copytree(SHIPPED_LESSON, root / "second")
    (root / "second" / "lesson.toml").write_text('id = "second"\norder = 0\n', encoding="utf-8")
    return root


def test_shipped_content_is_one_lesson_with_its_languages() -> None:
    """The shipped content folder holds the stretching lesson with ja and en, pictures beside them."""
    lessons, problems = find_lessons(SHIPPED_CONTENT)
    assert problems == []
    (lesson,) = lessons
    assert lesson.id == "stretching" and [p.name for p in lesson.languages] == ["en", "ja"]
    assert (lesson.pictures / "seiza.svg").is_file()


def test_several_lessons_come_in_their_order(tmp_path: Path) -> None:
    """Lessons are sorted by lesson.toml's order, then id; each loads with its own pictures."""
    root = _two_lessons(tmp_path)
    library, problems = load_library(root)
    assert problems == []
    assert list(library.lessons) == ["second", "stretching"]


def test_a_lesson_or_a_language_folder_may_be_given(tmp_path: Path) -> None:
    """A lesson folder is one lesson; a language folder is that lesson in that language only."""
    root = _two_lessons(tmp_path)
    (lesson,) = find_lessons(root / "second")[0]
    assert lesson.id == "second" and len(lesson.languages) == 2
    (lesson,), problems = find_lessons(root / "second" / "ja")
    assert problems == [] and lesson.id == "second" and [p.name for p in lesson.languages] == ["ja"]
    library, problems = load_library(root / "second" / "ja")
    assert problems == [] and list(library.lessons["second"].translations) == ["ja"]


def test_two_lessons_with_one_id_are_refused(tmp_path: Path) -> None:
    """A copied lesson folder keeps its id: both are named in a path:line: message."""
    root = _two_lessons(tmp_path)
    (root / "second" / "lesson.toml").write_text('id = "stretching"\n', encoding="utf-8")
    library, problems = load_library(root)
    assert library is None
    (problem,) = problems
    assert "lesson.toml:1: lesson id 'stretching' is also the id of" in str(problem)


def test_bad_lesson_settings_are_located(tmp_path: Path) -> None:
    """A bad id, order, unknown key or broken TOML in lesson.toml each names the file."""
    root = _two_lessons(tmp_path)
    settings = root / "second" / "lesson.toml"
    for text, expected in [
        ('id = "Second Lesson"\n', "lesson id 'Second Lesson' must be lower-case letters, digits and -"),
        ('order = "first"\n', "order must be a whole number"),
        ('colour = "red"\n', "unknown key 'colour'"),
        ("id = \n", "not valid TOML"),
    ]:
        settings.write_text(text, encoding="utf-8")
        _, problems = find_lessons(root)
        assert [expected in str(p) and str(p).startswith(str(settings)) for p in problems] == [True], problems


def test_editor_files_are_never_content(tmp_path: Path) -> None:
    """Lock, swap and backup files and dangling links change nothing: same lessons, same cache inputs."""
    root = _two_lessons(tmp_path)
    before = inputs(root)
    ja = root / "second" / "ja"
    for name in (".#deck.md", "deck.md~", ".deck.md.swp", "#deck.md#"):
        (ja / name).write_text("junk", encoding="utf-8")
    (root / ".stfolder").mkdir()
    assert inputs(root) == before
    assert all(ignored(name) for name in (".#deck.md", "deck.md~", ".deck.md.swp", ".stfolder"))
    (ja / "gone.md").symlink_to(tmp_path / "nowhere")
    assert len(inputs(root)) == len(before) + 1  # a dangling link is listed, so no cache entry matches it
    library, problems = load_library(root)
    assert problems == [] and len(library.lessons) == 2
