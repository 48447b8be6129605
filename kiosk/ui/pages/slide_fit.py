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
from collections.abc import Callable
from typing import NamedTuple

PICTURE_FLOOR = 1 / 6
TEXT_SHARES = (0.5, 0.58, 0.67)  # the text column's share of the width beside the picture, tried in order
_BLOCK = re.compile(r"<(p|ul|ol)\b[^>]*>.*?</\1>", re.S)
_LINE_BREAK = re.compile(r"<br\s*/?>\n?")
_ITEM = re.compile(r"<li\b[^>]*>.*?</li>", re.S)
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
# A sentence ends at 。！？ (with a closing bracket and the break marks after it), or at . ! ? and a space
# before a capital or a digit.
_SENTENCE_END = re.compile(r"[。！？][」』）)]*[\u200b\u2060]*|[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
HARD_BREAK = "<br />\n"


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
    """The body as pieces that may go to different screens: one per sentence of a paragraph (a piece after a
    hard line break starts with it) or item of a list."""
    found: list[Piece] = []
    for number, block in enumerate(_BLOCK.finditer(body_html)):
        tag, html = block.group(1), block.group(0)
        inner = html[html.index(">") + 1 : html.rindex("</")]
        if tag == "p":
            for index, line in enumerate(part for part in _LINE_BREAK.split(inner) if part.strip()):
                for place, sentence in enumerate(sentences(line)):
                    found.append(("p", number, (HARD_BREAK if index and not place else "") + sentence))
        else:
            found += [(tag, number, item.group(0)) for item in _ITEM.finditer(inner)]
    return found or [("p", 0, body_html)]


def sentences(html: str) -> list[str]:
    """A paragraph's line of HTML cut after each sentence's end outside any inline tag (<strong>...</strong>)."""
    found: list[str] = []
    start = depth = position = 0
    for token in _TAG_SPLIT.split(html):
        if token.startswith("<"):
            depth += -1 if token.startswith("</") else 0 if token.endswith("/>") else 1
        elif depth <= 0:
            for end in _SENTENCE_END.finditer(token):
                cut = position + end.end()
                if html[start:cut].strip() and html[cut:].strip():
                    found.append(html[start:cut])
                    start = cut
        position += len(token)
    found.append(html[start:])
    return [sentence for sentence in found if sentence.strip()]


def groups(pieces: list[Piece], keep: tuple[int, ...]) -> list[list[Piece]]:
    """Pieces that go to a screen together: a block marked to keep together, a paragraph's last sentence with
    the one before it (a closing sentence, often a hedge, never goes alone to the next screen), and a list's
    last item with the item before it (a list that flows on moves at least two items)."""
    grouped: list[list[Piece]] = []
    for index, piece in enumerate(pieces):
        previous = pieces[index - 1] if index else None
        same_block = previous is not None and previous[:2] == piece[:2]
        last_of_block = index + 1 == len(pieces) or pieces[index + 1][:2] != piece[:2]
        if same_block and (piece[1] in keep or last_of_block):
            grouped[-1].append(piece)
        else:
            grouped.append([piece])
    return grouped


def lonely(parts: list[list[Piece]]) -> list[Piece]:
    """Pieces a screen holds alone that end a block begun on an earlier screen: a paragraph's last sentence or
    a list's last item with nothing else of its block beside it (what groups() is there to prevent)."""
    flat = [(number, piece) for number, part in enumerate(parts) for piece in part]
    found: list[Piece] = []
    for index, (number, piece) in enumerate(flat):
        before = flat[index - 1] if index else None
        ends = index + 1 == len(flat) or flat[index + 1][1][:2] != piece[:2]
        if before is not None and before[1][:2] == piece[:2] and before[0] != number and ends:
            found.append(piece)
    return found


def join(pieces: list[Piece]) -> str:
    """Pieces back into HTML: sentences and lines of one paragraph stay one paragraph, items of one list one
    list; a hard line break that would open a screen is dropped."""
    html: list[str] = []
    for index, (tag, block, inner) in enumerate(pieces):
        continues = index > 0 and pieces[index - 1][:2] == (tag, block)
        if not continues and inner.startswith(HARD_BREAK):
            inner = inner[len(HARD_BREAK) :]
        if tag == "p":
            html.append(inner if continues else "<p>" + inner)
        else:
            html.append(inner if continues else f"<{tag}>" + inner)
        if index + 1 == len(pieces) or pieces[index + 1][:2] != (tag, block):
            html.append(f"</{tag}>")
    return "".join(html)


# -- the card layout (layout: card): a closing slide's picture, heading, text and small print on a card ------
CARD_LINE_EM = 26  # the longest text line on a card, in body-font sizes (about 26 Japanese characters)
CARD_PICTURE_GROWTH = 1.2  # the card's picture a little above the floor when there is room


class CardPlan(NamedTuple):
    """beside: picture left of the text (else above it); sizes inside the card's padding, in px."""

    beside: bool
    text_width: int
    picture: tuple[int, int]
    size: tuple[int, int]


def small_print(pieces: list[Piece]) -> tuple[list[Piece], list[Piece]]:
    """A card's text and its small print: the last paragraph, when the text has more than one block."""
    if not pieces or pieces[-1][0] != "p" or pieces[0][1] == pieces[-1][1]:
        return pieces, []
    last = pieces[-1][1]
    return [p for p in pieces if p[1] != last], [p for p in pieces if p[1] == last]


def card_plan(
    room: tuple[int, int],
    area: tuple[int, int],
    ratio: float | None,
    spacing: int,
    max_text: int,
    landscape: bool,
    text_height: Callable[[int], int],
) -> CardPlan | None:
    """How a card fits `room` (inside its padding): the text no wider than max_text and, when there is a
    picture (ratio), the picture no smaller than the floor of the whole content `area`; None if it cannot."""
    width, height = room
    if ratio is None:
        text_width = min(max_text, width)
        needed = text_height(text_width)
        return CardPlan(False, text_width, (0, 0), (text_width, needed)) if needed <= height else None
    floor_height = math.ceil(stacked_picture_height(area[0], area[1], ratio))
    floor_width = math.ceil(floor_height * ratio)

    def beside() -> CardPlan | None:
        for share in TEXT_SHARES:
            text_width = min(max_text, round((width - spacing) * share))
            box = width - spacing - text_width
            needed = text_height(text_width)
            if box < floor_width or needed > height or floor_height > height:
                continue
            grown = max(needed, round(floor_height * CARD_PICTURE_GROWTH))  # as tall as the text, or a little grown
            picture_height = min(height, grown, math.floor(box / ratio))
            picture = (math.ceil(picture_height * ratio), picture_height)
            return CardPlan(True, text_width, picture, (text_width + spacing + picture[0], max(needed, picture_height)))
        return None

    def stacked() -> CardPlan | None:
        text_width = min(max_text, width)
        needed = text_height(text_width)
        left = height - needed - spacing
        if left < floor_height or floor_width > width:
            return None
        picture_height = min(left, round(floor_height * CARD_PICTURE_GROWTH), math.floor(width / ratio))
        picture = (math.ceil(picture_height * ratio), picture_height)
        return CardPlan(False, text_width, picture, (max(text_width, picture[0]), needed + spacing + picture_height))

    first, second = (beside, stacked) if landscape else (stacked, beside)
    return first() or second()


def card_fallback(
    room: tuple[int, int], area: tuple[int, int], ratio: float | None, spacing: int, max_text: int, landscape: bool
) -> tuple[CardPlan, int]:
    """The card when its text does not fit whole (it flows on): the picture at its floor, the card the room's
    height; and the text height each screen of the slide may use."""
    width, height = room
    if ratio is None:
        text_width = min(max_text, width)
        return CardPlan(False, text_width, (0, 0), (text_width, height)), height
    floor_height = math.ceil(stacked_picture_height(area[0], area[1], ratio))
    picture = (math.ceil(floor_height * ratio), floor_height)
    if landscape:
        text_width = max(1, min(max_text, width - spacing - picture[0]))
        return CardPlan(True, text_width, picture, (text_width + spacing + picture[0], height)), height
    text_width = min(max_text, width)
    return CardPlan(False, text_width, picture, (max(text_width, picture[0]), height)), height - spacing - floor_height
