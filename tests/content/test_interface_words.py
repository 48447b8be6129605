"""The kiosk's own interface words, and a lesson's ui.toml that changes only some of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kiosk.content.advice.engine import advise_languages
from kiosk.content.loader import load_library
from kiosk.content.strings import INTERFACE, UiStrings, language_only, optional, parse_strings, purposes, required
from kiosk.core.textfile import read_text
from kiosk.core.typeset import plain
from tests.conftest import lesson_copies


def _words(path: Path) -> dict[str, str]:
    import tomllib

    return tomllib.loads(read_text(path))


@pytest.mark.parametrize("builtin", sorted(INTERFACE.glob("*.toml")), ids=lambda path: path.stem)
def test_the_kiosks_own_words_give_every_key(builtin: Path) -> None:
    """Each of the kiosk's own files is a whole, valid ui.toml, optional keys included: a lesson in that language may
    give none, and every optional key has the kiosk's own word in ja and en."""
    strings, problems = parse_strings(read_text(builtin), builtin)
    assert problems == [] and strings is not None
    assert set(_words(builtin)) == set(purposes())
    assert all(getattr(strings, name) for name in UiStrings._fields)


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


# The keys every language had to give when lessons in other languages could first be written. A key added since is
# optional (a field with a default, at the end of UiStrings): requiring it would refuse every clinic's whole ui.toml
# in a language the kiosk has no words of. Grow this only with a reason a clinic's file could not do without.
REQUIRED_KEYS = 89


def test_a_new_key_is_optional() -> None:
    """The required keys are those of the first third-language lessons; the ones added since (lesson_only, name_ja,
    name_en) are optional, each with a default of "" (not shown)."""
    assert len(required()) == REQUIRED_KEYS
    assert {"lesson_only", "name_ja", "name_en"} <= set(optional())
    assert set(required()) | set(optional()) == set(purposes()) and not set(required()) & set(optional())
    assert all(UiStrings._field_defaults[name.replace("continue", "continue_")] == "" for name in optional())


def _whole_korean(shipped_copy: Path) -> Path:
    """A Korean lesson with a whole ui.toml as a clinic wrote it before the optional keys (every required key)."""
    shutil.copytree(shipped_copy / "en", shipped_copy / "ko")
    english = _words(INTERFACE / "en.toml")
    lines = [f"{key} = {json.dumps(english[key], ensure_ascii=False)}" for key in required()]
    (shipped_copy / "ko" / "ui.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return shipped_copy / "ko"


def test_a_whole_ui_toml_written_before_an_optional_key_still_validates(shipped_copy: Path) -> None:
    """A third language's ui.toml with every required key but none of the optional ones loads; the optional
    strings are "" and `kiosk validate` advises each of them at ui.toml (advice, never a problem)."""
    folder = _whole_korean(shipped_copy)
    library, problems = load_library(shipped_copy.parent)
    assert problems == [] and library is not None
    strings = library.first.translations["ko"].strings
    assert (strings.lesson_only, strings.name_ja, strings.name_en) == ("", "", "")
    advice = advise_languages([folder], library.first)["ko"]
    about = [str(a) for a in advice if a.path == folder / "ui.toml"]
    assert len(about) == len(optional()) and all("advice:" in line for line in about), about
    assert any("lesson_only" in line for line in about)


def test_an_optional_key_given_is_checked_like_any_other(shipped_copy: Path) -> None:
    """An optional key a ui.toml gives is used, and its placeholders are checked as any key's."""
    folder = _whole_korean(shipped_copy)
    with (folder / "ui.toml").open("a", encoding="utf-8") as file:
        file.write('lesson_only = "{language}만"\nname_ja = "일본어"\n')
    library, problems = load_library(shipped_copy.parent)
    assert problems == [] and library is not None
    assert plain(library.first.translations["ko"].strings.lesson_only) == "{language}만"
    with (folder / "ui.toml").open("a", encoding="utf-8") as file:
        file.write("name_en = 3\n")
    _, problems = load_library(shipped_copy.parent)
    assert any("'name_en' must be text in quotes" in str(problem) for problem in problems), problems


def _strings(**given: str) -> UiStrings:
    base, _ = parse_strings(None, Path("ui.toml"), "en")
    assert base is not None
    return base._replace(**given)


def test_the_note_names_the_lessons_language_in_the_words_shown() -> None:
    """English words: Japanese only; Japanese words: 英語のみ; a language neither names: by its own name; words without
    lesson_only: the lesson's own note, as the rest of its card is; neither has one: none."""
    english, japanese = _strings(), parse_strings(None, Path("ui.toml"), "ja")[0]
    assert japanese is not None
    korean = _strings(language_name="한국어", lesson_only="", name_ja="", name_en="")
    assert plain(language_only(english, "ja", japanese)) == "Japanese only"
    assert plain(language_only(japanese, "en", english)) == "英語のみ"
    assert plain(language_only(japanese, "ko", korean)) == "한국어のみ"
    assert plain(language_only(korean, "ja", japanese)) == "日本語のみ"
    assert language_only(korean, "ko", korean) == ""
