"""HTML comments in content files: `key: value; key: value` settings, or presenter notes."""

from __future__ import annotations

import re

COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
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
