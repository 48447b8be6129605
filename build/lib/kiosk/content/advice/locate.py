"""Find the line of a file where a piece of shown text was written, so advice points at it."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.core.errors import ContentError
from kiosk.core.textfile import read_text

_MARKUP = re.compile(r"\*\*|__|\*|`")


class Source:
    """One content file's lines, searched for where a sentence or term was written."""

    def __init__(self, path: Path, text: str | None = None) -> None:
        self.path = path
        if text is None:
            try:
                text = read_text(path)
            except (ContentError, OSError):
                text = ""
        self.lines = [_MARKUP.sub("", line) for line in text.split("\n")]

    def line_of(self, shown: str, start: int = 1, end: int | None = None) -> int:
        """First line from `start` (up to `end`, exclusive) that holds the beginning of `shown`; else `start`."""
        probe = shown.strip().split("\n")[0][:12]
        if probe:
            stop = len(self.lines) if end is None else min(end - 1, len(self.lines))
            for index in range(max(start - 1, 0), stop):
                if probe in self.lines[index]:
                    return index + 1
        return start
