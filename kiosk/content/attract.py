"""The attract screen's loop: which slides feed it, what each of its pictures says, and whose turn it is.

The practitioner names the slides in lesson.toml (`attract = ["seiza", 4]`: slide ids or numbers from 1);
without the key the loop takes the first few slides with a picture of their own. Each picture of the loop
shows with one line in the practitioner's words: the deck's subtitle under the deck's own picture (the
first, the one start-up draws), then each chosen slide's heading (`Translation.attract_loop`, in the model:
this module is not on the start-up path). Plain data, no Qt.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.model import Deck
from kiosk.core.errors import ContentError, LocatedError
from kiosk.core.i18n import _

DEFAULT_SLIDES = 3  # a loop of four pictures with the cover: about half a minute at the default interval
MOST_SLIDES = 8  # "a few": a longer loop is one nobody sees round


def default_slides(deck: Deck) -> tuple[str, ...]:
    """The first few slides whose picture is neither the deck's own nor one already taken."""
    taken = {deck.image}
    chosen: list[str] = []
    for slide in deck.slides:
        if slide.image and slide.image not in taken and len(chosen) < DEFAULT_SLIDES:
            taken.add(slide.image)
            chosen.append(slide.id)
    return tuple(chosen)


def choose_slides(
    entries: tuple[str | int, ...] | None, deck: Deck, path: Path, line: int
) -> tuple[tuple[str, ...], list[LocatedError]]:
    """The slide ids lesson.toml's `attract` names (None: the default), or every problem with them, located."""
    if entries is None:
        return default_slides(deck), []
    ids = [slide.id for slide in deck.slides]
    chosen: list[str] = []
    problems: list[LocatedError] = []

    def problem(message: str) -> None:
        problems.append(ContentError(path, line, f"attract: {message}"))

    if len(entries) > MOST_SLIDES:
        message = _("{count} slides; name at most {most} (a loop a patient can see round)")
        problem(message.format(count=len(entries), most=MOST_SLIDES))
    for entry in entries:
        if isinstance(entry, int):
            if not 1 <= entry <= len(ids):
                problem(
                    _("there is no slide {entry} (the deck has slides 1 to {last})").format(entry=entry, last=len(ids))
                )
                continue
            slide_id = ids[entry - 1]
        elif entry in ids:
            slide_id = entry
        else:
            shown = entry if entry.isprintable() and len(entry) <= 40 else repr(entry[:40])
            more = ", ..." if len(ids) > 12 else ""
            problem(_("no slide has the id '{shown}' (ids: {ids})").format(shown=shown, ids=", ".join(ids[:12]) + more))
            continue
        slide = deck.slides[ids.index(slide_id)]
        if not slide.image:
            message = _("slide '{slide_id}' has no picture (give it an image: setting, or leave it out of attract)")
            problem(message.format(slide_id=slide_id))
        elif slide_id in chosen:
            problem(_("slide '{slide_id}' is named twice").format(slide_id=slide_id))
        else:
            chosen.append(slide_id)
    return (tuple(chosen), []) if not problems else ((), problems)


def turn(step: int, counts: list[int]) -> tuple[int, int] | None:
    """Which lesson moves at this step of the loop (1, 2, ...) and to which of its pictures; None: nothing moves.

    Lessons with one picture stay still; the others take turns, one at a time, each to its next picture, so
    the loop goes round every lesson and only one thing on the screen changes at once."""
    moving = [index for index, count in enumerate(counts) if count > 1]
    if step < 1 or not moving:
        return None
    lesson = moving[(step - 1) % len(moving)]
    turns = (step - 1) // len(moving) + 1  # how often this lesson has moved, this one included
    return lesson, turns % counts[lesson]
