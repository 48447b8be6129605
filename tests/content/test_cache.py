"""The content cache: unchanged content skips parsing; any edit validates again; a bad cache is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import cache
from kiosk.content.cache import load_content
from tests.conftest import ILLUSTRATIONS


def test_second_load_comes_from_the_cache(shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After one validated load, the same files load without the parser, and equal."""
    first, problems = load_content(shipped_copy, ILLUSTRATIONS, tmp_path / "cache")
    assert problems == [] and first is not None
    import kiosk.content.loader as loader

    monkeypatch.setattr(loader, "load_library", lambda *a: pytest.fail("parsed again"))
    second, _ = load_content(shipped_copy, ILLUSTRATIONS, tmp_path / "cache")
    assert second == first


def test_an_edit_is_validated_again(shipped_copy: Path, tmp_path: Path) -> None:
    """Breaking a file after it was cached is caught: the cache never hides a problem."""
    load_content(shipped_copy, ILLUSTRATIONS, tmp_path / "cache")
    quiz = shipped_copy / "ja" / "quiz.md"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("- [x]", "- [ ]", 1) + "\n", encoding="utf-8")
    library, problems = load_content(shipped_copy, ILLUSTRATIONS, tmp_path / "cache")
    assert library is None and any("no right answer" in str(p) for p in problems)


def test_a_damaged_cache_is_rebuilt(shipped_copy: Path, tmp_path: Path) -> None:
    """A truncated cache file is ignored and replaced."""
    folder = tmp_path / "cache"
    load_content(shipped_copy, ILLUSTRATIONS, folder)
    (cached,) = folder.glob("content-*.pickle")
    cached.write_bytes(cached.read_bytes()[:50])
    library, problems = load_content(shipped_copy, ILLUSTRATIONS, folder)
    assert library is not None and problems == []
    assert cache.fingerprint(shipped_copy, ILLUSTRATIONS) in next(folder.glob("content-*.pickle")).name
