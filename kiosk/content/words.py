"""Where a dictionary says a Japanese line may start: Sudachi's words, not BudouX's phrases.

BudouX guesses phrases from a small model and sometimes cuts a word (が／まん, 思いう／かべる, 入りに／くい).
A dictionary analyser knows the words: a line may start only where a word starts, and never on a word that
leans on the one before it (a particle, an auxiliary, a suffix such as にくい, closing punctuation, the する
of 我慢する), nor after a prefix (お, ご) or an opening bracket. The content loader removes every BudouX break
the dictionary forbids (kiosk.content.phrases), and `kiosk render --check` reads the laid-out lines against the
dictionary again (kiosk.app.render_check), so the check does not share the line breaker's data.

SudachiPy with its core dictionary, in split mode C (the longest units: 思い浮かべる, 柔道整復師 are one word).
It is loaded only when content is validated or checked: never at a start-up from the cache, never on a touch.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import Any

from kiosk.core.typeset import has_cjk

# Parts of speech (Sudachi's first field) of a word that leans on the word before it.
_LEANING = frozenset({"助詞", "助動詞", "接尾辞"})
_OPENING = "括弧開"  # 補助記号 that may start a line (an opening bracket); other punctuation leans
_LIGHT_VERB = "為る"  # する (normalised form): it leans on a noun of the サ変 kind (我慢+する)


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from sudachipy import Dictionary  # type: ignore[import-untyped]  # no py.typed; loaded lazily

    return Dictionary(dict="core")


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from sudachipy import SplitMode

    return _dictionary().tokenizer(mode=SplitMode.C)


@lru_cache(maxsize=4096)
def _pos(pos_id: int) -> tuple[str, ...]:
    return tuple(_dictionary().pos_of(pos_id))


def _leans(pos: tuple[str, ...], previous: tuple[str, ...] | None, lemma: str) -> bool:
    """Whether a word with these parts of speech cannot start a line after the word before it."""
    if pos[0] in _LEANING or (pos[0] == "補助記号" and pos[1] != _OPENING):
        return True
    if previous is None:
        return False
    if previous[0] == "接頭辞" or previous[1] == _OPENING:  # nothing breaks after a prefix or an opening bracket
        return True
    return lemma == _LIGHT_VERB and previous[0] == "名詞" and "サ変可能" in previous[:3]


def line_starts(text: str) -> set[int]:
    """Offsets (besides 0) where a line of this text may start by the dictionary; every offset when the text
    has no Japanese (English breaks at its spaces, which is not the dictionary's business)."""
    return set(_line_starts(text))


@lru_cache(maxsize=2048)
def _line_starts(text: str) -> frozenset[int]:
    if not has_cjk(text):
        return frozenset(range(1, len(text)))
    starts: set[int] = set()
    previous: tuple[str, ...] | None = None
    for morpheme in _tokenizer().tokenize(text):
        pos = _pos(morpheme.part_of_speech_id())
        if pos[0] == "空白":  # after a space a line may start, unless what follows leans
            starts.add(morpheme.end())
            previous = None
            continue
        begin = morpheme.begin()
        lemma = morpheme.normalized_form() if pos[1] == "非自立可能" else ""
        if begin and _leans(pos, previous, lemma):
            starts.discard(begin)
        elif begin:
            starts.add(begin)
        previous = pos
    starts.discard(len(text))
    starts.discard(0)
    return frozenset(starts)


def words(text: str) -> list[str]:
    """The text cut where a line may start by the dictionary (for messages and tests)."""
    points = sorted(line_starts(text) | {0, len(text)}) if has_cjk(text) else [0, len(text)]
    return [text[a:b] for a, b in pairwise(points) if b > a]
