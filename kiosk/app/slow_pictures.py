"""Pictures that took longer than the drawing budget: logged once and listed for staff, by their file.

Patients see a calm placeholder in their place (kiosk/ui/widgets/svg_drawing.py); the practitioner needs to know
which file to simplify, so the note names it as it sits in the lesson folder shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.content.model import Library
from kiosk.core.i18n import _

log = logging.getLogger("kiosk.app")


def picture_paths(library: Library | None, root: Path, name: str) -> list[Path]:
    """Where a picture of this name is, in each lesson of the library that uses it."""
    if library is None:
        return []
    return [
        root / lesson.id / "pictures" / name
        for lesson in library.lessons.values()
        if any(name in text.images for text in lesson.translations.values())
    ]


def slow_note(path: Path, budget_ms: int) -> str:
    """What staff read about a picture over the drawing budget (the staff menu, `kiosk handout`)."""
    return _(
        "picture {path} took more than {seconds:g} s to draw: patients see a plain frame in its place; "
        "draw it with fewer or smaller shapes"
    ).format(path=path, seconds=budget_ms / 1000)


class SlowPictures(QObject):
    """The notes for staff; `report` is connected to the drawer's `too_slow` (and goes with its parent window)."""

    changed = Signal()  # a note was added

    def __init__(self, where: Callable[[str], list[Path]], budget_ms: int, parent: QObject) -> None:
        super().__init__(parent)
        self._where = where
        self.budget_ms = budget_ms
        self.notes: list[str] = []

    @Slot(str)
    def report(self, name: str) -> None:
        paths = self._where(name) or [Path(name)]
        for path in paths:
            note = slow_note(path, self.budget_ms)
            if note not in self.notes:
                self.notes.append(note)
                log.warning("%s", note)
                self.changed.emit()


def watch_slow_pictures(
    window: QWidget, library: Callable[[], Library | None], root: Callable[[], Path]
) -> SlowPictures:
    """The notes, connected to the drawer every picture widget uses; they go with the window."""
    from kiosk.ui.widgets.svg_drawing import shared

    drawer = shared()
    found = SlowPictures(lambda name: picture_paths(library(), root(), name), drawer.budget_ms, window)
    drawer.too_slow.connect(found.report)
    return found
