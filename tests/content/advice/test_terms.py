"""Medical terms explained before or where they are used (PEMAT-P 4)."""

from __future__ import annotations

from tests.content.advice.conftest import Advise
from tests.content.advice.lessons import GOOD, QUIZ, deck_text, rules


def _with_body(lang: str, index: int, body: str) -> list[tuple[str, str, str]]:
    slides = list(GOOD[lang])
    slides[index] = (slides[index][0], slides[index][1], body)
    return slides


def test_an_unexplained_term_is_advised_where_it_is_first_used(advice_for: Advise) -> None:
    """坐骨神経痛 with no explanation anywhere: one advice, at its first use, naming PEMAT-P 4."""
    slides = _with_body("ja", 0, "きょうのおはなしです。\n**坐骨神経痛**についてです。")
    slides[1] = (slides[1][0], slides[1][1], "坐骨神経痛のおはなしです。\nとても**だいじ**です。")
    found = advice_for(slides)
    assert rules(found) == ["medical-term"]
    assert found[0].item == 4 and found[0].line == 5 and "'坐骨神経痛'" in str(found[0])


def test_a_term_explained_in_brackets_is_fine(advice_for: Advise) -> None:
    """坐骨神経痛（…） and （…）in the other order both explain the term where it stands."""
    after = "坐骨神経痛（おしりから あしへの いたみ）です。\nとても**だいじ**です。"
    before = "おしりから あしへの いたみ（坐骨神経痛）です。\nとても**だいじ**です。"
    assert advice_for(_with_body("ja", 1, after)) == []
    assert advice_for(_with_body("ja", 1, before)) == []


def test_a_glossary_list_on_the_same_or_an_earlier_slide_explains_the_term(advice_for: Advise) -> None:
    """A '- term：explanation' line explains it for this slide and every later one."""
    slides = _with_body("ja", 0, "ことばのせつめいです。\n\n- ヘルニア：せぼねのクッションがとびだすこと")
    slides[1] = (slides[1][0], slides[1][1], "ヘルニアでも、**あいず**がだいじです。")
    assert advice_for(slides) == []


def test_an_explanation_only_after_the_first_use_is_advised(advice_for: Advise) -> None:
    """Used on slide 1, explained on slide 2: advice at slide 1."""
    slides = list(GOOD["ja"])
    slides[0] = (slides[0][0], slides[0][1], "ヘルニアのおはなしです。\nとても**だいじ**です。")
    slides[1] = (slides[1][0], slides[1][1], "- ヘルニア：せぼねのクッションがとびだすこと")
    found = advice_for(slides)
    assert rules(found) == ["medical-term"] and found[0].line == 4


def test_the_longest_listed_term_is_the_one_judged(advice_for: Advise) -> None:
    """腰椎椎間板ヘルニア is its own term: an explained ヘルニア does not explain it."""
    slides = _with_body("ja", 0, "- ヘルニア：せぼねのクッションがとびだすこと")
    slides[1] = (slides[1][0], slides[1][1], "腰椎椎間板ヘルニアといわれました。\nとても**だいじ**です。")
    assert [a.advice.split("'")[1] for a in advice_for(slides)] == ["腰椎椎間板ヘルニア"]


def test_the_deck_can_add_terms_to_watch(advice_for: Advise) -> None:
    """`terms: 股関節、仙骨` in the deck settings adds both words to the list."""
    slides = _with_body("ja", 1, "股関節と仙骨のおはなしです。\nとても**だいじ**です。")
    assert advice_for(slides) == []
    found = advice_for(deck=deck_text(slides, front="terms: 股関節、仙骨\n"))
    assert sorted(a.advice.split("'")[1] for a in found) == ["仙骨", "股関節"]


def test_a_term_first_used_in_the_quiz_is_advised_in_quiz_md(advice_for: Advise) -> None:
    """The quiz is read after the slides: a term it brings in unexplained is advised at its line."""
    quiz = QUIZ["ja"].replace("> 筋肉は、神経から届く合図で動いています。", "> 坐骨神経痛でも、あいずがだいじです。")
    found = advice_for(quiz=quiz)
    assert rules(found) == ["medical-term"] and found[0].path.name == "quiz.md" and found[0].line == 5


def test_english_terms_match_whole_words_in_any_case(advice_for: Advise) -> None:
    """ "Sciatica" draws advice; "Sciatica: …" explains it; a word that merely contains a term does not count."""
    found = advice_for(_with_body("en", 1, "**Sciatica** can hurt."), lang="en")
    assert rules(found) == ["medical-term"] and "'sciatica'" in str(found[0])
    assert advice_for(_with_body("en", 1, "- **Sciatica**: pain from the buttock down the leg"), lang="en") == []
    assert advice_for(_with_body("en", 1, "Sciatica means pain down the leg.\n**Rest** helps."), lang="en") == []
    assert advice_for(_with_body("en", 1, "The **lumbarish** word is made up."), lang="en") == []
