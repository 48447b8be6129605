"""The automatic part of a PEMAT-P score (`kiosk validate --report`)."""

from __future__ import annotations

from kiosk.content.advice.items import AUTOMATIC, ITEMS
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.report import format_report, item_ratings


def _advice(item: int) -> ContentAdvice:
    return ContentAdvice("deck.md", 1, "test", item, "something")


def test_pemat_p_has_17_understandability_and_7_actionability_items() -> None:
    """The printable tool's items, numbered as AHRQ numbers them (13 and 14 are audiovisual only)."""
    domains = [item.domain for item in ITEMS.values()]
    assert domains.count("understandability") == 17 and domains.count("actionability") == 7
    assert 13 not in ITEMS and 14 not in ITEMS and set(AUTOMATIC) <= set(ITEMS)


def test_no_advice_agrees_with_every_automatic_item() -> None:
    """Without advice every automatic item is agreed, 100 % of each domain's automatic part."""
    lines = format_report("ja", [], 15)
    assert all(line.endswith(": agree") for line in lines[1:11])
    assert "understandability: 8/8 automatic items agree (100 %)" in lines[11]
    assert "actionability: 2/2 automatic items agree (100 %)" in lines[12]
    assert "score by hand: 1, 2, 5, 6, 7, 10, 16, 18, 19" in lines[11]


def test_a_missing_caption_disagrees_with_item_17() -> None:
    """Item 17 (captions) is judged where a program can: a picture without a caption turns it to disagree."""
    assert 17 in AUTOMATIC
    ratings = item_ratings([_advice(17)], 15)
    assert ratings[17] == "disagree" and ratings[15] == "agree"


def test_advice_disagrees_with_its_item_and_counts() -> None:
    """An advice for item 4 turns item 4 to disagree, with the number of advice."""
    ratings = item_ratings([_advice(4), _advice(4)], 15)
    assert ratings[4] == "disagree" and ratings[3] == "agree"
    assert "   4 uses medical terms only to familiarise, and defines them: disagree (2 advice)" in format_report(
        "ja", [_advice(4), _advice(4)], 15
    )


def test_no_action_means_no_steps_either() -> None:
    """Without an action (item 20) there is nothing broken into steps (item 22)."""
    assert item_ratings([_advice(20)], 15)[22] == "disagree"


def test_very_short_material_makes_chunks_headers_and_summary_not_applicable() -> None:
    """PEMAT-P: items 8, 9 and 11 are N/A for very short material; they leave the share."""
    ratings = item_ratings([], 2)
    assert ratings[8] == ratings[9] == ratings[11] == "n/a"
    assert "understandability: 5/5 automatic items agree (100 %)" in format_report("ja", [], 2)[11]
