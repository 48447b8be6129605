"""Where Japanese text may break: BudouX phrases (文節) with kinsoku glue, written into the text as marks.

A BudouX break that falls inside a word a dictionary knows (kiosk.content.words: 我慢, 入りにくく,
流行って) is dropped, and so is every break inside a phrase the lesson marks to keep whole (`{{...}}` in the
Markdown, a WORD JOINER between its characters once loaded: kiosk.content.markup.keep_whole).

One pass over a loaded lesson (the loader calls `typeset_lesson`; the result is what the content cache
keeps), so segmentation never runs on a tap or at a start-up from the cache. Text without Japanese is
left exactly as written; its lines break at spaces as usual. Marks: kiosk.core.typeset.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape
from typing import Any

from kiosk.content.model import Deck, Question, ResultText, Translation
from kiosk.content.words import line_starts
from kiosk.core.typeset import NBSP, NO_LINE_END, NO_LINE_START, WJ, ZWSP, has_cjk, is_cjk, plain

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # ui.toml's {current}: never split, never marked inside
_TAG = re.compile(r"(<[^>]*>)")
_BLOCK_TAG = re.compile(r"</?(p|li|ul|ol|br)\b[^>]*>")
_ARTICLE = re.compile(r"\b(a|an|the|A|An|The) (?=\S)")  # an English line never ends on an article ("a / woman")


@lru_cache(maxsize=1)
def _parser() -> Any:
    import budoux  # only when content is validated: a start-up from the cache never loads it

    return budoux.load_default_japanese_parser()


def phrases(text: str) -> list[str]:
    """The text as phrases a line may break between: BudouX's, kinsoku glued (spaces inside one do not break)."""
    if not has_cjk(text):
        return re.findall(r"\S+\s*|\s+", text) or [text]
    found: list[str] = []
    for chunk in _parser().parse(text):
        part = chunk.lstrip()
        if found:  # BudouX opens a phrase with the space before it: the space ends the phrase before
            found[-1] += chunk[: len(chunk) - len(part)]
        elif part != chunk:
            part = chunk
        for word in _latin_words(part):
            if found and (word[0] in NO_LINE_START or found[-1].rstrip()[-1:] in NO_LINE_END):
                found[-1] += word
            else:
                found.append(word)
    return _keep_words(_keep_placeholders(found), text)


def _keep_words(found: list[str], text: str) -> list[str]:
    """Join phrases whose boundary falls inside a dictionary word or before a word that leans on the last."""
    allowed = line_starts(text)
    joined: list[str] = []
    offset = 0
    for part in found:
        if joined and offset not in allowed:
            joined[-1] += part
        else:
            joined.append(part)
        offset += len(part)
    return joined


def _latin_words(chunk: str) -> list[str]:
    """A phrase split after each space that stands between two non-Japanese characters (English inside
    Japanese breaks as English does); a space beside Japanese ("README の") stays inside the phrase."""
    words: list[str] = []
    start = 0
    for index in range(1, len(chunk) - 1):
        before, char, after = chunk[index - 1], chunk[index], chunk[index + 1]
        if char == " " and not after.isspace() and not is_cjk(before) and not is_cjk(after):
            words.append(chunk[start : index + 1])
            start = index + 1
    rest = chunk[start:]
    return [*words, rest] if rest else words


def _keep_placeholders(found: list[str]) -> list[str]:
    """Join phrases that a {placeholder} straddles (BudouX knows nothing of braces)."""
    joined: list[str] = []
    for part in found:
        if joined and joined[-1].count("{") > joined[-1].count("}"):
            joined[-1] += part
        else:
            joined.append(part)
    return joined


def break_points(text: str) -> set[int]:
    """Offsets into the text where a line may start (besides 0)."""
    points: set[int] = set()
    offset = 0
    for part in phrases(text):
        offset += len(part)
        points.add(offset)
    points.discard(len(text))
    return points


_IN_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def _hyphens_kept(text: str) -> str:
    """A WORD JOINER after a hyphen inside a word (sit-ups): Qt's line breaker may break after a hyphen, but a
    line may start only at a phrase (a word in English), and the checker says so."""
    return _IN_WORD_HYPHEN.sub("-" + WJ, text)


