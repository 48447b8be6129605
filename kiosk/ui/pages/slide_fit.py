"""How a slide shares its room between text and picture: the picture never goes below a stated floor.

The floor: the drawn illustration covers at least PICTURE_FLOOR (a sixth) of the content area (the page
less its margins and the nav bar). Beside the text that is a picture column of a third of the width
(580 x 435 px at 1920x1080), under the text about 570 x 430 px in portrait. When the text does not fit
beside or above the picture at that size, it flows on to a second screen of the same slide (the same
heading and picture; Next shows the rest). Plain arithmetic, no Qt: tested without a QApplication.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

PICTURE_FLOOR = 1 / 6
TEXT_SHARES = (0.5, 0.58, 0.67)  # the text column's share of the width beside the picture, tried in order
_BLOCK = re.compile(r"<(p|ul|ol)\b[^>]*>.*?</\1>", re.S)
_LINE_BREAK = re.compile(r"<br\s*/?>\n?")
_ITEM = re.compile(r"<li\b[^>]*>.*?</li>", re.S)


class Arrangement(NamedTuple):
    """beside: text column share of the width (0 when stacked); picture: whether the picture is shown."""

    beside: float
    picture: bool


def drawn_area(box_width: float, box_height: float, ratio: float) -> float:
    """The area a picture of this aspect ratio covers when fitted into the box."""
    if box_width <= 0 or box_height <= 0:
        return 0.0
    width = min(box_width, box_height * ratio)
    return width * width / ratio


def meets_floor(box_width: float, box_height: float, ratio: float, width: float, height: float) -> bool:
    return drawn_area(box_width, box_height, ratio) >= PICTURE_FLOOR * width * height - 1


def stacked_picture_height(width: float, height: float, ratio: float) -> float:
    """The least picture height under the text that still meets the floor."""
    needed = PICTURE_FLOOR * width * height
    return min(math.sqrt(needed / ratio), width / ratio) if ratio > 0 else height


Piece = tuple[str, int, str]  # container tag, which block of the body, inner HTML


def units(body_html: str) -> list[Piece]:
    """The body as pieces that may go to different screens: one per line of a paragraph or item of a list."""
    found: list[Piece] = []
    for number, block in enumerate(_BLOCK.finditer(body_html)):
        tag, html = block.group(1), block.group(0)
        inner = html[html.index(">") + 1 : html.rindex("</")]
        if tag == "p":
            found += [("p", number, line) for line in _LINE_BREAK.split(inner) if line.strip()]
        else:
            found += [(tag, number, item.group(0)) for item in _ITEM.finditer(inner)]
    return found or [("p", 0, body_html)]


def join(pieces: list[Piece]) -> str:
    """Pieces back into HTML: lines of one paragraph stay one paragraph, items of one list one list."""
    html: list[str] = []
    for index, (tag, block, inner) in enumerate(pieces):
        continues = index > 0 and pieces[index - 1][:2] == (tag, block)
        if tag == "p":
            html.append("<br />\n" + inner if continues else "<p>" + inner)
        else:
            html.append(inner if continues else f"<{tag}>" + inner)
        if index + 1 == len(pieces) or pieces[index + 1][:2] != (tag, block):
            html.append(f"</{tag}>")
    return "".join(html)
