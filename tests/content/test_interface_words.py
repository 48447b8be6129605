"""The kiosk's own interface words, and a lesson's ui.toml that changes only some of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import load_library
from kiosk.content.strings import INTERFACE, parse_strings, required
from kiosk.core.textfile import read_text
from kiosk.core.typeset import plain
from tests.conftest import lesson_copies


def _words(path: Path) -> dict[str, str]:
    import tomllib

    return tomllib.loads(read_text(path))


@pytest.mark.parametrize("builtin", sorted(INTERFACE.glob("*.toml")), ids=lambda path: path.stem)
def test_the_kiosks_own_words_give_every_key(builtin: Path) -> None:
    """Each of the kiosk's own files is a whole, valid ui.toml: a lesson in that language may give none."""
    strings, problems = parse_strings(read_text(builtin), builtin)
    assert problems == [] and strings is not None
    assert set(_words(builtin)) == set(required())


def test_a_lesson_from_an_older_kiosk_keeps_working(shipped_copy: Path) -> None:
    """A ui.toml that lacks keys the kiosk learnt later validates; the missing words are the kiosk's own."""
    (shipped_copy / "ja" / "ui.toml").write_text('next = "つぎへ"\n', encoding="utf-8")
    library, problems = load_library(shipped_copy.parent)
    assert problems == [] and library is not None
    strings = library.first.translation("ja").strings
    assert plain(strings.next) == "つぎへ", "the lesson's own word wins"
    assert plain(strings.score_none) == _words(INTERFACE / "ja.toml")["score_none"], "a key it never had is the kiosk's"


def test_a_lesson_needs_no_ui_toml(shipped_copy: Path) -> None:
    """Without ui.toml a language the kiosk has words for shows the kiosk's words."""
    for language in ("ja", "en"):
        (shipped_copy / language / "ui.toml").unlink()
    library, problems = load_library(shipped_copy.parent)
    assert problems == [] and library is not None
    assert plain(library.first.translation("en").strings.qr_caption) == _words(INTERFACE / "en.toml")["qr_caption"]


def test_the_shipped_lesson_says_what_its_qr_code_opens(shipped_copy: Path) -> None:
    """The shipped lesson's ui.toml changes the QR caption (the clinic's map and reviews) and nothing else."""
    library, _ = load_library(shipped_copy.parent)
    assert library is not None
    for language in ("ja", "en"):
        own = _words(shipped_copy / language / "ui.toml")
        assert set(own) == {"qr_caption"}
        assert plain(library.first.translation(language).strings.qr_caption) == own["qr_caption"]


def test_a_language_the_kiosk_has_no_words_for_gives_every_key(shipped_copy: Path) -> None:
    """A new language brings its whole ui.toml; each missing key is reported at ui.toml, saying why."""
    shutil.copytree(shipped_copy / "en", shipped_copy / "ko")
    library, problems = load_library(shipped_copy.parent)
    found = [str(problem) for problem in problems]
    assert library is None
    assert len([m for m in found if "ko/ui.toml" in m and "missing" in m]) == len(required()) - 1  # all but qr_caption
    assert all("the kiosk has its own words only for en, ja" in m for m in found if "ko/ui.toml" in m), found


def test_a_misspelt_key_is_still_a_problem(shipped_copy: Path) -> None:
    """Giving only some keys does not let a typo through: `nxet` is reported on its line."""
    (shipped_copy / "ja" / "ui.toml").write_text('# one word\nnxet = "つぎへ"\n', encoding="utf-8")
    library, problems = load_library(shipped_copy.parent)
    assert library is None
    assert [str(p).split("/ja/")[-1] for p in problems] == ["ui.toml:2: unknown key 'nxet'"]


def test_the_kiosks_own_words_are_read_once_for_every_lesson(
    tmp_path: Path, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three lessons in two languages read each of the kiosk's own files once, not once per lesson."""
    from kiosk.content import strings

    content = lesson_copies(shipped_copy, tmp_path / "three", ("one", "two", "three"))
    read: list[Path] = []
    monkeypatch.setattr(strings, "read_text", lambda path: read.append(path) or read_text(path))
    strings._kiosk_words.cache_clear()
    library, problems = load_library(content)
    strings._kiosk_words.cache_clear()  # other tests read the real files again
    assert problems == [] and library is not None and len(library.lessons) == 3
    assert sorted(path.name for path in read) == ["en.toml", "ja.toml"]
