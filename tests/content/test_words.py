"""The dictionary's words (kiosk.content.words): what BudouX cut is kept whole at load, and the check sees it."""

from __future__ import annotations

import pytest

from kiosk.app.render_check import BREAK_IN_WORD, line_problems
from kiosk.content.markup import inline_text, render_markdown, soft_joined
from kiosk.content.phrases import break_points, mark, phrases
from kiosk.content.words import line_starts, words
from kiosk.core.typeset import WJ, ZWSP, plain

# The words the issue saw split on screen, each in the sentence it was in, and where BudouX cut it.
SPLIT_WORDS = [
    ("痛みが強まっても、がまんして伸ばす", "がまん"),
    ("どのストレッチがはやっているか", "はやって"),
    ("筋肉が十分に働けず、力が入りにくくなることがあります。", "入りにくく"),
    ("腰やお尻が痛むと、まずストレッチを思いうかべる方が多いと思います。", "思いうかべる"),
    ("命令がスムーズに届くと、体の調子もよく、痛みも出にくくなります。", "出にくく"),
    ("我慢して伸ばすのは、流行っているからです。", "我慢して"),
    ("我慢して伸ばすのは、流行っているからです。", "流行って"),
]


def _inside(text: str, word: str) -> set[int]:
    start = text.index(word)
    return set(range(start + 1, start + len(word)))


@pytest.mark.parametrize(("text", "word"), SPLIT_WORDS, ids=[w for _, w in SPLIT_WORDS])
def test_the_dictionary_allows_no_line_start_inside_the_words_the_issue_saw_split(text: str, word: str) -> None:
    """が／まん, は／やって, 入りに／くく, 思いう／かべる, 出に／くく: no line may start inside these words."""
    assert not line_starts(text) & _inside(text, word), words(text)


@pytest.mark.parametrize(("text", "word"), SPLIT_WORDS, ids=[w for _, w in SPLIT_WORDS])
def test_loaded_text_never_breaks_inside_a_dictionary_word(text: str, word: str) -> None:
    """The load-time marks keep BudouX's breaks only where the dictionary allows one."""
    assert not break_points(text) & _inside(text, word), phrases(text)
    marked = mark(text)
    start = text.index(word)
    assert ZWSP not in plain_span(marked, start, start + len(word))


def plain_span(marked: str, start: int, end: int) -> str:
    """The marked text between two plain-text offsets, marks inside included (not the ones at its ends)."""
    out, offset = "", 0
    for char in marked:
        if start < offset < end or (offset == start and char not in (ZWSP, WJ) and out == ""):
            out += char
        if char not in (ZWSP, WJ):
            offset += 1
    return out


def test_the_check_reports_a_line_that_starts_inside_a_dictionary_word() -> None:
    """render --check's rule reads the lines against the dictionary, not against the line breaker's phrases."""
    text = "痛みが強まっても、がまんして伸ばす"
    assert BREAK_IN_WORD in list(line_problems(["痛みが強まっても、が", "まんして伸ばす"], text))
    assert BREAK_IN_WORD in list(line_problems(["力が入りに", "くくなる"], "力が入りにくくなる"))
    assert BREAK_IN_WORD not in list(line_problems(["痛みが強まっても、", "がまんして伸ばす"], text))


def test_no_line_starts_with_a_particle_a_suffix_or_after_an_opening_bracket() -> None:
    """Words that lean on the one before (を, にくい, でした, する after 我慢) and the word after 「 or お."""
    text = "「使い方」を見て、ご相談ください。我慢した"
    starts = line_starts(text)
    for leaning in ("」を", "を見", "相談", "使い方", "した"):
        assert text.index(leaning) + (0 if leaning[0] in "を相使し" else 1) not in starts, words(text)
    assert line_starts("one two three") == set(range(1, 13))  # English is not the dictionary's business


def test_a_phrase_marked_to_keep_whole_never_breaks_inside() -> None:
    """`{{...}}` in the Markdown: no break inside it, in a slide body and in a one-line text."""
    _html, text, problems = render_markdown("まず{{ストレッチを思いうかべる}}方が多いと思います。")
    assert problems == [] and text == "まずストレッチを思いうかべる方が多いと思います。"
    one_line, why = inline_text("まず{{ストレッチを思いうかべる}}方")
    assert why is None
    marked = mark(one_line)
    assert plain(marked) == "まずストレッチを思いうかべる方"
    assert _show(marked).startswith("まず|ストレッチを思いうかべる")
    assert "ストレッチを|" not in _show(marked)


def _show(text: str) -> str:
    return text.replace(WJ, "").replace(ZWSP, "|")


def test_typed_line_breaks_inside_a_paragraph_are_soft() -> None:
    """Lines of one paragraph join (nothing between Japanese, a space in English); a blank line or two
    trailing spaces still break; a quiz explanation's lines join the same way."""
    source = "腰が痛むと、\nまず**ストレッチ**を\n思い浮かべます。\n\nOne line\nand the next.  \nHard.\\\nharder."
    html, _text, _ = render_markdown(source)
    assert "<p>腰が痛むと、まず<strong>ストレッチ</strong>を思い浮かべます。</p>" in html
    assert "<p>One line and the next.<br>\nHard.<br>\nharder.</p>" in html  # two spaces or a backslash: hard
    assert soft_joined(["筋肉が硬いとは", "限りません。", ""]) == "筋肉が硬いとは限りません。"
    assert soft_joined(["Muscles are not", "always tight."]) == "Muscles are not always tight."


def test_the_validator_refuses_quiz_texts_over_the_limits_the_layout_is_made_for() -> None:
    """An answer one unit over ANSWER_UNITS is refused at its line; one at the limit is not."""
    from pathlib import Path

    from kiosk.content.limits import ANSWER_UNITS, too_long
    from kiosk.content.quiz import parse_quiz

    assert too_long("あ" * ANSWER_UNITS, ANSWER_UNITS, "the answer") is None
    assert too_long("a" * (2 * ANSWER_UNITS + 1), ANSWER_UNITS, "the answer") is not None
    quiz = f"## 質問？\n<!-- id: q; slide: s -->\n- [x] {'あ' * (ANSWER_UNITS + 1)}\n- [ ] いいえ\n> 解説です。\n"
    _, problems = parse_quiz(quiz, Path("quiz.md"), {"s"})
    assert [(p.line, "the answer is" in str(p)) for p in problems] == [(3, True)]
