"""How the result screen shares its room, decided by arithmetic on measured heights (no Qt: tested alone).

The bottom row is placed first (Finish at the right, the ask-at-the-desk words beside it), then the text
column (the score in words, the message, the take-home points) is given its height for its width explicitly.
What yields, in this order, when the text is large and the screen small:
1. the text column widens (TEXT_SHARES, 56 % to 80 %), taking width from the picture's column (while the
   QR card still fits there);
2. the message's headline stops taking a line of its own: it runs on in bold into the message's sentence,
   one paragraph (every word stays on screen);
3. the QR card leaves the picture's column for the bottom row (beside the ask words and Finish), so the
   picture has the whole height beside the text;
4. the picture shrinks all along, never below PICTURE_FLOOR (design px of drawn height, times the scale).
All of that is tried first with the QR caption at a width where it reads in a few lines (`qr_wide_width`), then
again with it at its narrowest sensible width (`qr_min_width`): a caption of six short lines reads worse than a
headline run on. No text is ever dropped. When even that does not fit, the plan says so (`fits` is False) and
takes the first arrangement whose text still fits (`text_fits`: the picture yields below its floor, nothing
overlaps); the page reports its picture missing, which `kiosk render --check` and the layout tests count.
In portrait everything is one column: the words, the picture (it takes what height is left, down to its
floor), the points, the QR card, then the bottom row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

PICTURE_FLOOR = 200  # design px: the friendly picture is never drawn less tall than this (x window scale)
# The text column's share of the width beside the picture, tried in order: the narrowest that fits.
TEXT_SHARES = tuple(round(0.56 + 0.02 * step, 2) for step in range(13))  # 0.56 to 0.80
QR_ROW_SHARE = 0.34  # the QR card's share of the width when it sits in the bottom row

Rect = tuple[int, int, int, int]  # x, y, width, height
NOWHERE: Rect = (0, 0, 0, 0)


class Room(NamedTuple):
    """What the page measured: its room, the gaps, and the height each part needs at a width."""

    width: int
    height: int
    gap: int  # between columns, between rows and between the parts of the column
    words: Callable[[int, bool], int]  # the score in words and the message, at a width, run on or not
    points: Callable[[int], int]  # the take-home points card, at a width
    qr: Callable[[int], int] | None  # the QR card, at a width (None: no code)
    qr_min_width: int  # the code, its gap and the caption's narrowest sensible width
    qr_wide_width: int  # the same with the caption wide enough to read in a few lines (tried first)
    ask: Callable[[int], int]  # the ask-at-the-desk words, at a width
    finish: tuple[int, int]  # the Finish button's width and height
    ratio: float | None  # the picture's width over height (None: no picture)
    floor: float  # PICTURE_FLOOR at this window size


class Plan(NamedTuple):
    kind: str  # "beside", "qr-below" or "column"
    run_on: bool  # the message's headline runs on into its sentence
    words: Rect
    points: Rect
    picture: Rect
    qr: Rect
    ask: Rect
    finish: Rect
    fits: bool  # everything fits, the picture at least its floor
    text_fits: bool  # every text and the QR card fit without overlapping, whatever is left for the picture


def drawn_height(box_width: float, box_height: float, ratio: float) -> float:
    """The height a picture of this aspect ratio is drawn at when fitted into the box."""
    if box_width <= 0 or box_height <= 0:
        return 0.0
    return min(box_height, box_width / ratio)


def _bottom_row(room: Room, left: int) -> tuple[int, Rect, Rect]:
    """Finish at the bottom right, the ask words beside it from x=left: the row's height and both rects."""
    finish_w, finish_h = room.finish
    ask_w = max(1, room.width - finish_w - room.gap - left)
    ask_h = room.ask(ask_w)
    row = max(finish_h, ask_h)
    top = room.height - row
    finish = (room.width - finish_w, top + (row - finish_h) // 2, finish_w, finish_h)
    return row, (left, top + (row - ask_h) // 2, ask_w, ask_h), finish


def _text_column(room: Room, width: int, height: int, run_on: bool) -> tuple[bool, Rect, Rect]:
    """The words over the points, centred in the height; whether they fit."""
    words, points = room.words(width, run_on), room.points(width)
    needed = words + room.gap + points
    top = max(0, (height - needed) // 2)
    return needed <= height, (0, top, width, words), (0, top + words + room.gap, width, points)


def _beside(room: Room, share: float, run_on: bool) -> Plan:
    """Text on the left; on the right the picture over the QR card; the bottom row under both."""
    row, ask, finish = _bottom_row(room, 0)
    upper = room.height - row - room.gap
    text_w = round((room.width - room.gap) * share)
    right_w = room.width - room.gap - text_w
    fits, words, points = _text_column(room, text_w, upper, run_on)
    qr_h = room.qr(right_w) if room.qr else 0
    qr = (text_w + room.gap, upper - qr_h, right_w, qr_h) if room.qr else NOWHERE
    picture_h = upper - (qr_h + room.gap if room.qr else 0)
    picture = (text_w + room.gap, 0, right_w, max(0, picture_h))
    text_fits = fits and qr_h <= upper
    fits = text_fits and (room.qr is None or right_w >= room.qr_min_width) and _picture_fits(room, picture)
    return Plan("beside", run_on, words, points, picture, qr, ask, finish, fits, text_fits)


def _qr_below(room: Room, share: float, run_on: bool) -> Plan:
    """The QR card joins the bottom row at its left; the picture has the whole height beside the text."""
    qr_w = max(room.qr_min_width, round(room.width * QR_ROW_SHARE)) if room.qr else 0
    row, ask, finish = _bottom_row(room, qr_w + room.gap if room.qr else 0)
    qr_h = room.qr(qr_w) if room.qr else 0
    row = max(row, qr_h)
    top = room.height - row
    ask = (ask[0], top + (row - ask[3]) // 2, ask[2], ask[3])
    finish = (finish[0], top + (row - finish[3]) // 2, finish[2], finish[3])
    qr = (0, top + (row - qr_h) // 2, qr_w, qr_h) if room.qr else NOWHERE
    upper = top - room.gap
    text_w = round((room.width - room.gap) * share)
    fits, words, points = _text_column(room, text_w, upper, run_on)
    picture = (text_w + room.gap, 0, room.width - room.gap - text_w, upper)
    text_fits = fits and ask[2] >= room.finish[0]
    fits = text_fits and _picture_fits(room, picture)
    return Plan("qr-below", run_on, words, points, picture, qr, ask, finish, fits, text_fits)


def _column(room: Room, run_on: bool) -> Plan:
    """Portrait: words, picture, points, QR card, bottom row, top to bottom; the picture takes what is left."""
    row, ask, finish = _bottom_row(room, 0)
    width, gap = room.width, room.gap
    words_h, points_h = room.words(width, run_on), room.points(width)
    qr_h = room.qr(width) if room.qr else 0
    qr_top = room.height - row - gap - qr_h
    qr = (0, qr_top, width, qr_h) if room.qr else NOWHERE
    points_top = (qr_top if room.qr else room.height - row) - gap - points_h
    words = (0, 0, width, words_h)
    picture = (0, words_h + gap, width, max(0, points_top - gap - words_h - gap))
    if room.ratio is None:  # no picture: the room left over goes between the words and the points
        picture = NOWHERE
    text_fits = points_top >= words_h + gap
    fits = text_fits and _picture_fits(room, picture)
    return Plan("column", run_on, words, (0, points_top, width, points_h), picture, qr, ask, finish, fits, text_fits)


def _picture_fits(room: Room, picture: Rect) -> bool:
    return room.ratio is None or drawn_height(picture[2], picture[3], room.ratio) >= room.floor - 0.5


def plan(room: Room, landscape: bool) -> Plan:
    """The first arrangement that fits, in the order the module's docstring gives; else the first whose text fits
    (the picture yields); else the last one tried."""
    # Landscape: the caption wide first, then at its narrowest. One column: the QR card has the full width anyway.
    rooms = [room._replace(qr_min_width=max(room.qr_min_width, room.qr_wide_width)), room] if landscape else [room]
    tried: list[Plan] = []
    for each in rooms:
        candidates = _candidates(each) if landscape else (_column(each, run_on) for run_on in (False, True))
        for candidate in candidates:
            if candidate.fits:
                return candidate
            tried.append(candidate)
    return next((candidate for candidate in tried if candidate.text_fits), tried[-1])


def _candidates(room: Room) -> Iterator[Plan]:
    """Landscape arrangements from the roomiest to the most compact (made only as far as needed)."""
    for run_on in (False, True):
        for share in TEXT_SHARES:
            yield _beside(room, share, run_on)
    for share in TEXT_SHARES:
        yield _qr_below(room, share, True)
