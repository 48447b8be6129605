"""The content cache: unchanged content skips parsing; any edit validates again; a bad cache is ignored."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from kiosk.content import cache
from kiosk.content.cache import load_content


def test_second_load_comes_from_the_cache(shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After one validated load, the same files load without the parser, and equal."""
    first, problems = load_content(shipped_copy, tmp_path / "cache")
    assert problems == [] and first is not None
    import kiosk.content.loader as loader

    monkeypatch.setattr(loader, "load_library", lambda *a: pytest.fail("parsed again"))
    second, _ = load_content(shipped_copy, tmp_path / "cache")
    assert second == first


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
    form, key, inputs, library = pickle.loads(entry.read_bytes())
    (name, size, mtime), *rest = inputs
    entry.write_bytes(pickle.dumps((form, key, ((name, size + 1, mtime), *rest), library)))
    import kiosk.content.loader as loader

    parsed = []
    real = loader.load_lesson_folder
    monkeypatch.setattr(loader, "load_lesson_folder", lambda *a: parsed.append(a) or real(*a))
    again, problems = load_content(shipped_copy, folder)
    assert parsed, "a stale entry is never used"
    assert again is not None and again.first == library and problems == []
