"""Everyday language (PEMAT-P 3): short sentences, and Japanese that is not dense with kanji."""

from __future__ import annotations

from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.text import KANJI_SHARE_MAX, kanji_share, length, sentences, without_bylines

ITEM = 3
_SENTENCE_KINDS = {"body", "prompt", "answer", "explanation", "point", "message"}


def long_sentences(context: Context) -> list[ContentAdvice]:
    """A sentence over about 40 characters (Japanese) or 20 words is hard to take in at a glance."""
    profile = context.profile
    found: list[ContentAdvice] = []
    for shown in context.shown():
        if shown.kind not in _SENTENCE_KINDS:
            continue
        for sentence in sentences(shown.text, profile):
            size = length(sentence, profile)
            if size > profile.sentence_max:
                found.append(
                    ContentAdvice(
                        shown.source.path,
                        shown.line_of(sentence),
                        "sentence-length",
                        ITEM,
                        f"a sentence of {size} {profile.unit} ({sentence[:16]}…): keep each sentence under about "
                        f"{profile.sentence_max} {profile.unit}, or split it in two",
                    )
                )
    return found


def dense_kanji(context: Context) -> list[ContentAdvice]:
    """A Japanese slide body where more than about 35 % of the letters are kanji reads as hard text.

    A byline (監修：…, 出典：…) is left out: names and titles have no kana spelling.
    """
    if not context.profile.characters:
        return []
    found: list[ContentAdvice] = []
    for slide in context.slides:
        share = kanji_share(without_bylines(slide.body_text))
        if share > KANJI_SHARE_MAX:
            found.append(
                ContentAdvice(
                    context.deck.path,
                    slide.line,
                    "kanji-share",
                    ITEM,
                    f"slide {slide.id!r}: {share:.0%} of its text is kanji; above about {KANJI_SHARE_MAX:.0%} "
                    "it reads as hard: write some words in kana (e.g. 分かる → わかる, 良い → よい)",
                )
            )
    return found
