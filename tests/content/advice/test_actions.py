"""At least one action addressed to the patient, broken into steps (PEMAT-P 20 and 22)."""

from __future__ import annotations

from tests.content.advice.conftest import Advise
from tests.content.advice.lessons import GOOD, rules


def test_a_lesson_with_no_action_is_advised(advice_for: Advise) -> None:
    """No ください / ましょう anywhere: one advice naming PEMAT-P 20 (and no steps advice on top)."""
    slides = list(GOOD["ja"])
    slides[3] = ("desk", "受付", "受付があります。\n\n- どこが痛むか\n- いつから痛むか")
    found = advice_for(slides)
    assert rules(found) == ["action"] and found[0].item == 20


def test_an_english_imperative_or_please_is_an_action(advice_for: Advise) -> None:
    """'Tell the front desk…' and 'please ask us' count; a statement does not."""
    slides = list(GOOD["en"])
    slides[3] = ("desk", "At the desk", "Tell the front desk:\n\n- Where it hurts\n- Since when")
    assert advice_for(slides, lang="en") == []
    slides[3] = ("desk", "At the desk", "If unsure, please ask us.\n\n- Where it hurts\n- Since when")
    assert advice_for(slides, lang="en") == []
    slides[3] = ("desk", "At the desk", "The front desk is open.\n\n- Where it hurts\n- Since when")
    assert rules(advice_for(slides, lang="en")) == ["action"]


def test_an_action_without_steps_is_advised(advice_for: Advise) -> None:
    """The only action slide has no list: advice naming PEMAT-P 22; a list of two steps is enough."""
    slides = list(GOOD["ja"])
    slides[3] = ("desk", "受付で", "気になることは、**受付でお伝えください**。")
    found = advice_for(slides)
    assert rules(found) == ["action-steps"] and found[0].item == 22


def test_the_lesson_talking_about_itself_is_not_an_action(advice_for: Advise) -> None:
    """ "Let us explain why" asks nothing of the patient: a lesson with only that has no action."""
    slides = list(GOOD["en"])
    slides[3] = ("desk", "At the desk", "Let us explain why.\n\n- Where it hurts\n- Since when")
    assert rules(advice_for(slides, lang="en")) == ["action"]


def test_inviting_the_reader_along_is_not_an_action(advice_for: Advise) -> None:
    """「いっしょに見ていきましょう」 is the lesson talking: on its own it is no action, so no "no steps" advice."""
    slides = list(GOOD["ja"])
    slides[3] = ("desk", "受付", "理由を、いっしょに見ていきましょう。\n\n- どこが痛むか\n- いつから痛むか")
    assert rules(advice_for(slides)) == ["action"]
    slides[3] = ("desk", "受付", "まず、順番に考えてみましょう。")
    assert rules(advice_for(slides)) == ["action"]


def test_near_misses_that_are_actions(advice_for: Advise) -> None:
    """休みましょう, 試してみましょう, 「見てほしい」と伝えましょう ask the patient to do something."""
    for sentence in ("ゆっくり休みましょう。", "試してみましょう。", "受付で「見てほしい」と伝えましょう。"):
        slides = list(GOOD["ja"])
        slides[3] = ("desk", "受付", sentence + "\n\n- どこが痛むか\n- いつから痛むか")
        assert advice_for(slides) == [], sentence


def test_a_list_typed_straight_under_a_sentence_counts_as_steps(advice_for: Advise) -> None:
    """No blank line before the list, as people type it: the steps are seen, no "no steps" advice."""
    slides = list(GOOD["ja"])
    slides[3] = ("desk", "受付で", "受付でお伝えください。\n- どこが痛むか\n- いつから痛むか")
    assert advice_for(slides) == []
