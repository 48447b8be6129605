"""The line-breaking rules and line breaker of kiosk.core.typeset, without Qt."""

from __future__ import annotations

from kiosk.core.typeset import (
    WJ,
    ZWSP,
    balanced,
    breaks_inside,
    fill,
    greedy,
    is_orphan,
    pieces,
    plain,
    split_overlong,
)


def test_pieces_split_at_break_marks_and_after_spaces() -> None:
    """A piece ends at a ZERO WIDTH SPACE or after a space; a newline starts a new hard line."""
    text = f"画{WJ}面{WJ}に{ZWSP}ふ{WJ}れ{WJ}て はじめる\nNext step"
    assert pieces(text) == [[f"画{WJ}面{WJ}に", f"ふ{WJ}れ{WJ}て ", "はじめる"], ["Next ", "step"]]
    assert plain(text) == "画面にふれて はじめる\nNext step"


def test_orphans_are_short_japanese_last_lines_or_one_english_word() -> None:
    """1-2 Japanese characters or one English word on the last of several lines is an orphan."""
    assert is_orphan("い。", 2) and is_orphan("す", 3) and is_orphan("word.", 2)
    assert not is_orphan("です。", 2) and not is_orphan("two words", 2) and not is_orphan("い。", 1)


def test_greedy_fills_lines_and_lets_a_trailing_space_overhang() -> None:
    """Pieces go on a line while they fit; the space at a line's end is not counted."""
    widths, spaces = [50, 50, 50], [10, 10, 0]
    assert greedy(widths, spaces, 100) == [0, 2]
    assert greedy(widths, spaces, 85) == [0, 1, 2]


def test_balanced_keeps_the_line_count_and_evens_the_lines() -> None:
    """A heading that needs two lines gets two lines of about the same width."""
    widths = [40.0] * 10
    spaces = [0.0] * 10
    assert greedy(widths, spaces, 360) == [0, 9]  # 9 + 1: an orphan
    assert balanced(widths, spaces, 360) == [0, 5]


def test_fill_pulls_a_piece_down_onto_an_orphan_line() -> None:
    """Body text ending with a one-character line gets the piece before it moved down."""
    texts = ["あいう", "えおか", "き"]
    widths, spaces = [30.0, 30.0, 10.0], [0.0, 0.0, 0.0]
    assert fill(texts, widths, spaces, 65, balance=False) == [0, 1]
    assert fill(texts, widths, spaces, 35, balance=False) == [0, 1, 2]  # nothing else fits: left short


def test_an_overlong_piece_splits_by_character_with_kinsoku_kept() -> None:
    """The last resort never starts a piece with 。 or a small kana, nor ends one with an opening bracket."""
    assert split_overlong(f"「ス{WJ}ト{WJ}ッ{WJ}プ。") == ["「ス", "トッ", "プ。"]


def test_breaks_inside_reports_lines_that_start_off_a_boundary() -> None:
    """A line that starts where no phrase starts is reported with its number."""
    assert breaks_inside(["ストレッチを", "すれば"], {6}) == []
    assert breaks_inside(["ス", "トレッチを"], {6}) == [(1, "トレッチを")]
