"""Why a visit ended: one closed set of reasons, so none can be misspelt or drop out of the statistics.

A StrEnum: each member is also its text, so logs and signals read as before ("home", "idle").
"""

from __future__ import annotations

from enum import StrEnum


class EndReason(StrEnum):
    FINISHED = "finished"  # the result's Finish button
    RESULT_TIMEOUT = "result timeout"  # the result was shown; nobody pressed Finish
    HOME = "home"  # Home on a slide or a question
    IDLE = "idle"  # the idle prompt ran out
    ATTRACT_IDLE = "attract idle"  # aids left on at the attract screen, forgotten: nobody visited
    STAFF = "staff"  # staff started over (menu, desk page, holding the attract screen)
    STAFF_IDLE = "staff idle"  # staff walked away from an open staff layer
    LANGUAGE_CHANGED = "language changed"  # staff chose another default language
    CONTENT_RELOADED = "content reloaded"  # new content replaced the lesson being shown
    ERROR = "error"  # an unexpected error; the kiosk starts over
    RENDER = "render"  # a tool walking the screens (the render command, a benchmark): never a patient's visit
