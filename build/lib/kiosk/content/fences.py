"""Which lines of a Markdown text are inside a fenced code block: one tracker for every pass that asks.

The slide splitter (a `---` inside code never splits) and the heading finder (a `# ` line inside code is
not a heading) must agree line for line, so both walk the text through `code_lines`.
Rules, as in CommonMark: a fence is three or more backticks or tildes, indented at most three spaces; it
is closed only by a fence of the same character, at least as long, with nothing after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def code_lines(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line, with True when it is part of a fenced code block (its opening and closing fence included)."""
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if fence is None:
            # A backtick fence's info string may not hold a backtick (CommonMark): ```a``` is inline code.
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = match.group(1)
                yield line, True
            else:
                yield line, False
            continue
        closes = (
            match is not None
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not match.group(2).strip()
        )
        if closes:
            fence = None
        yield line, True
