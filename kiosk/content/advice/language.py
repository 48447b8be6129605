"""Everyday language (PEMAT-P 3): short sentences, and Japanese that is not dense with kanji."""

from __future__ import annotations

from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.text import KANJI_SHARE_MAX, kanji_share, length, sentences, without_bylines
from kiosk.core.i18n import _

ITEM = 3
_SENTENCE_KINDS = {"body", "caption", "prompt", "answer", "explanation", "point", "message"}


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
                        _(
                            "a sentence of {size} {unit} ({start}…): keep each sentence under about "
                            "{most} {unit}, or split it in two"
                        ).format(size=size, unit=_(profile.unit), start=sentence[:16], most=profile.sentence_max),
                    )
                )
    return found


# Words often written in kanji that read more easily in kana (公用文作成の要領 and plain-Japanese guides
# write these in kana). The advice offers only the ones the slide holds, so it never names a word it lacks.
KANA_WORDS: tuple[tuple[str, str], ...] = (
    ("分かる", "わかる"), ("分かり", "わかり"), ("分から", "わから"), ("分かっ", "わかっ"),
    ("良い", "よい"), ("良く", "よく"), ("下さい", "ください"), ("出来る", "できる"), ("出来ま", "できま"),
    ("出来な", "できな"), ("事が", "ことが"), ("事は", "ことは"), ("事も", "ことも"), ("時に", "ときに"),
    ("時は", "ときは"), ("様々", "さまざま"), ("全て", "すべて"), ("既に", "すでに"), ("更に", "さらに"),
    ("又は", "または"), ("及び", "および"), ("但し", "ただし"), ("殆ど", "ほとんど"), ("為に", "ために"),
    ("頂く", "いただく"), ("頂き", "いただき"), ("色々", "いろいろ"), ("沢山", "たくさん"), ("一緒", "いっしょ"),
    ("丁度", "ちょうど"), ("先ず", "まず"), ("矢張り", "やはり"), ("何故", "なぜ"), ("無理", "むり"),
    ("大丈夫", "だいじょうぶ"), ("痺れ", "しびれ"), ("辛い", "つらい"), ("凄く", "すごく"), ("易い", "やすい"),
    ("無い", "ない"), ("有る", "ある"), ("居る", "いる"), ("言う", "いう"), ("所", "ところ"),
)  # fmt: skip


def kana_suggestions(text: str, most: int = 2) -> list[str]:
    """`分かる → わかる` for words of KANA_WORDS that `text` holds, at most `most` of them."""
    return [f"{kanji} → {kana}" for kanji, kana in KANA_WORDS if kanji in text][:most]


def dense_kanji(context: Context) -> list[ContentAdvice]:
    """A Japanese slide body where more than about 35 % of the letters are kanji reads as hard text.

    A byline (監修：…, 出典：…) is left out: names and titles have no kana spelling.
    """
    if not context.profile.characters:
        return []
    found: list[ContentAdvice] = []
    for slide in context.slides:
        text = without_bylines(slide.body_text)
        share = kanji_share(text)
        if share > KANJI_SHARE_MAX:
            examples = kana_suggestions(text)
            how = (
                _("write some words in kana (here: {examples})").format(examples=", ".join(examples))
                if examples
                else _("write some words in kana, or say a long compound of kanji in plainer words")
            )
            advice = _(
                "slide {id!r}: {share:.0%} of its text is kanji; above about {limit:.0%} it reads as hard: {how}"
            )
            found.append(
                ContentAdvice(
                    context.deck.path,
                    slide.line,
                    "kanji-share",
                    ITEM,
                    advice.format(id=slide.id, share=share, limit=KANJI_SHARE_MAX, how=how),
                )
            )
    return found
