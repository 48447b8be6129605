"""The kiosk's own Japanese words follow one style: no half-width space beside a Japanese character, none
between a number and its unit, one spelling per word (答え, never こたえ)."""

from __future__ import annotations

import re
import tomllib

from kiosk.content.strings import INTERFACE
from kiosk.core.typeset import is_cjk

SAMPLES = {"current": 3, "total": 5, "right": 3, "seconds": 30, "left": 2, "visits": 78, "answered": 52, "rows": 9}
UNITS = "問件回秒日分ページ"


def _words() -> dict[str, str]:
    values = tomllib.loads((INTERFACE / "ja.toml").read_text(encoding="utf-8"))
    return {
        key: re.sub(r"\{(\w+)\}", lambda m: str(SAMPLES.get(m.group(1), "X")), value) for key, value in values.items()
    }


def test_no_half_width_space_touches_a_japanese_character() -> None:
    """「画面のどこにふれても はじまります」 and 「5問中 3問 正解でした」 are gone: a space only between Latin text."""
    for key, text in _words().items():
        for index, char in enumerate(text):
            if char == " ":
                around = text[index - 1 : index] + text[index + 1 : index + 2]
                assert not any(is_cjk(c) for c in around), (key, text)


def test_a_number_and_its_unit_are_written_together() -> None:
    """14日間, 78件, 52回, 30秒: never 78 件 or （52 回）."""
    for key, text in _words().items():
        assert not re.search(rf"\d\s+[{UNITS}]", text), (key, text)


def test_one_spelling_per_word() -> None:
    """答え is written in kanji everywhere (the answer's tag says 選んだ答え; the verdict said こたえ)."""
    assert not any("こたえ" in text for text in _words().values())
