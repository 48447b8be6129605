"""Text for the ear: the screen's words with phrase marks gone, symbols in words, the lesson's readings in."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.spoken import SYNTH_NAME, apply_readings, for_the_ear, read_readings, synth_name
from kiosk.core.typeset import WJ, ZWSP


def test_phrase_marks_and_bold_marks_are_never_spoken() -> None:
    """The typesetter's invisible marks and leftover ** go; the words stay as they are."""
    marked = f"筋肉{WJ}が{ZWSP}**硬い**{ZWSP}とは{ZWSP}限りません"
    assert for_the_ear(marked, "ja") == "筋肉が硬いとは限りません。"


def test_each_line_ends_as_a_sentence_and_list_marks_go() -> None:
    """A heading and list items get a full stop, so the voice pauses there; a list item's own mark is not read."""
    text = "今日のうちに医師へ\n- 熱がある\n- 転んだあとから痛む。"
    assert for_the_ear(text, "ja") == "今日のうちに医師へ。\n熱がある。\n転んだあとから痛む。"
    assert for_the_ear("See a doctor\n- A fever", "en") == "See a doctor.\nA fever."


def test_numbers_and_symbols_are_said_as_words() -> None:
    """Ranges, fractions, percent and arrows become words the voice reads naturally; brackets are not read."""
    assert for_the_ear("1日２〜３回、10％の人", "ja") == "1日2から3回、10パーセントの人。"
    assert for_the_ear("体の1/3", "ja") == "体の3分の1。"
    assert for_the_ear("命令が届かない → 力が入らない", "ja") == "命令が届かない、力が入らない。"
    assert for_the_ear("「ストレッチ＝正しい」", "ja") == "ストレッチは正しい。"
    assert for_the_ear("2-3 times, 50% & more", "en") == "2 to 3 times, 50 percent and more."


def test_an_english_voice_is_not_given_japanese_characters() -> None:
    """eSpeak would say "Chinese letter" for each; a reading may still give the words in Latin letters."""
    assert for_the_ear("Supervised by 桂 寛章 (鍼灸学士).", "en") == "Supervised by."
    assert for_the_ear("By 桂 寛章: a judo therapist", "en") == "By: a judo therapist."
    assert for_the_ear("By 桂.", "en", {"桂": "Katsura"}) == "By Katsura."


def test_readings_replace_the_longest_word_first() -> None:
    """腰椎椎間板ヘルニア is read by its own entry, not as 腰椎 + the shorter ヘルニア entry."""
    readings = {"ヘルニア": "へるにあ", "腰椎椎間板ヘルニア": "ようついついかんばんへるにあ", "便": "べん"}
    assert apply_readings("腰椎椎間板ヘルニアと尿や便", readings) == "ようついついかんばんへるにあと尿やべん"
    assert for_the_ear("坐骨神経痛", "ja", {"坐骨神経痛": "ざこつしんけいつう"}) == "ざこつしんけいつう。"


def test_a_file_name_names_its_screen_and_its_words() -> None:
    """Other words give another name (so an old file is never played); the name is one narrate recognises."""
    first, second = synth_name("slide-seiza", "正座。"), synth_name("slide-seiza", "正座のあと。")
    assert first != second and first.startswith("slide-seiza.synth-") and first.endswith(".opus")
    assert SYNTH_NAME.match(first) and not SYNTH_NAME.match("seiza.ogg")


def test_readings_toml_is_read_and_its_problems_have_lines(tmp_path: Path) -> None:
    """A good table is read; a reading that is not text, or broken TOML, is reported at its line."""
    folder = tmp_path / "lesson" / "ja"
    folder.mkdir(parents=True)
    assert read_readings(folder) == ({}, [])
    (folder / "readings.toml").write_text('# comment\n"便" = "べん"\n"何回" = 3\n', encoding="utf-8")
    readings, problems = read_readings(folder)
    assert readings == {"便": "べん"}
    assert [(p.line, "must be text" in p.message) for p in problems] == [(3, True)]
    (folder / "readings.toml").write_text('"便" = "べん"\n"何回" = \n', encoding="utf-8")
    _, problems = read_readings(folder)
    assert len(problems) == 1 and problems[0].line == 2 and "not valid TOML" in problems[0].message


