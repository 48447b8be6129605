"""Make a Qt-written PDF's text layer say the characters that were drawn, not look-alikes that share their glyph.

Qt's PDF writer names each glyph of an embedded font by the lowest code point the font maps to it
(QFontSubset::getReverseMap). Noto Sans CJK draws 肉 and the Kangxi radical ⾁ (U+2F81), 方 and ⽅, ・ and ‧
with one glyph each, so the text layer said ⾁ where the page shows 肉: searching or copying 筋肉 found
nothing. Qt writes each font's ToUnicode map uncompressed, one `<XXXX>` entry per glyph; a look-alike is put
back to the character the text really holds (the caller finds which share a glyph: kiosk/app/handout.py), four
hex digits for four, so no offset in the file moves. Pure bytes, no Qt.
"""

from __future__ import annotations

import re

_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_ENTRY = re.compile(rb"<([0-9A-Fa-f]{4})>")
SUSPECTS = (*range(0x2E80, 0x2FE0), 0x2027)  # CJK radicals (supplement and Kangxi), the hyphenation point ‧


def fix_to_unicode(data: bytes, replace: dict[str, str]) -> tuple[bytes, int]:
    """The PDF with each look-alike in its ToUnicode maps replaced as `replace` says (⾁ -> 肉); how many changed.

    Only the Unicode side of an entry is touched: the values in a range's `[...]` list, the third value of a
    range of one glyph (`<g> <g> <u>`) and the second of a `bfchar` pair, never a glyph code."""
    changed = 0
    out = bytearray(data)
    for number in sorted(set(_TO_UNICODE.findall(data))):
        start = data.find(b"\n" + number + b" 0 obj")
        begin = data.find(b"stream\n", start)
        end = data.find(b"endstream", begin)
        if start < 0 or begin < 0 or end < 0 or b"begincmap" not in data[begin:end]:
            continue  # not the uncompressed CMap Qt writes: left alone
        for first, last in _unicode_spans(data, begin, end):
            for match in _ENTRY.finditer(data, first, last):
                better = replace.get(chr(int(match.group(1), 16)))
                if better is not None and ord(better) <= 0xFFFF:
                    out[match.start(1) : match.end(1)] = f"{ord(better):04X}".encode()
                    changed += 1
    return bytes(out), changed


def _unicode_spans(data: bytes, begin: int, end: int) -> list[tuple[int, int]]:
    """Where the Unicode values of one CMap stream are, as (start, end) offsets into `data`."""
    spans: list[tuple[int, int]] = []
    offset = begin
    for line in data[begin:end].split(b"\n"):
        entries = list(_ENTRY.finditer(line))
        if b"[" in line:
            spans.append((offset + line.index(b"["), offset + len(line)))
        elif len(entries) == 3 and entries[0].group(1) == entries[1].group(1):
            spans.append((offset + entries[2].start(), offset + entries[2].end()))
        elif len(entries) == 2 and b"codespacerange" not in line:
            spans.append((offset + entries[1].start(), offset + entries[1].end()))
        offset += len(line) + 1
    return spans
