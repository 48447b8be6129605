"""Japanese line-breaking rules and the line breaker the labels use; plain Python, no Qt, no segmenter.

Content is segmented into phrases once, when it is loaded (kiosk.content.phrases): a ZERO WIDTH SPACE
marks each place a line may break, a WORD JOINER sits between the characters of a phrase (so Qt's own
breaking, where it is used, keeps phrases whole too). At layout time a label only measures the pieces
between break opportunities and fills lines here: greedy for body text, balanced for headings and
buttons, and never with a last line of one or two Japanese characters or one English word when the
text can be laid out otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

ZWSP = "\u200b"  # a break opportunity between phrases
WJ = "\u2060"  # no break here (between the characters of a phrase)
NBSP = "\u00a0"  # a space that never breaks (inside a phrase, or glued against an orphan)
MARKS = (ZWSP, WJ)
_STRIP = str.maketrans({ZWSP: None, WJ: None, NBSP: " "})

# Kinsoku shori (JIS X 4051): characters that never start a line, and those that never end one.
NO_LINE_START = frozenset(
    "。、，．,.・：；:;？！?!‼⁇⁈⁉ー―‐–〜～…‥）)」』】〕〉》］]｝}〙〗〟’”»%％°℃"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿゝゞヽヾ々〻"
    "｡､･ｧｨｩｪｫｬｭｮｯｰ"
)
NO_LINE_END = frozenset("（(「『【〔〈《［[｛{〘〖〝‘“«")
ORPHAN_CJK_CHARS = 2  # a last line of this many Japanese characters or fewer is an orphan


def plain(text: str) -> str:
    """The text without break marks (for speech, lengths and comparisons)."""
    return text.translate(_STRIP)


def is_cjk(char: str) -> bool:
    """Kana, kanji, CJK punctuation or full-width forms: text that breaks by phrase, not by space."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x31F0 <= code <= 0x31FF
    )


def has_cjk(text: str) -> bool:
    return any(is_cjk(char) for char in text)


def is_orphan(last_line: str, line_count: int) -> bool:
    """A last line (of a text with more than one line) holding 1-2 Japanese characters or one English word."""
    visible = plain(last_line).strip()
    if line_count < 2 or not visible:
        return False
    if has_cjk(visible):
        return len(visible.replace(" ", "")) <= ORPHAN_CJK_CHARS
    return " " not in visible


def pieces(text: str) -> list[list[str]]:
    """The text as hard lines ("\\n"), each a list of pieces that a line may break after.

    A piece ends at a ZERO WIDTH SPACE (dropped) or after a run of ordinary spaces (kept, so a piece's
    trailing space is measured but not counted at a line's end). WORD JOINERs and no-break spaces stay.
    """
    result: list[list[str]] = []
    for hard_line in text.split("\n"):
        found: list[str] = []
        current = ""
        for char in hard_line:
            if char == ZWSP:
                if current:
                    found.append(current)
                current = ""
                continue
            if current.endswith(" ") and char != " ":
                found.append(current)
                current = ""
            current += char
        if current or not found:
            found.append(current)
        result.append(found)
    return result


def split_overlong(piece: str) -> list[str]:
    """A piece wider than any line, as single characters, kinsoku kept (the last resort, reported by checks)."""
    chars: list[str] = []
    for char in plain(piece):
        if chars and (char in NO_LINE_START or chars[-1][-1:] in NO_LINE_END or char == " "):
            chars[-1] += char
        else:
            chars.append(char)
    return chars


def greedy(widths: Sequence[float], spaces: Sequence[float], width: float) -> list[int]:
    """Start index of each line when pieces fill lines one after another; a piece's trailing space may overhang."""
    starts = [0]
    used = 0.0
    for index, advance in enumerate(widths):
        if index > starts[-1] and used + advance - spaces[index] > width + 0.01:
            starts.append(index)
            used = 0.0
        used += advance
    return starts


def balanced(widths: Sequence[float], spaces: Sequence[float], width: float) -> list[int]:
    """The same number of lines as greedy, at the narrowest measure that keeps it: lines of even length."""
    lines = len(greedy(widths, spaces, width))
    if lines < 2:
        return [0]
    low = max(w - s for w, s in zip(widths, spaces, strict=True))
    high = width
    for _ in range(14):  # to well under a pixel for any screen width
        middle = (low + high) / 2
        if len(greedy(widths, spaces, middle)) > lines:
            low = middle
        else:
            high = middle
    return greedy(widths, spaces, high)


def line_texts(texts: Sequence[str], starts: Sequence[int]) -> list[str]:
    ends = [*starts[1:], len(texts)]
    return ["".join(texts[a:b]) for a, b in zip(starts, ends, strict=True)]


def avoid_orphan(
    texts: Sequence[str], widths: Sequence[float], spaces: Sequence[float], width: float, starts: list[int]
) -> list[int]:
    """Pull pieces from the line before onto an orphan last line while it fits and that line keeps one."""
    starts = list(starts)
    while len(starts) >= 2 and is_orphan(line_texts(texts, starts)[-1], len(starts)):
        last = starts[-1]
        if last - 1 <= starts[-2]:
            break  # the line before is a single piece: nothing else fits
        candidate = last - 1
        if sum(widths[candidate:]) - spaces[-1] > width + 0.01:
            break
        starts[-1] = candidate
    return starts


def fill(
    texts: Sequence[str], widths: Sequence[float], spaces: Sequence[float], width: float, balance: bool
) -> list[int]:
    """Line starts for one hard line: balanced (headings, buttons) or greedy, then without an orphan."""
    if not texts:
        return [0]
    starts = (balanced if balance else greedy)(widths, spaces, width)
    return avoid_orphan(texts, widths, spaces, width, starts)


def breaks_inside(lines: Sequence[str], boundaries: set[int]) -> list[tuple[int, str]]:
    """Each line (after the first) that does not start at an allowed boundary of the joined plain text."""
    found: list[tuple[int, str]] = []
    offset = 0
    for number, line in enumerate(lines):
        if number and offset not in boundaries:
            found.append((number, line))
        offset += len(line)
    return found
