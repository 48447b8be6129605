"""Interface words: a ui.toml written before the kiosk learnt an optional key (a language the kiosk has no words
of) still validates; the advice names each key it could add, since the screens do without it until then."""

from __future__ import annotations

from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.loader import STRINGS
from kiosk.content.strings import optional, string_of
from kiosk.core.i18n import _

RULE = "interface"


def optional_words_missing(context: Context) -> list[ContentAdvice]:
    """An optional key this language's words leave empty (the kiosk's own words give them all for ja and en)."""
    strings = context.lesson.strings
    path = context.deck.path.parent / STRINGS
    return [
        ContentAdvice(
            path,
            1,
            RULE,
            None,
            _("ui.toml does not give {key} ({purpose}): the screens do without it until you add it").format(
                key=key, purpose=purpose
            ),
        )
        for key, purpose in optional().items()
        if not string_of(strings, key)
    ]
