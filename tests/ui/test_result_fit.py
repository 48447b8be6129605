"""The result screen's arithmetic: what yields, and in which order, when the text does not fit (no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from kiosk.ui.pages.result_fit import PICTURE_FLOOR, TEXT_SHARES, Rect, Room, drawn_height, plan


def room(
    words: Callable[[int, bool], int], points: int = 200, height: int = 900, qr: Callable[[int], int] = lambda _w: 240
) -> Room:
    """A 1920x1080-like room whose text needs `words` (by width and run-on) and `points` at any width."""
    return Room(
        width=1800,
        height=height,
        gap=32,
        words=words,
        points=lambda _width: points,
        qr=qr,
        qr_min_width=300,
        qr_wide_width=300,
        ask=lambda _width: 80,
        finish=(300, 112),
        ratio=4 / 3,
        floor=PICTURE_FLOOR,
    )


def test_roomy_text_keeps_its_own_lines_beside_the_picture_and_the_code() -> None:
    """With room to spare: the narrowest text column, the headline on its own line, the QR card under the picture."""
    found = plan(room(lambda _w, _run_on: 200), landscape=True)
    assert found.fits and found.kind == "beside" and not found.run_on
    assert found.words[2] == round((1800 - 32) * TEXT_SHARES[0])
    assert found.qr[1] >= found.picture[1] + found.picture[3]  # the code under the picture, same column
    assert found.finish[1] + found.finish[3] == 900  # the bottom row sits on the room's bottom edge


def test_the_text_column_widens_before_the_headline_runs_on() -> None:
    """Text that fits only wider takes width from the picture's column first."""
    found = plan(room(lambda w, _run_on: 500 if w < 1100 else 300, points=300), landscape=True)
    assert found.fits and found.kind == "beside" and not found.run_on and found.words[2] >= 1100


def test_the_headline_runs_on_before_the_code_leaves_the_picture() -> None:
    """Text too tall at every width gets its headline run on into the sentence, the code still under the picture."""
    found = plan(room(lambda _w, run_on: 300 if run_on else 600, points=300), landscape=True)
    assert found.fits and found.kind == "beside" and found.run_on


def test_the_code_moves_to_the_bottom_row_when_the_picture_would_go_below_its_floor() -> None:
    """A QR card made tall by a narrow column, squeezing the picture, goes beside the ask words and Finish."""
    found = plan(room(lambda w, _run_on: 200 if w >= 1300 else 600, qr=lambda w: 240 if w >= 600 else 540), True)
    assert found.fits and found.kind == "qr-below"
    assert found.qr[1] + found.qr[3] <= 900 and found.qr[1] > found.points[1] + found.points[3]
    assert drawn_height(found.picture[2], found.picture[3], 4 / 3) >= PICTURE_FLOOR


def test_nothing_fits_is_said_not_hidden() -> None:
    """When no arrangement fits, the plan says so (the page then reports it) instead of dropping anything."""
    found = plan(room(lambda _w, _run_on: 900), landscape=True)
    assert not found.fits


def test_the_caption_gets_room_to_read_in_a_few_lines_before_the_headline_keeps_its_own() -> None:
    """A QR caption squeezed to its narrowest (six short lines) reads worse than a headline run on: the plan first
    looks for an arrangement with the caption wide, and only then takes the narrowest."""
    words = room(lambda w, run_on: 200 if w >= (1000 if run_on else 1100) else 700)
    narrow = plan(words, landscape=True)
    assert narrow.fits and not narrow.run_on and narrow.qr[2] < 700
    wide = plan(words._replace(qr_wide_width=700), landscape=True)
    assert wide.fits and wide.run_on and wide.qr[2] >= 700


def test_a_caption_that_cannot_be_wide_anywhere_is_given_its_narrowest() -> None:
    """No arrangement leaves the caption its wide width: the plan is the one made with the narrowest, and it fits."""
    words = room(lambda w, _run_on: 200 if w >= 1100 else 700)
    assert plan(words._replace(qr_wide_width=5000), landscape=True) == plan(words, landscape=True)
    assert plan(words, landscape=True).fits


def _overlap(a: Rect, b: Rect) -> bool:
    return (
        a[2] > 0
        and a[3] > 0
        and b[2] > 0
        and b[3] > 0
        and a[0] < b[0] + b[2]
        and b[0] < a[0] + a[2]
        and (a[1] < b[1] + b[3] and b[1] < a[1] + a[3])
    )


def test_when_nothing_fits_the_picture_yields_before_any_text_overlaps() -> None:
    """No arrangement keeps the picture at its floor: the plan keeps every text clear of the others and on screen
    (the picture is drawn smaller, which the page reports) rather than the last arrangement, whose text overlaps."""
    tight = room(
        lambda _w, run_on: 250 if run_on else 300, points=250, height=700, qr=lambda w: 240 if w >= 600 else 540
    )
    found = plan(tight._replace(floor=300), landscape=True)
    assert not found.fits
    parts = [found.words, found.points, found.qr, found.ask, found.finish]
    assert not [(a, b) for a, b in combinations(parts, 2) if _overlap(a, b)]
    assert all(rect[1] >= 0 and rect[1] + rect[3] <= 700 for rect in parts)


def test_portrait_is_one_column_with_the_picture_taking_what_is_left() -> None:
    """Portrait: words, picture, points, code, bottom row, top to bottom, the picture at least its floor."""
    portrait = room(lambda _w, _run_on: 300, height=1700)._replace(width=960)
    found = plan(portrait, landscape=False)
    order = [found.words, found.picture, found.points, found.qr, found.finish]
    assert found.fits and found.kind == "column"
    assert [rect[1] for rect in order] == sorted(rect[1] for rect in order)
    assert drawn_height(found.picture[2], found.picture[3], 4 / 3) >= PICTURE_FLOOR


def test_a_lesson_without_picture_or_code_still_gets_a_plan() -> None:
    """No picture and no QR code: the plan fits and places nothing where they would be."""
    bare = room(lambda _w, _run_on: 200)._replace(ratio=None, qr=None)
    for landscape in (True, False):
        found = plan(bare, landscape)
        assert found.fits and found.qr == (0, 0, 0, 0)
