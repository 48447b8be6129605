"""What a lesson may hold so that every visit of it can be recorded: one table for the validator and the statistics.

Content that passes `kiosk validate` and then fails the statistics' checks is never recorded, visit after visit,
with only a log line; so both read their limits here (kiosk.content.deck and quiz check them, kiosk.stats.record
refuses a record beyond them).
"""

from __future__ import annotations

from typing import Final

MAX_SLIDES: Final = 1000  # slides in one deck (a real lesson has 10 to 20)
MAX_QUESTIONS: Final = 50  # questions in one quiz (the design asks for 3 to 5)
MAX_QUESTION_ID: Final = 64  # characters in a question id, the id a visit's answers are recorded under


def question_id_ok(question_id: str) -> bool:
    """A question id the statistics can record: short, printable, no surrounding spaces or line breaks."""
    return 0 < len(question_id) <= MAX_QUESTION_ID and question_id.isprintable() and question_id == question_id.strip()
