"""The template's words left in a lesson are problems (kiosk/content/placeholders.py)."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.loader import load_library
from kiosk.content.placeholders import PLACEHOLDERS, PlaceholderError, template_lines
from tests.conftest import written_lesson


def test_every_placeholder_is_in_the_template() -> None:
    """The list and the template change together: each placeholder is a line of the template."""
    assert template_lines() >= PLACEHOLDERS


def test_one_placeholder_left_is_one_located_problem(tmp_path: Path) -> None:
    """A lesson written but for one result point: validate fails at that line, saying what to do."""
    made = written_lesson(tmp_path, "back-pain")
    assert load_library(tmp_path)[1] == []
    result = made / "ja" / "result.md"
    result.write_text(result.read_text(encoding="utf-8").replace("例：二つ目", "二つ目"), encoding="utf-8")
    library, problems = load_library(tmp_path)
    assert library is None and len(problems) == 1 and isinstance(problems[0], PlaceholderError)
    assert str(problems[0]).endswith(
        "result.md:3: still the template's words (二つ目のポイントを書きます。): write this lesson's own here, "
        "or delete the line"
    )


def test_template_headings_a_lesson_may_keep_are_not_placeholders(tmp_path: Path) -> None:
    """今日のポイント, ありがとうございました, Quiz are real words: the shipped lesson uses some and validates."""
    for words in ("今日のポイント", "ありがとうございました", "ふりかえりクイズ", "Thank you"):
        assert words not in PLACEHOLDERS
