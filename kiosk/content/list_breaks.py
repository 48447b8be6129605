"""A list typed straight under a sentence, as people type it, is a list: a blank line is put before and after it.

Markdown (and Python-Markdown, which the slides go through) wants a blank line between a paragraph and a list;
without one, `- 立ち上がる` stays a literal line of the paragraph. This pass, the project's own (no extension of
Python-Markdown does exactly this for both ends of a list), adds those blank lines before the text is converted.
Lines inside a code fence and indented lines (a list item's continuation, a nested list) are left as they are.
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _is_item(line: str) -> bool:
    return bool(_ITEM.match(line)) and not line.lstrip().startswith("* * *")


def loosen_lists(source: str) -> str:
    """`source` with a blank line between a paragraph line and a list item that follows it, and the other way."""
    out: list[str] = []
    fenced = False
    for line in source.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and out and out[-1].strip() and line.strip():
            before = out[-1]
            indented = line.startswith((" ", "\t")) and not _is_item(line)
            if _is_item(line) and not _is_item(before) and not before.startswith((" ", "\t")):
                out.append("")  # a sentence, then the list's first item
            elif _is_item(before) and not _is_item(line) and not indented:
                out.append("")  # the list's last item, then a sentence
        out.append(line)
    return "\n".join(out)
