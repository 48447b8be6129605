"""HTML comments in content files: `key: value; key: value` settings, or presenter notes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_PAIR = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def parse_settings(comment_body: str) -> dict[str, str] | None:
    """`id: a; image: b.svg` -> {"id": "a", "image": "b.svg"}; None when it is not settings."""
    parts = [part for part in comment_body.replace("\n", ";").split(";") if part.strip()]
    if not parts:
        return None
    settings: dict[str, str] = {}
    for part in parts:
        match = _PAIR.match(part)
        if not match:
            return None
        settings[match.group(1).lower()] = match.group(2)
    return settings


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class Comment:
    start: int  # offset of "<!--"
    end: int  # offset just after "-->"
    body: str


def comments(text: str) -> Iterator[Comment]:
    """Every closed `<!-- ... -->`, in order; one pass over the text (a regex rescans on each unclosed one)."""
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        close = text.find("-->", start + 4)
        if close < 0:
            return
        yield Comment(start, close + 3, text[start + 4 : close])
        position = close + 3


def unclosed_comment(text: str) -> int | None:
    """Offset of a `<!--` that is never closed, or None."""
    position = 0
    for comment in comments(text):
        position = comment.end
    start = text.find("<!--", position)
    return start if start >= 0 else None


def without_comments(text: str) -> str:
    """The text with every closed comment removed, keeping its line breaks so line numbers stay right."""
    parts: list[str] = []
    position = 0
    for comment in comments(text):
        parts += [text[position : comment.start], "\n" * text.count("\n", comment.start, comment.end)]
        position = comment.end
    return "".join(parts) + text[position:]
