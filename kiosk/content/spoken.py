"""Text for the ear: what synthesised narration says for each screen, and the file name that records it.

The words are the screen's own (a slide's heading and body, a question's prompt and answers, an explanation),
but for a credit that names a person (its reading would be a guess), with the phrase marks and leftover Markdown
removed, symbols and ranges said as words, each line ended as a sentence, and the lesson's readings
(`readings.toml` in the language folder) put in where the engine would misread a word (坐骨神経痛 →
ざこつしんけいつう). No engine here: `kiosk/content/narrate.py` speaks the text.

A synthesised file is named by its screen and a digest of the exact text it says
(`slide-seiza.synth-1a2b3c4d.opus`), so changed words never play an old file: the loader takes a file only
when its digest matches the text of today.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Final, NamedTuple

from kiosk.content.model import Deck, Question
from kiosk.core.errors import ContentError
from kiosk.core.i18n import _
from kiosk.core.textfile import key_line

READINGS: Final = "readings.toml"
MAX_READINGS: Final = 500
MAX_READING_CHARS: Final = 100
SYNTH_SUFFIX: Final = ".opus"
SYNTH_NAME: Final = re.compile(r"^(slide|question|explanation)-([a-z0-9][a-z0-9_-]*)\.synth-([0-9a-f]{8})\.opus$")

# Marks the typesetter puts between and inside phrases, and other invisible characters: never spoken.
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u2060\u00ad\u200c\u200d\ufeff"))
_CJK: Final = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SENTENCE_END: Final = tuple("。！？!?.…:;")
# Symbols said as words, after NFKC (so a full-width ％ or ～ is here as % or ~). Brackets go; their words stay.
_SYMBOLS: Final = {
    "ja": (
        (re.compile(r"(?<=\d)[ \t]*[~〜\-–][ \t]*(?=\d)"), "から"),
        (re.compile(r"(\d+)\s*/\s*(\d+)"), r"\2分の\1"),
        (re.compile(r"%"), "パーセント"),
        (re.compile(r"[~〜]"), "から"),
        (re.compile(r"[→⇒]"), "、"),
        (re.compile(r"[:;・…/]"), "、"),
        (re.compile(r"[=＝]"), "は"),
        (re.compile(r"[「」『』()\[\]【】〈〉《》\"'*#_`]"), ""),
    ),
    "en": (
        (re.compile(r"(?<=\d)[ \t]*[~〜\-–—][ \t]*(?=\d)"), " to "),
        (re.compile(r"%"), " percent"),
        (re.compile(r"&"), " and "),
        (re.compile(r"\be\.g\.", re.IGNORECASE), "for example"),
        (re.compile(r"\bi\.e\.", re.IGNORECASE), "that is"),
        (re.compile(r"[→⇒]"), ", "),
        (re.compile(r"[ \t][–—-][ \t]|[–—]"), ", "),
        (re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])"), " or "),
        (re.compile(r"[()\[\]\"*#_`“”]"), ""),
    ),
}


class Spoken(NamedTuple):
    """One screen's narration: its key (`slide-seiza`), the text the engine is given, and where it was asked for."""

    key: str
    text: str
    own_audio: str | None  # the practitioner's recording named in the screen's settings: it always wins

    @property
    def file_name(self) -> str:
        return synth_name(self.key, self.text)


def synth_name(key: str, text: str) -> str:
    """The synthesised file for this screen saying exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{key}.synth-{digest}{SYNTH_SUFFIX}"


def for_the_ear(text: str, language: str, readings: dict[str, str] | None = None) -> str:
    """The words as the engine should say them: one sentence a line, symbols in words, the lesson's readings in."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).replace("**", "")
    text = re.sub(r"(?m)^[ \t]*(?:[-*+]|\d+\.)[ \t]+", "", text)  # a list item's own mark, were one left
    if readings:
        text = apply_readings(text, readings)
    base = language.split("-")[0].lower()
    for pattern, words in _SYMBOLS.get(base, ()):
        text = pattern.sub(words, text)
    if base not in ("ja", "zh"):  # a voice for another language cannot say them (eSpeak: "Chinese letter")
        text = _CJK.sub("", text)
    text = re.sub(r"[ \t]+([、。,.!?:;])", r"\1", text)
    text = re.sub(r"([、。])[ \t]+", r"\1", text)
    stop = "。" if base == "ja" else "."
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\u3000]+", " ", line).strip(" 、,:")
        if line:
            lines.append(line if line.endswith(_SENTENCE_END) else line + stop)
    return "\n".join(lines)


