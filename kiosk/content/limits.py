"""How long a quiz text or a heading may be: limits that every screen size, with every aid, is laid out for.

Measured in full-width units: a Japanese character is one, any other character 0.6 (so 24 units are
24 Japanese characters or 40 letters and spaces). The question page and the slides are tested at these limits
(tests/strategies.py makes lessons at them), so content the validator accepts always fits the screen.
"""

from __future__ import annotations

from kiosk.core.typeset import is_cjk, plain

HEADING_UNITS = 40  # a slide's `#` heading
QUESTION_UNITS = 42  # a quiz question
ANSWER_UNITS = 24  # one answer
EXPLANATION_UNITS = 80  # the explanation shown after answering


def width_units(text: str) -> float:
    """The text's length in full-width units (a Japanese character 1, another character 0.5)."""
    return round(sum(1.0 if is_cjk(char) else 0.6 for char in plain(text)), 3)


def too_long(text: str, limit: int, what: str) -> str | None:
    """Why the text is too long to be laid out on every screen, or None."""
    units = width_units(text)
    if units <= limit:
        return None
    return (
        f"{what} is {units:g} characters long (a letter counts 0.6); at most {limit} fit every screen with"
        " larger text: shorten it"
    )
