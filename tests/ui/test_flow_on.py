"""Text that flows on to another screen keeps what belongs together (kiosk.ui.pages.slide_fit, pure)."""

from __future__ import annotations

from kiosk.ui.pages.slide_fit import groups, join, units

BODY = "<p>一文目です。\u200b二文目です。\u200b効果には個人差があります。</p><ul><li>a</li><li>b</li></ul>"


def test_a_paragraph_flows_on_by_sentence_and_joins_back_unchanged() -> None:
    """Each sentence is a piece; joined, the pieces are the paragraph again."""
    pieces = units(BODY)
    assert [p[2] for p in pieces[:3]] == ["一文目です。\u200b", "二文目です。\u200b", "効果には個人差があります。"]
    assert join(pieces) == BODY


def test_a_last_sentence_never_goes_alone_and_a_kept_block_stays_whole() -> None:
    """The last sentence goes with the one before; a block marked keep together is one group."""
    pieces = units(BODY)
    assert [len(g) for g in groups(pieces, ())] == [1, 2, 1, 1]
    assert [len(g) for g in groups(pieces, (0,))] == [3, 1, 1]


def test_a_hard_break_that_would_open_a_screen_is_dropped() -> None:
    """A line after a typed hard break carries it, and loses it when it starts a screen."""
    pieces = units("<p>One. Two.<br>\nThree.</p>")
    assert pieces[-1][2].startswith("<br")
    assert join(pieces[-1:]) == "<p>Three.</p>"
