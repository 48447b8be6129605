"""The content cache: unchanged content skips parsing; any edit validates again; a bad cache is ignored."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from kiosk.content import cache
from kiosk.content.cache import load_content
from tests.conftest import lesson_copies


def test_second_load_comes_from_the_cache(shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After one validated load, the same files load without the parser, and equal."""
    first, problems = load_content(shipped_copy, tmp_path / "cache")
    assert problems == [] and first is not None
    import kiosk.content.loader as loader

    monkeypatch.setattr(loader, "load_lesson_folder", lambda *a: pytest.fail("parsed again"))
    second, _ = load_content(shipped_copy, tmp_path / "cache")
    assert second == first


def test_a_cached_start_reads_no_lesson_toml(
    shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged content starts without TOML: the lesson's id and order come from the cache entry."""
    first, _ = load_content(shipped_copy, tmp_path / "cache")
    from kiosk.content import folders

    monkeypatch.setattr(folders, "_read_settings", lambda *a: pytest.fail("lesson.toml read again"))
    second, problems = load_content(shipped_copy, tmp_path / "cache")
    assert problems == [] and second == first and second is not None and list(second.lessons) == ["stretching"]


def test_an_edit_to_lesson_toml_is_seen(shipped_copy: Path, tmp_path: Path) -> None:
    """A new id in lesson.toml after caching names the lesson anew (lesson.toml is one of the entry's inputs)."""
    load_content(shipped_copy, tmp_path / "cache")
    settings = shipped_copy / "lesson.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"stretching"', '"stretching-two"'), "utf-8")
    library, problems = load_content(shipped_copy, tmp_path / "cache")
    assert problems == [] and library is not None and list(library.lessons) == ["stretching-two"]


def test_two_cached_lessons_with_one_id_are_a_problem(tmp_path: Path, shipped_copy: Path) -> None:
    """Each lesson valid and cached alone, the two together still share an id: reported, never shown."""
    content = tmp_path / "both"
    for name in ("one", "two"):
        shutil.copytree(shipped_copy, content / name)
        assert load_content(content / name, tmp_path / "cache")[1] == []
    library, problems = load_content(content, tmp_path / "cache")
    assert library is None and any("is also the id of" in str(p) for p in problems)


def test_an_edit_is_validated_again(shipped_copy: Path, tmp_path: Path) -> None:
    """Breaking a file after it was cached is caught: the cache never hides a problem."""
    load_content(shipped_copy, tmp_path / "cache")
    quiz = shipped_copy / "ja" / "quiz.md"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("- [x]", "- [ ]", 1) + "\n", encoding="utf-8")
    library, problems = load_content(shipped_copy, tmp_path / "cache")
    assert library is None and any("no right answer" in str(p) for p in problems)


def test_a_damaged_cache_is_rebuilt(shipped_copy: Path, tmp_path: Path) -> None:
    """A truncated cache file is ignored and replaced."""
    folder = tmp_path / "cache"
    load_content(shipped_copy, folder)
    (cached,) = folder.glob("content-*.pickle")
    cached.write_bytes(cached.read_bytes()[:50])
    library, problems = load_content(shipped_copy, folder)
    assert library is not None and problems == []
    assert cached.stat().st_size > 50, "the damaged entry is replaced by a whole one"


def test_each_folder_keeps_its_own_entry(shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Alternating between two content folders parses each only once."""
    other = tmp_path / "other"
    shutil.copytree(shipped_copy, other)
    folder = tmp_path / "cache"
    first = {root: load_content(root, folder)[0] for root in (shipped_copy, other)}
    assert len(list(folder.glob("content-*.pickle"))) == 2
    import kiosk.content.loader as loader

    monkeypatch.setattr(loader, "load_library", lambda *a: pytest.fail("parsed again"))
    for root in (shipped_copy, other, shipped_copy):
        assert load_content(root, folder)[0] == first[root]


def test_an_entry_made_from_other_inputs_is_not_used(
    shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the file is called, its recorded inputs must match the files as they are now."""
    folder = tmp_path / "cache"
    load_content(shipped_copy, folder)
    entry = cache.entry_path(folder, shipped_copy)
    form, key, inputs, lesson_folder, library = pickle.loads(entry.read_bytes())
    (name, size, mtime), *rest = inputs
    entry.write_bytes(pickle.dumps((form, key, ((name, size + 1, mtime), *rest), lesson_folder, library)))
    import kiosk.content.loader as loader

    parsed = []
    real = loader.load_lesson_folder
    monkeypatch.setattr(loader, "load_lesson_folder", lambda *a: parsed.append(a) or real(*a))
    again, problems = load_content(shipped_copy, folder)
    assert parsed, "a stale entry is never used"
    assert again is not None and again.first == library and problems == []


def test_the_engine_is_looked_at_once_for_every_lesson(
    tmp_path: Path, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several lessons share one walk of the engine's code: start-up grows with the lessons, not with the code."""
    content = lesson_copies(shipped_copy, tmp_path / "several", ("one", "two", "three"))
    walked: list[tuple[Path, ...]] = []
    real = cache._walk
    monkeypatch.setattr(cache, "_walk", lambda folders: walked.append(folders) or real(folders))
    for _ in range(2):  # the first load validates and fills the cache, the second is a start-up from it
        walked.clear()
        library, problems = load_content(content, tmp_path / "cache")
        assert problems == [] and library is not None and len(library.lessons) == 3
        assert walked.count((cache.ENGINE,)) == 1