def apply_readings(text: str, readings: dict[str, str]) -> str:
    """Each listed word replaced by its reading, the longest word first (腰椎椎間板ヘルニア before ヘルニア)."""
    pattern, table = _readings_pattern(tuple(readings.items()))
    return pattern.sub(lambda match: table[match.group(0)], text) if table else text


@lru_cache(maxsize=8)
def _readings_pattern(items: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for a whole table, made once (every screen of a language uses the same table)."""
    table = {unicodedata.normalize("NFKC", word): reading for word, reading in items if word}
    return re.compile("|".join(re.escape(word) for word in sorted(table, key=len, reverse=True))), table


def read_readings(folder: Path) -> tuple[dict[str, str], list[ContentError]]:
    """The language's readings table ({} without a readings.toml), and its problems as path:line: message."""
    path = folder / READINGS
    if not path.exists():
        return {}, []
    from kiosk.core.textfile import read_text

    try:
        source = read_text(path, within=folder.parent)
    except ContentError as error:
        return {}, [error]
    try:
        table = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        line = int(match.group(1)) if (match := re.search(r"line (\d+)", str(error))) else 1
        message = _('not valid TOML ({error}); write one `"word" = "reading"` a line').format(error=error)
        return {}, [ContentError(path, line, message)]
    problems: list[ContentError] = []
    readings: dict[str, str] = {}
    for word, reading in table.items():
        line = key_line(source, word)
        if not isinstance(reading, str):
            message = _("the reading of {word!r} must be text in quotes").format(word=word)
            problems.append(ContentError(path, line, message))
        elif not word.strip() or not reading.strip():
            problems.append(ContentError(path, line, _("a word and its reading may not be empty")))
        elif len(word) > MAX_READING_CHARS or len(reading) > MAX_READING_CHARS:
            message = _("a word or reading is over {most} characters").format(most=MAX_READING_CHARS)
            problems.append(ContentError(path, line, message))
        else:
            readings[word] = reading
    if len(table) > MAX_READINGS:
        message = _("{count} readings; a lesson may give at most {most}").format(count=len(table), most=MAX_READINGS)
        problems.append(ContentError(path, 1, message))
    return readings, problems


# A line that credits a person (the supervisor's 監修：…, "Supervised by …"). A voice can only guess how a name is
# read (Open JTalk says かつら ひろあき for 桂 寛章, which nothing in the lesson confirms), so narration leaves the
# credit out; a practitioner who wants it heard records the slide in their own voice (`audio:`). A source
# (出典：…) names no person and is read.
_PERSON_BYLINE: Final = re.compile(r"^\s*((監修|文責|執筆)\s*[：:]|(supervised|reviewed|written) by\b)", re.IGNORECASE)
_ENDS_SENTENCE: Final = re.compile(r"[。．.!！?？]\s*$")


def without_credit(text: str, credit: str = "") -> str:
    """The text without the lines that credit a person: a byline, the lines under it that end no sentence (the
    name under the titles), and any line that is part of the deck's `credit:` (the name on a line of its own)."""
    credit_words = "".join(credit.translate(_INVISIBLE).split())
    kept: list[str] = []
    in_byline = False
    for line in text.translate(_INVISIBLE).split("\n"):
        words = "".join(line.split())
        in_byline = bool(_PERSON_BYLINE.match(line)) or (in_byline and not _ENDS_SENTENCE.search(line))
        if not in_byline and not (len(words) > 1 and words in credit_words):
            kept.append(line)
    return "\n".join(kept)


def _own(name: str | None) -> str | None:
    """A recording named in the settings, unless it is one narrate made (the loader names those, too)."""
    return None if name is None or SYNTH_NAME.match(name) else name


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def screens(deck: Deck, questions: tuple[Question, ...], language: str, readings: dict[str, str]) -> list[Spoken]:
    """Every screen narration is made for, in visit order: each slide, each question, each explanation."""
    found = []
    for slide in deck.slides:
        text = for_the_ear(_lines(slide.heading, without_credit(slide.body_text, deck.credit)), language, readings)
        found.append(Spoken(f"slide-{slide.id}", text, _own(slide.audio)))
    # With shuffled answers each visit has its own order, which one recording cannot follow: the question is read
    # alone then, never its answers in an order other than the screen's.
    for question in questions:
        answers = () if deck.shuffle_answers else tuple(answer.text for answer in question.answers)
        prompt = _lines(question.prompt, *answers)
        found.append(Spoken(f"question-{question.id}", for_the_ear(prompt, language, readings), _own(question.audio)))
    for question in questions:
        text = for_the_ear(question.explanation, language, readings)
        found.append(Spoken(f"explanation-{question.id}", text, _own(question.explanation_audio)))
    return found
