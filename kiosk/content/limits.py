"""What a lesson may hold: one table for the validator, the statistics and the layout.

Content that passes `kiosk validate` and then fails the statistics' checks is never recorded, visit after visit,
with only a log line; so both read their limits here (kiosk.content.deck and quiz check them, kiosk.stats.record
refuses a record beyond them).

How long a quiz text or a heading may be is measured in full-width units: a Japanese character is one, any other
character 0.6 (so 24 units are 24 Japanese characters or 40 letters and spaces). The question page and the slides
are tested at these limits (tests/strategies.py makes lessons at them), so content the validator accepts fits.
"""

from __future__ import annotations

from typing import Final

from kiosk.core.i18n import _
from kiosk.core.typeset import is_cjk, plain

MAX_SLIDES: Final = 1000  # slides in one deck (a real lesson has 10 to 20)
MAX_QUESTIONS: Final = 50  # questions in one quiz (the design asks for 3 to 5)
MAX_QUESTION_ID: Final = 64  # characters in a question id, the id a visit's answers are recorded under


def question_id_ok(question_id: str) -> bool:
    """A question id the statistics can record: short, printable, no surrounding spaces or line breaks."""
    return 0 < len(question_id) <= MAX_QUESTION_ID and question_id.isprintable() and question_id == question_id.strip()


HEADING_UNITS = 40  # a slide's `#` heading
QUESTION_UNITS = 42  # a quiz question
ANSWER_UNITS = 24  # one answer
EXPLANATION_UNITS = 80  # the explanation shown after answering
CAPTION_UNITS = 60  # a picture's caption (deck.md's `<!-- caption: ... -->`), three short lines under it on paper


def width_units(text: str) -> float:
    """The text's length in full-width units (a Japanese character 1, another character 0.6)."""
    return round(sum(1.0 if is_cjk(char) else 0.6 for char in plain(text)), 3)


def too_long(text: str, limit: int, what: str) -> str | None:
    """Why the text is too long to be laid out on every screen, or None."""
    units = width_units(text)
    if units <= limit:
        return None
    return _(
        "{what} is {units:g} characters long (a letter counts 0.6); at most {limit} fit every screen with larger"
        " text: shorten it"
    ).format(what=what, units=units, limit=limit)
