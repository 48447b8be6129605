"""Medical terms explained where a patient first meets them (PEMAT-P 4).

A term from the watch list counts as explained on the slide (or question) where it appears with its
explanation: `坐骨神経痛（お尻から足への痛み）`, `お尻から足への痛み（坐骨神経痛）`, a glossary-style line
`- 坐骨神経痛：…`, or `坐骨神経痛とは…` (English: `sciatica (…)`, `Sciatica: …`, `sciatica means …`). Using it
before any such explanation is advised against. The deck's `terms:` setting adds words to the watch list.
"""

from __future__ import annotations

import re
from itertools import groupby

from kiosk.content.advice.context import Context, Shown
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.deck import DECK_KEYS
from kiosk.content.frontmatter import split_front_matter
from kiosk.core.i18n import _

ITEM = 4
DEFAULT_TERMS: dict[str, tuple[str, ...]] = {
    "ja": (
        "腰椎椎間板ヘルニア",
        "椎間板ヘルニア",
        "ヘルニア",
        "坐骨神経痛",
        "椎間板",
        "腰椎",
        "頸椎",
        "脊柱管狭窄症",
        "神経根",
        "梨状筋",
        "仙腸関節",
        "すべり症",
        "分離症",
        "変形性",
        "圧迫骨折",
    ),
    "en": (
        "lumbar disc herniation",
        "disc herniation",
        "herniated disc",
        "herniation",
        "hernia",
        "sciatica",
        "sciatic nerve",
        "lumbar",
        "vertebra",
        "vertebrae",
        "spinal stenosis",
        "nerve root",
        "piriformis",
        "sacroiliac",
        "spondylolisthesis",
        "compression fracture",
    ),
}
_SPLIT = re.compile(r"\s*[,、，;；]\s*")
_EXPLAINED_AFTER_WORDS = re.compile(r"\s+(means|is an?|is the|is when|refers to)\b|,\s+(which is|meaning)\b", re.I)


def watch_list(context: Context) -> tuple[str, ...]:
    """The built-in terms of the lesson's language and the deck's own `terms:` setting."""
    base = DEFAULT_TERMS.get(context.lesson.language.split("-")[0].lower(), ())
    text = "\n".join(context.deck.lines)
    settings, *_rest = split_front_matter(text, context.deck.path, DECK_KEYS)
    extra = [term for term in _SPLIT.split(settings.get("terms", "")) if term]
    return tuple(dict.fromkeys([*base, *extra]))


def _pattern(terms: tuple[str, ...], words: bool) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b" if words else f"(?:{alternatives})", re.IGNORECASE)


def _explained(text: str, start: int, end: int, words: bool) -> bool:
    """Is this occurrence given its explanation right here?"""
    if text[:start].rstrip().endswith(("（", "(")):
        return True
    after = text[end:]
    if after.lstrip(" ").startswith(("（", "(", "：", ":")):
        return True
    return bool(_EXPLAINED_AFTER_WORDS.match(after)) if words else after.startswith("とは")


def undefined_terms(context: Context) -> list[ContentAdvice]:
    """Each listed term used before a slide explains it: one advice, where it is first used."""
    words = not context.profile.characters
    pattern = _pattern(watch_list(context), words)
    if pattern is None:
        return []
    explained: set[str] = set()
    reported: set[str] = set()
    found: list[ContentAdvice] = []
    for _key, block in groupby(context.shown(), key=lambda shown: (shown.source.path, shown.start)):
        uses: list[tuple[str, Shown, bool]] = []
        for shown in block:
            for match in pattern.finditer(shown.text):
                term = match.group(0).lower() if words else match.group(0)
                uses.append((term, shown, _explained(shown.text, match.start(), match.end(), words)))
        here = {term for term, shown, yes in uses if yes and shown.source is context.deck}
        for term, shown, _yes in uses:
            if term in explained or term in here or term in reported:
                continue
            reported.add(term)
            found.append(
                ContentAdvice(
                    shown.source.path,
                    shown.line_of(_around(shown.text, term)),
                    "medical-term",
                    ITEM,
                    _(
                        "{term!r} is a medical term used before it is explained: explain it where it first appears, "
                        "as {term}{brackets} or in a list line '- {term}: …' on an earlier slide"
                    ).format(term=term, brackets="(…)" if words else "（…）"),
                )
            )
        explained |= here
    return found


def _around(text: str, term: str) -> str:
    """The text from the term on, which is what the line search looks for."""
    index = text.lower().find(term.lower())
    return text[index:] if index >= 0 else text
