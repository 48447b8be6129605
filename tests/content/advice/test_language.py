"""Everyday language: sentence length and the share of kanji (PEMAT-P 3)."""

from __future__ import annotations

from tests.content.advice.conftest import Advise
from tests.content.advice.lessons import GOOD, QUIZ, rules


def _with_body(lang: str, body: str) -> list[tuple[str, str, str]]:
    slides = list(GOOD[lang])
    slides[1] = (slides[1][0], slides[1][1], body)
    return slides


def test_the_good_lesson_gets_no_advice(advice_for: Advise) -> None:
    """The generated base lesson passes every rule, in both languages (so each test below spoils one thing)."""
    assert [str(a) for a in advice_for()] == []
    assert [str(a) for a in advice_for(lang="en")] == []


def test_a_japanese_sentence_over_40_characters_is_advised(advice_for: Advise) -> None:
    """41 characters draw advice at the sentence's own line, naming PEMAT-P 3; 40 do not."""
    long = "あ" * 40 + "。"  # 41 with the full stop
    found = advice_for(_with_body("ja", f"みじかい文です。\n{long}"))
    assert rules(found) == ["sentence-length"]
    assert found[0].line == 13 and found[0].item == 3 and "41 characters" in str(found[0])
    assert "PEMAT-P 3" in str(found[0]) and ": advice: " in str(found[0])
    assert advice_for(_with_body("ja", "みじかい文です。\n" + "あ" * 39 + "。")) == []


def test_quotation_marks_do_not_split_a_japanese_sentence(advice_for: Advise) -> None:
    """「…。」 inside a sentence is part of it: the whole sentence is measured."""
    body = "「" + "い" * 20 + "。」と" + "う" * 20 + "話します。"
    assert rules(advice_for(_with_body("ja", body))) == ["sentence-length"]


def test_an_english_sentence_over_20_words_is_advised(advice_for: Advise) -> None:
    """21 words draw advice; 20 do not."""
    assert rules(advice_for(_with_body("en", " ".join(["word"] * 21) + "."), lang="en")) == ["sentence-length"]
    assert advice_for(_with_body("en", " ".join(["word"] * 20) + "."), lang="en") == []


def test_a_long_sentence_in_a_quiz_explanation_points_at_its_line(advice_for: Advise) -> None:
    """Quiz text is measured too, and the advice names quiz.md and the explanation's line."""
    quiz = QUIZ["ja"].replace("> 筋肉は、神経から届く合図で動いています。", "> " + "え" * 45 + "。")
    found = advice_for(quiz=quiz)
    assert rules(found) == ["sentence-length"]
    assert found[0].path.name == "quiz.md" and found[0].line == 5


def test_a_kanji_dense_japanese_body_is_advised(advice_for: Advise) -> None:
    """A body more than 35 % kanji draws advice; one written with kana does not."""
    found = advice_for(_with_body("ja", "症状確認後、施術方針決定。\n**要注意**です。"))
    assert rules(found) == ["kanji-share"] and found[0].item == 3
    assert advice_for(_with_body("ja", "しびれがあるかを、たしかめます。\n**だいじ**です。")) == []


def test_a_byline_does_not_count_towards_the_kanji_share(advice_for: Advise) -> None:
    """監修：… names people and titles, which have no kana spelling."""
    body = "受付でお声がけください。\n\n監修：鍼灸学士・柔道整復師 桂 寛章"
    slides = list(GOOD["ja"])
    slides[3] = (slides[3][0], slides[3][1], slides[3][2] + "\n\n" + body)
    assert advice_for(slides) == []
    slides[3] = (slides[3][0], slides[3][1], slides[3][2].replace("柔道整復師 桂 寛章", "柔道整復師\n桂 寛章"))
    assert advice_for(slides) == []  # the name on the byline's second line is part of it


def test_english_is_never_measured_for_kanji(advice_for: Advise) -> None:
    """The kanji rule is for Japanese only: a credit in kanji on an English slide is fine."""
    assert advice_for(_with_body("en", "Supervised by 桂 寛章 (鍼灸学士・柔道整復師)."), lang="en") == []


def test_the_kanji_limit_is_about_35_percent(advice_for: Advise) -> None:
    """7 kanji in 19 letters (37 %) draw advice; 6 in 19 (32 %) do not."""
    assert rules(advice_for(_with_body("ja", "山" * 7 + "あ" * 12 + "。"))) == ["kanji-share"]
    assert advice_for(_with_body("ja", "山" * 6 + "あ" * 13 + "。")) == []


def test_the_kanji_advice_suggests_only_words_the_slide_holds(advice_for: Advise) -> None:
    """No 分かる on the slide: the advice never offers 分かる → わかる; a slide with 分かる gets that one."""
    found = advice_for(_with_body("ja", "症状確認後、施術方針決定。\n**要注意**です。"))
    assert rules(found) == ["kanji-share"]
    assert "分かる" not in found[0].message and "良い" not in found[0].message
    found = advice_for(_with_body("ja", "症状確認後、施術方針が分かる。\n**要注意**です。"))
    assert "(here: 分かる → わかる)" in found[0].message
