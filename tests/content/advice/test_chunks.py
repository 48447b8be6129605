"""Short sections and informative headers (PEMAT-P 8 and 9)."""

from __future__ import annotations

from tests.content.advice.conftest import Advise
from tests.content.advice.lessons import GOOD, rules


def _with(lang: str, index: int, heading: str | None = None, body: str | None = None) -> list[tuple[str, str, str]]:
    slides = list(GOOD[lang])
    slide_id, old_heading, old_body = slides[index]
    slides[index] = (slide_id, heading or old_heading, body or old_body)
    return slides


def test_a_body_over_120_characters_is_advised(advice_for: Advise) -> None:
    """Four short sentences of 31 characters (124 in all) are too much for one slide; 4 of 29 are not."""
    body = "\n".join(["か" * 30 + "。"] * 4)
    found = advice_for(_with("ja", 1, body=body))
    assert rules(found) == ["slide-body"] and found[0].item == 8 and "124 characters" in str(found[0])
    assert advice_for(_with("ja", 1, body="\n".join(["か" * 28 + "。"] * 4))) == []


def test_more_than_four_sentences_besides_a_list_is_advised(advice_for: Advise) -> None:
    """Five sentences draw advice; four sentences and a list of three do not."""
    assert rules(advice_for(_with("ja", 1, body="\n".join(["みじかい文です。"] * 5)))) == ["slide-body"]
    body = "\n".join(["みじかい文です。"] * 4) + "\n\n- ひとつ\n- ふたつ\n- みっつ"
    assert advice_for(_with("ja", 1, body=body)) == []


def test_an_english_body_over_45_words_is_advised(advice_for: Advise) -> None:
    """46 words draw advice; 45 do not."""
    sentence = " ".join(["Word"] * 15) + "."  # capitalised: the lines join into one paragraph (soft breaks)
    over = "\n".join([sentence] * 3) + "\nOne more."
    assert rules(advice_for(_with("en", 1, body=over), lang="en")) == ["slide-body"]
    assert advice_for(_with("en", 1, body="\n".join([sentence] * 3)), lang="en") == []


def test_a_long_heading_is_advised(advice_for: Advise) -> None:
    """A heading over 20 characters draws advice at the heading's line; 20 do not."""
    found = advice_for(_with("ja", 1, heading="見" * 21))
    assert rules(found) == ["heading"] and found[0].item == 9 and found[0].line == 10
    assert advice_for(_with("ja", 1, heading="見" * 20)) == []


def test_the_same_heading_twice_is_advised(advice_for: Advise) -> None:
    """Two slides under one heading do not tell the reader what the second adds."""
    found = advice_for(_with("ja", 1, heading="はじめに"))
    assert rules(found) == ["heading"] and "'intro' and 'nerve'" in str(found[0])
