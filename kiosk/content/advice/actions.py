"""Actionable (PEMAT-P 20 and 22): at least one slide tells the patient what to do, in listed steps.

An action is a sentence addressed to the reader: Japanese ending in ください or ましょう; English starting
with "please" or a verb in the imperative ("Tell the front desk…", "Stop any stretch…").
"""

from __future__ import annotations

import re

from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.text import list_items, sentences
from kiosk.content.model import Slide
from kiosk.core.i18n import _

ACTION_ITEM, STEPS_ITEM = 20, 22
_JAPANESE = re.compile(r"(ください|ましょう|しよう)")
# The lesson inviting the reader along (いっしょに見ていきましょう, 考えてみましょう, 順番にご説明します) is not
# something for the patient to do after reading: reading, looking, thinking and learning verbs are left out.
_READING_ALONG = re.compile(
    r"(見て|みて|見|考えて|かんがえて|学んで|まなんで|学び|まなび|知って|しって|読んで|よんで|確かめて|たしかめて|"
    r"振り返って|ふりかえって|振り返り|ふりかえり)(いき|ゆき|み|おき)?(ましょう|しよう)"
)
_IMPERATIVE = re.compile(
    r"^(please|ask|tell|see|stop|call|talk|bring|keep|try|take|check|have|do not|don't|come|book|write|show|"
    r"use|avoid|go|get|rest|make|find|speak|contact|visit|point)\b",
    re.I,
)  # not "let": "Let us explain…" is the lesson talking, not something for the patient to do


def _is_action(sentence: str, japanese: bool) -> bool:
    if japanese:
        return bool(_JAPANESE.search(_READING_ALONG.sub("", sentence)))
    return bool(_IMPERATIVE.match(sentence.lstrip("\"'“‘(")) or re.search(r"\bplease\b", sentence, re.I))


def action_slides(context: Context) -> list[Slide]:
    japanese = context.profile.characters
    return [
        slide
        for slide in context.slides
        if any(_is_action(sentence, japanese) for sentence in sentences(slide.body_text, context.profile))
    ]


def no_action(context: Context) -> list[ContentAdvice]:
    """No slide asks the patient to do anything."""
    if not context.slides or action_slides(context):
        return []
    advice = _(
        "no slide tells the patient what to do: add one that asks them directly "
        "(…してください / 'Tell the front desk…'), for example what to say at the front desk"
    )
    return [ContentAdvice(context.deck.path, context.slides[-1].line, "action", ACTION_ITEM, advice)]


def action_without_steps(context: Context) -> list[ContentAdvice]:
    """Actions are there, but none is broken into steps a patient can follow one by one."""
    actions = action_slides(context)
    if not actions or any(len(list_items(slide)) >= 2 for slide in actions):
        return []
    first = actions[0]
    advice = _("the action on slide {id!r} has no steps: list what to do or say as '- ' lines").format(id=first.id)
    return [ContentAdvice(context.deck.path, first.line, "action-steps", STEPS_ITEM, advice)]
