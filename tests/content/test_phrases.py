"""BudouX phrases with kinsoku glue, written into the lesson as break marks when content is loaded."""

from __future__ import annotations

from kiosk.content.loader import load_library
from kiosk.content.phrases import break_points, mark, mark_heading, mark_html, phrases
from kiosk.core.typeset import NBSP, NO_LINE_END, NO_LINE_START, WJ, ZWSP, plain
from tests.conftest import SHIPPED_CONTENT


def _show(text: str) -> str:
    return text.replace(WJ, "").replace(ZWSP, "|")


def test_words_the_issue_saw_split_are_single_phrases() -> None:
    """ストレッチ, 施術, 状態, フォーム, 当院, お声がけ stay whole; breaks fall between phrases."""
    text = "ストレッチの前に、当院では施術の状態とフォームを確かめます。受付でお声がけください"
    found = phrases(text)
    assert "".join(found) == text
    for word in ("ストレッチ", "施術", "状態", "フォーム", "当院", "お声がけ"):
        assert any(word in phrase for phrase in found), (word, found)


def test_no_phrase_starts_with_a_closing_mark_or_ends_with_an_opening_one() -> None:
    """Kinsoku glue: 。、）」ー and small kana never open a phrase; 「（ never close one."""
    text = "「ストレッチ」は、いつも正しい？（あと {left} 回）ちょっと、ゃ。ー"
    for phrase in phrases(text)[1:]:
        assert phrase[0] not in NO_LINE_START, phrases(text)
    for phrase in phrases(text)[:-1]:
        assert phrase.rstrip()[-1] not in NO_LINE_END, phrases(text)


def test_marks_join_characters_and_separate_phrases_and_keep_placeholders() -> None:
    """WJ inside a phrase, ZWSP between, a space inside a phrase never breaks, {name} untouched."""
    marked = mark("画面にふれて はじめる")
    assert _show(marked) == "画面に|ふれて はじめる"
    assert f"画{WJ}面" in marked
    assert "{left}" in mark("暗証番号が違います（あと {left} 回）")
    assert mark("README の「暗証番号」").startswith(f"README{NBSP}の")
    assert plain(mark("{total}問中 {right}問 正解").format(total=5, right=3)) == "5問中 3問 正解"


def test_english_is_left_exactly_as_written() -> None:
    """Text without Japanese gets no marks; its break points are after spaces."""
    assert mark("Stretching is not always right.") == "Stretching is not always right."
    assert break_points("one two") == {4}


def test_html_is_marked_across_inline_tags_and_entities_stay_escaped() -> None:
    """A phrase that crosses <strong> is still one phrase; tags and &amp; survive."""
    html = "<p>正座で神経の通り道が押され、<strong>筋肉に命令が届かなかった</strong>ためです。&amp;<br />\n次の文。</p>"
    marked = mark_html(html)
    assert plain(marked) == html
    assert "<strong>" in marked and "&amp;" in marked and "<br />" in marked


def test_the_loaded_lesson_carries_marks_and_its_plain_text_stays_plain() -> None:
    """The loader's pass marks what is shown; body_text (speech, lengths) stays as written."""
    library, problems = load_library(SHIPPED_CONTENT)
    assert problems == [] and library is not None
    ja, en = library.first.translations["ja"], library.first.translations["en"]
    assert ZWSP in ja.deck.slides[0].heading and ZWSP not in ja.deck.slides[0].body_text
    assert WJ in ja.questions[0].answers[0].text + ja.questions[0].answers[1].text
    assert ZWSP in ja.strings.ask_front_desk
    assert ZWSP not in en.deck.slides[0].heading and WJ not in en.strings.next


def test_a_start_up_from_the_cache_never_loads_the_segmenter(tmp_path) -> None:
    """The first run segments and caches; a second process starting from that cache imports neither budoux nor
    the dictionary analyser (sudachipy)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kiosk.app.kiosk import build\n"
        "from kiosk.config.options import Options\n"
        "from kiosk.config.settings import Settings\n"
        f"t = Path({str(tmp_path)!r})\n"
        "k = build(Options(windowed=True, settings=Settings(), config_dir=t / 'c', data_dir=t / 'd',"
        " cache_dir=t / 'cache'))\n"
        "k.show()\n"
        "from PySide6.QtWidgets import QApplication\n"
        "QApplication.processEvents()\n"
        "print('budoux' in sys.modules, 'sudachipy' in sys.modules)\n"
        "k.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env, check=True)
        for _ in range(2)
    ]
    assert [run.stdout.strip().splitlines()[-1] for run in runs] == ["True True", "False False"]


def test_an_english_line_never_ends_on_an_article() -> None:
    """ "From our article: a / woman in her forties" cannot happen: a heading's article is glued to its word."""
    heading = "From our article: a woman in her forties"
    assert mark_heading(heading) == f"From our article: a{NBSP}woman in her forties"
    assert plain(mark_heading("The end of an idea")) == "The end of an idea"
    assert mark(heading) == heading  # body text is left as written


def test_an_english_hyphen_inside_a_word_is_never_a_line_break() -> None:
    """sit-ups: a WORD JOINER after the hyphen (Qt would break there); a dash between spaces stays as it is."""
    assert mark("When you start sit-ups, you") == "When you start sit-\u2060ups, you"
    assert mark_html('<p class="a-b">sit-ups - <strong>well-known</strong></p>') == (
        '<p class="a-b">sit-\u2060ups - <strong>well-\u2060known</strong></p>'
    )