def mark(text: str) -> str:
    """The text with a ZERO WIDTH SPACE between phrases and a WORD JOINER between characters of a phrase (in
    English: only after a hyphen inside a word)."""
    if not has_cjk(text):
        return _hyphens_kept(text)
    kept = _kept(text)
    text = plain(text)
    points = break_points(text) - kept
    inside = {i for m in _PLACEHOLDER.finditer(text) for i in range(m.start() + 1, m.end())}
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        if index in points:
            if not before.isspace():
                out.append(ZWSP)
        elif _joined(before, char) and index not in inside:
            out.append(WJ)
        if char == " " and text[:index].strip() and _phrase_end(text, index) not in points | {len(text)}:
            char = NBSP  # a space inside a phrase ("README の") must not break it
        out.append(char)
    return "".join(out)


def mark_heading(text: str) -> str:
    """A heading marked as `mark` does, and in English an article glued to its word (never "a / woman")."""
    return mark(text) if has_cjk(text) else _ARTICLE.sub("\\1" + NBSP, text)


def _kept(text: str) -> set[int]:
    """Offsets into the plain text at which the text already holds a WORD JOINER: a phrase kept whole."""
    kept: set[int] = set()
    offset = 0
    for char in text:
        if char == WJ:
            kept.add(offset)
        elif char != ZWSP:
            offset += 1
    return kept


def _joined(before: str, char: str) -> bool:
    """Whether a WORD JOINER goes between two characters of one phrase (Qt would break between kanji)."""
    return not before.isspace() and not char.isspace() and (is_cjk(before) or is_cjk(char))


def _phrase_end(text: str, index: int) -> int:
    """Where the run of spaces at index ends."""
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def mark_html(html: str) -> str:
    """Mark the text of sanitised slide HTML block by block, across inline tags, leaving every tag as it is."""
    if not has_cjk(html):
        return "".join(t if t.startswith("<") else _hyphens_kept(t) for t in _TAG.split(html))
    tokens = _TAG.split(html)
    result: list[str] = []
    run: list[str] = []  # the tokens of one block: text and inline tags

    def flush() -> None:
        texts = [unescape(t) for t in run if not t.startswith("<")]
        marked = mark("".join(texts))
        position = 0
        for token in run:
            if token.startswith("<"):
                result.append(token)
                continue
            text = unescape(token)
            piece, position = _take(marked, position, len(text))
            result.append(escape(piece, quote=False))
        run.clear()

    for token in tokens:
        if token.startswith("<") and _BLOCK_TAG.fullmatch(token):
            flush()
            result.append(token)
        elif token:
            run.append(token)
    flush()
    return "".join(result)


def _take(marked: str, position: int, count: int) -> tuple[str, int]:
    """The next `count` characters of the plain text from the marked text, with the marks among them."""
    start = position
    while count and position < len(marked):
        if marked[position] not in (ZWSP, WJ):
            count -= 1
        position += 1
    while position < len(marked) and marked[position] in (ZWSP, WJ):  # marks before a tag go with this piece
        position += 1
    return marked[start:position], position


def typeset_lesson(lesson: Translation) -> Translation:
    """The lesson with every text a patient reads marked for phrase breaking (plain text fields stay plain)."""
    deck = lesson.deck
    slides = tuple(s._replace(heading=mark_heading(s.heading), body_html=mark_html(s.body_html)) for s in deck.slides)
    new_deck: Deck = deck._replace(title=mark_heading(deck.title), subtitle=mark_heading(deck.subtitle), slides=slides)
    questions = tuple(_question(q) for q in lesson.questions)
    result: ResultText = lesson.result._replace(
        heading=mark_heading(lesson.result.heading),
        takeaways=tuple(mark(t) for t in lesson.result.takeaways),
        safety=mark(lesson.result.safety),
        messages=tuple(m._replace(headline=mark(m.headline), text=mark(m.text)) for m in lesson.result.messages),
    )
    strings = lesson.strings.mapped(mark)
    return lesson._replace(deck=new_deck, questions=questions, result=result, strings=strings)


def _question(question: Question) -> Question:
    answers = tuple(a._replace(text=mark(a.text)) for a in question.answers)
    return question._replace(prompt=mark(question.prompt), answers=answers, explanation=mark(question.explanation))
