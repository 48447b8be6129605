"""Lists typed without a blank line before or after them are lists (kiosk/content/list_breaks.py)."""

from __future__ import annotations

from kiosk.content.list_breaks import loosen_lists
from kiosk.content.markup import render_markdown


def test_a_list_straight_under_a_sentence_is_a_list() -> None:
    """「- 立ち上がる」 under a sentence is an item, never a literal line; the next sentence is a paragraph."""
    html, plain, problems = render_markdown("次のようにしてください。\n- 立ち上がる\n- 歩く\nそれから受付へ。")
    assert problems == []
    assert "<li>立ち上がる</li>" in html and "<li>歩く</li>" in html and "<p>それから受付へ。</p>" in html
    assert "- " not in plain


def test_numbered_lists_and_star_items_too() -> None:
    """`1.` and `*` items get the same treatment; **bold** at a line's start is not an item."""
    assert "<ol>" in render_markdown("文です。\n1. 一\n2. 二")[0]
    html = render_markdown("**太字**です。\n* 一つ\n* 二つ")[0]
    assert "<strong>太字</strong>" in html and "<li>一つ</li>" in html


def test_fences_indented_continuations_and_blank_lines_are_left_alone() -> None:
    """A code fence, an item's indented continuation and a list already set apart are unchanged."""
    assert loosen_lists("```\ntext\n- not an item\n```") == "```\ntext\n- not an item\n```"
    assert loosen_lists("- one\n  more of one\n- two") == "- one\n  more of one\n- two"
    assert loosen_lists("text\n\n- one\n\nafter") == "text\n\n- one\n\nafter"
    assert loosen_lists("-5度のとき\n次の行") == "-5度のとき\n次の行"
