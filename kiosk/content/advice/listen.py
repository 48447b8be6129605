"""Narration: every slide can be heard (read-aloud plays its recording or its synthesised narration).

Not a PEMAT-P item (that tool is for printable material); a patient who cannot read the screen needs it all
the same, and Linux has no Japanese system voice. `kiosk narrate LESSON` makes what is missing.
"""

from __future__ import annotations

import os

from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.audio import AUDIO_FOLDER
from kiosk.content.spoken import SYNTH_NAME
from kiosk.core.i18n import _

RULE = "narration"


def slides_without_narration(context: Context) -> list[ContentAdvice]:
    """A slide with neither a recording nor synthesised narration for its words of today."""
    silent = [slide for slide in context.slides if not slide.audio]
    if not silent:
        return []
    folder = context.deck.path.parent
    lesson = folder.parent
    run = _("run `kiosk narrate {lesson} --lang {language}`").format(lesson=lesson, language=folder.name)
    if len(silent) == len(context.slides):
        advice = _(
            "no slide has narration for read-aloud: {run}, or record the slides (audio: in their settings)"
        ).format(run=run)
        return [ContentAdvice(context.deck.path, silent[0].line, RULE, None, advice)]
    audio = folder / AUDIO_FOLDER
    names = os.listdir(audio) if audio.is_dir() else []
    stale = {m.group(2) for name in names if (m := SYNTH_NAME.match(name)) and m.group(1) == "slide"}
    found = []
    for slide in silent:
        why = _("its narration was made for words since changed") if slide.id in stale else _("it has no narration")
        advice = _("slide {id!r}: {why}: {run}").format(id=slide.id, why=why, run=run)
        found.append(ContentAdvice(context.deck.path, slide.line, RULE, None, advice))
    return found
