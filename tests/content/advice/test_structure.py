"""A summary slide, quiz answers that teach, key points marked, a picture per slide (PEMAT-P 11, 12, 15)."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.advice.context import Context
from kiosk.content.advice.engine import advise_context
from kiosk.content.images import IllustrationStore
from kiosk.content.loader import load_language
from tests.conftest import SHIPPED_LESSON
from tests.content.advice.conftest import Advise
from tests.content.advice.lessons import GOOD, QUIZ, deck_text, rules


def test_a_lesson_without_a_summary_slide_is_advised(advice_for: Advise) -> None:
    """Four slides and none sums up: advice naming PEMAT-P 11; a heading まとめ or Summary is enough."""
    slides = list(GOOD["ja"])
    slides[2] = ("points", "大切なこと", slides[2][2])
    found = advice_for(slides)
    assert rules(found) == ["summary"] and found[0].item == 11
    slides[2] = ("points", "今日のまとめ", slides[2][2])
    assert advice_for(slides) == []
    english = list(GOOD["en"])
    english[2] = ("points", "Key points", english[2][2])
    assert advice_for(english, lang="en") == []


def test_a_very_short_lesson_needs_no_summary(advice_for: Advise) -> None:
    """PEMAT-P marks the summary N/A for very short material: three slides draw no advice."""
    slides = [GOOD["ja"][0], GOOD["ja"][1], GOOD["ja"][3]]
    assert advice_for(slides) == []


def test_an_explanation_that_only_repeats_the_answer_is_advised(advice_for: Advise) -> None:
    """'神経の合図。' says no more than the answer: advice at the question's line."""
    quiz = QUIZ["ja"].replace("> 筋肉は、神経から届く合図で動いています。", "> 神経の合図。")
    found = advice_for(quiz=quiz)
    assert rules(found) == ["quiz-feedback"] and found[0].line == 1 and found[0].path.name == "quiz.md"
    quiz = QUIZ["en"].replace("> Muscles move when signals from the nerves reach them.", "> Yes, signals.")
    assert rules(advice_for(quiz=quiz, lang="en")) == ["quiz-feedback"]


def test_a_question_without_explanation_or_slide_is_advised(tmp_path: Path, illustrations: Path) -> None:
    """On a lesson from any source (the parser already refuses both), the rule names what is missing."""
    folder = tmp_path / "ja"
    folder.mkdir()
    (folder / "deck.md").write_text(deck_text(GOOD["ja"]), "utf-8")
    (folder / "quiz.md").write_text(QUIZ["ja"], "utf-8")
    (folder / "result.md").write_text((SHIPPED_LESSON / "ja" / "result.md").read_text("utf-8"), "utf-8")
    (folder / "ui.toml").write_text((SHIPPED_LESSON / "ja" / "ui.toml").read_text("utf-8"), "utf-8")
    lesson, problems = load_language(folder, IllustrationStore(illustrations))
    assert lesson is not None, problems
    question = lesson.questions[0]
    for changed, words in (
        (question._replace(explanation=""), "no explanation"),
        (question._replace(slide_id=""), "no slide"),
    ):
        context = Context.build(
            lesson._replace(questions=(changed,)), *(folder / n for n in ("deck.md", "quiz.md", "result.md"))
        )
        found = [advice for advice in advise_context(context) if advice.rule != "narration"]  # none here
        assert rules(found) == ["quiz-feedback"] and words in str(found[0])


def test_a_lesson_without_visual_cues_is_advised(advice_for: Advise) -> None:
    """No bold and no list on most slides: advice naming PEMAT-P 12; half the slides marked is enough."""
    plain = [(i, h, b.replace("**", "")) for i, h, b in GOOD["ja"]]
    plain[2] = (plain[2][0], plain[2][1], "合図が大切です。")
    plain[3] = (plain[3][0], plain[3][1], "受付でお伝えください。")
    found = advice_for(plain)
    assert "visual-cues" in rules(found) and found[rules(found).index("visual-cues")].item == 12
    plain[0] = GOOD["ja"][0]
    plain[1] = GOOD["ja"][1]
    assert "visual-cues" not in rules(advice_for(plain))


def test_a_slide_without_a_picture_is_advised(advice_for: Advise) -> None:
    """A slide whose settings name no image draws advice naming PEMAT-P 15."""
    deck = deck_text(GOOD["ja"]).replace(
        "<!-- id: nerve; image: a.svg --><!-- caption: nerve -->", "<!-- id: nerve -->"
    )
    found = advice_for(deck=deck)
    assert rules(found) == ["picture"] and found[0].item == 15 and "'nerve'" in str(found[0])


def test_a_picture_without_a_caption_is_advised(advice_for: Advise) -> None:
    """A slide with a picture and no `<!-- caption: -->` draws advice naming PEMAT-P 17 at the slide's line in
    deck.md; a slide without a picture draws only the picture advice."""
    deck = deck_text(GOOD["ja"])
    no_caption = deck.replace("<!-- caption: nerve -->", "", 1)
    found = advice_for(deck=no_caption)
    assert rules(found) == ["caption"] and found[0].item == 17
    assert found[0].path.name == "deck.md" and "'nerve'" in str(found[0])
    lines = no_caption.split("\n")
    assert lines[found[0].line - 1] == "<!-- id: nerve; image: a.svg -->"
    assert "PEMAT-P 17: visual aids have clear titles or captions" in str(found[0])
    english = deck_text(GOOD["en"]).replace("<!-- caption: nerve -->", "", 1)
    assert rules(advice_for(deck=english, lang="en")) == ["caption"]
    no_picture = deck.replace("<!-- id: nerve; image: a.svg --><!-- caption: nerve -->", "<!-- id: nerve -->")
    assert rules(advice_for(deck=no_picture)) == ["picture"]
