"""Plain-language measures of one text: sentences, their length, the share of kanji, a slide's blocks.

Japanese (and Chinese) is measured in characters, other languages in words.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import NamedTuple

from kiosk.content.model import Slide
from kiosk.core.i18n import N_

CHARACTER_LANGUAGES = {"ja", "zh"}
# A sentence ends at 。！？ (or . ! ? before a space), but not inside a quotation: 「…。」 stays one sentence.
_CJK_END = re.compile(r"(?<=[。！？!?])(?![」』）)\]〕])")
_WORD_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
_LIST = re.compile(r"<(ul|ol)>.*?</\1>", re.DOTALL)
_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"[。！？.!?]")
_BYLINE = re.compile(r"^\s*((監修|出典|文責)\s*[：:]|supervised by\b|source\s*:)", re.IGNORECASE)


class Profile(NamedTuple):
    """How a language is measured, and the limits of this engine (about, not exact, as the docs say)."""

    characters: bool  # True: count characters; False: count words
    sentence_max: int  # 40 characters or 20 words
    body_max: int  # a slide body: 120 characters or 45 words
    heading_max: int  # 20 characters or 8 words
    short_explanation: int  # below this an explanation explains nothing: 12 characters or 5 words
    unit: str


JAPANESE = Profile(True, 40, 120, 20, 12, N_("characters"))
WORDS = Profile(False, 20, 45, 8, 5, N_("words"))
SENTENCES_PER_SLIDE = 4  # "two to four short sentences"; list items are counted by the body limit instead
KANJI_SHARE_MAX = 0.35


def profile_for(language: str) -> Profile:
    return JAPANESE if language.split("-")[0].lower() in CHARACTER_LANGUAGES else WORDS


def sentences(text: str, profile: Profile) -> list[str]:
    """The sentences of a text, one line (paragraph line or list item) at a time."""
    pattern = _CJK_END if profile.characters else _WORD_END
    found: list[str] = []
    for line in text.split("\n"):
        found += [part.strip() for part in pattern.split(line) if part.strip()]
    return found


def length(text: str, profile: Profile) -> int:
    """Characters without spaces, or words."""
    if profile.characters:
        return sum(1 for char in text if not char.isspace())
    return len(text.split())


def kanji_share(text: str) -> float:
    """Kanji among letters and digits (punctuation and spaces do not count)."""
    letters = [char for char in text if unicodedata.category(char)[0] in "LN"]
    if not letters:
        return 0.0
    return sum(1 for char in letters if _KANJI.match(char)) / len(letters)


def without_bylines(text: str) -> str:
    """The text without lines that credit a person or a source (監修：…, Supervised by …).

    A byline may go on for a line or two without a sentence end (the name under the titles): those go too.
    """
    kept: list[str] = []
    in_byline = False
    for line in text.split("\n"):
        in_byline = bool(_BYLINE.match(line)) or (in_byline and not _SENTENCE_END.search(line))
        if not in_byline:
            kept.append(line)
    return "\n".join(kept)


def _plain(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def paragraph_text(slide: Slide) -> str:
    """A slide's text outside its lists, one line per line on screen."""
    outside = _LIST.sub("\n", slide.body_html)
    outside = re.sub(r"<br\s*/?>|</p>", "\n", outside)
    return "\n".join(line for line in (_plain(part) for part in outside.split("\n")) if line)


def list_items(slide: Slide) -> list[str]:
    return [_plain(item) for item in _ITEM.findall(slide.body_html)]


def has_cue(slide: Slide) -> bool:
    """Bold, emphasis or a list marks the slide's key point."""
    return any(tag in slide.body_html for tag in ("<strong>", "<em>", "<li>"))