def test_a_question_with_shuffled_answers_is_read_without_them() -> None:
    """With shuffle_answers each visit orders the answers anew, so the recording reads the question alone; without
    shuffling it reads the answers in the screen's (the file's) order."""
    from kiosk.content.loader import load_library
    from kiosk.content.spoken import screens
    from tests.conftest import SHIPPED_CONTENT

    library, _problems = load_library(SHIPPED_CONTENT)
    assert library is not None
    lesson = library.first.translations["ja"]
    question = lesson.questions[0]
    assert lesson.deck.shuffle_answers
    spoken = {s.key: s.text for s in screens(lesson.deck, lesson.questions, "ja", {})}
    heard = spoken[f"question-{question.id}"]
    assert not any(for_the_ear(answer.text, "ja", {}).rstrip("。") in heard for answer in question.answers)
    kept = lesson.deck._replace(shuffle_answers=False)
    spoken = {s.key: s.text for s in screens(kept, lesson.questions, "ja", {})}
    heard = spoken[f"question-{question.id}"]
    assert all(for_the_ear(answer.text, "ja", {}).rstrip("。") in heard for answer in question.answers)


def _spoken_slides(deck_text: str, language: str, illustrations: Path) -> dict[str, str]:
    from kiosk.content.deck import parse_deck
    from kiosk.content.images import IllustrationStore
    from kiosk.content.spoken import screens

    deck, problems = parse_deck(deck_text, Path("deck.md"), IllustrationStore(illustrations).problem)
    assert deck is not None, problems
    return {s.key: s.text for s in screens(deck, (), language, {})}


def test_a_credit_is_never_read_aloud(illustrations: Path) -> None:
    """A voice would guess the reading of a person's name (Open JTalk says かつら ひろあき for 桂 寛章, unconfirmed):
    a byline (監修：…, the name on the line under it, Supervised by …) and the deck's credit are left out of the
    narration; the rest of the slide, and a source (出典：…), are read."""
    deck = (
        "---\ncredit: 監修：山田 花子\n---\n"
        "<!-- id: end; layout: card -->\n# おわり\n\n受付へどうぞ。\n\n監修：鍼灸学士・柔道整復師\\\n桂 寛章\n---\n"
        "<!-- id: story -->\n# お話\n\n出典：当院の記事\n\n個人差があります。\n---\n"
        "<!-- id: plain -->\n# 名前\n\n山田 花子\n\nよろしくお願いします。\n"
    )
    spoken = _spoken_slides(deck, "ja", illustrations)
    assert spoken["slide-end"] == "おわり。\n受付へどうぞ。"
    assert spoken["slide-story"] == "お話。\n出典、当院の記事。\n個人差があります。"
    assert spoken["slide-plain"] == "名前。\nよろしくお願いします。"  # the credit's name, written without 監修
    english = (
        "<!-- id: end; layout: card -->\n# The end\n\nPlease ask at the desk.\n\n"
        "Supervised by 桂 寛章: bachelor of acupuncture (鍼灸学士), judo therapist (柔道整復師)\n"
    )
    assert _spoken_slides(english, "en", illustrations)["slide-end"] == "The end.\nPlease ask at the desk."


def test_the_shipped_closing_slide_is_narrated_without_the_supervisors_name() -> None:
    """The shipped consult slide's narration (ja and en, with the lesson's readings) says nothing of the credit."""
    from kiosk.content.loader import load_library
    from kiosk.content.spoken import screens
    from tests.conftest import SHIPPED_CONTENT, SHIPPED_LESSON

    library, _problems = load_library(SHIPPED_CONTENT)
    assert library is not None
    for code, kept in (("ja", "個人差"), ("en", "results")):
        lesson = library.first.translations[code]
        readings, _ = read_readings(SHIPPED_LESSON / code)
        spoken = {s.key: s.text for s in screens(lesson.deck, lesson.questions, code, readings)}
        heard = spoken["slide-consult"]
        assert kept in heard.lower() and not any(word in heard for word in ("桂", "寛章", "監修", "Supervised"))
        assert "かつら" not in heard and "ひろあき" not in heard
