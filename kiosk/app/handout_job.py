"""Writing handouts without freezing the kiosk: the staff button's job, and `kiosk handout`'s (which waits for it).

First the SVG pictures are drawn by the screen's drawer (kiosk/ui/widgets/svg_drawing.py): in its worker threads,
through QImageReader (which lets Python's lock go, where QSvgRenderer.render keeps it), each within the same time
budget as on the screen. A picture over the budget is marked slow there, so the kiosk's staff note names it
(kiosk/app/slow_pictures.py), and the handout prints the calm placeholder in its place. Then each PDF is painted a
slide at a time, one step per turn of the event loop (kiosk/app/handout.py `paint_handout`): the UI thread is never
held for longer than one slide's text and picture.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QImage

from kiosk.app.handout import NO_CLINIC, Clinic, paint_handout, picture_sizes
from kiosk.app.slow_pictures import picture_paths, slow_note
from kiosk.content.model import Translation
from kiosk.core.i18n import _
from kiosk.ui.widgets.svg_drawing import PictureDrawer, shared

Wanted = tuple[int, str, bytes, QSize]  # which handout, the picture's name, its SVG, its size at 300 dpi


class HandoutJob(QObject):
    """Writes one handout per (lesson, file), in order; `finished` when all are written or one could not be."""

    finished = Signal()

    def __init__(
        self,
        orders: list[tuple[Translation, Path]],
        family: str,
        clinic: Clinic,
        drawer: PictureDrawer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.orders, self.family, self.clinic = orders, family, clinic
        self.drawer = shared() if drawer is None else drawer
        self.results: list[tuple[Path, int | OSError]] = []  # each file written and its pages, or why it was not
        self.slow: list[str] = []  # the pictures printed as the placeholder, by name
        self._drawn: list[dict[str, QImage]] = [{} for _ in orders]
        self._wanted: list[Wanted] = []
        self._steps: Generator[None, None, int] | None = None
        self._next = 0

    def start(self) -> None:
        """Ask the drawer for every picture; the pages are painted once each is drawn or over the budget."""
        for index, (lesson, _out) in enumerate(self.orders):
            self._wanted += [(index, name, lesson.images[name], size) for name, size in picture_sizes(lesson).items()]
        self.drawer.arrived.connect(self._collect)
        self._collect()

    def run_here(self) -> None:
        """Start, and wait in a local event loop until finished (`kiosk handout`, tests)."""
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        self.start()  # `finished` comes from a later turn of the loop, never from start itself
        loop.exec()

    def slow_notes(self, where: Callable[[str], list[Path]]) -> list[str]:
        """The staff note for each picture printed as the placeholder, naming its file(s)."""
        return [slow_note(path, self.drawer.budget_ms) for name in self.slow for path in (where(name) or [Path(name)])]

    def _collect(self) -> None:
        """Take what the drawer has drawn (never waiting for it here); when nothing is left to wait for, paint."""
        waiting: list[Wanted] = []
        for index, name, data, size in self._wanted:
            if self.drawer.is_slow(data):  # over the budget (now or on the screen before): the placeholder
                if name not in self.slow:
                    self.slow.append(name)
                continue
            drawn = self.drawer.image(name, data, size, wait_ms=0)
            if drawn is None:
                waiting.append((index, name, data, size))
            else:
                self._drawn[index][name] = drawn
        self._wanted = waiting
        if not waiting:
            self.drawer.arrived.disconnect(self._collect)
            QTimer.singleShot(0, self, self._paint)

    def _paint(self) -> None:
        """One step: a slide of the current handout (or its first page, or its file), then the next turn."""
        if self._next >= len(self.orders):
            self.finished.emit()
            return
        lesson, out = self.orders[self._next]
        if self._steps is None:
            self._steps = paint_handout(lesson, out, self.family, self.clinic, self._drawn[self._next])
        try:
            next(self._steps)
        except StopIteration as written:
            self.results.append((out, int(written.value)))
            self._steps, self._next = None, self._next + 1
        except OSError as error:
            self.results.append((out, error))
            self.finished.emit()
            return
        QTimer.singleShot(0, self, self._paint)


def handout_for(
    content: Path, lesson_id: str, language: str, out: Path, clinic: Clinic = NO_CLINIC, notes: list[str] | None = None
) -> tuple[int, str]:
    """Load the lesson (validated) and write its handout; (pages, "") or (0, why it could not).

    `kiosk handout`: written by the staff button's job, waited for here; a picture printed as the placeholder (too
    slow to draw) is named in `notes`. Raises OSError when the file cannot be written."""
    from kiosk.content.loader import load_library
    from kiosk.ui.theme.fonts import japanese_family

    library, problems = load_library(content)
    if library is None:
        return 0, "\n".join(str(p) for p in problems)
    ids = list(library.lessons)
    found = library.lessons.get(lesson_id) if lesson_id else library.first
    if found is None:
        message = _("no lesson {id!r} in {content} (lessons: {lessons})")
        return 0, message.format(id=lesson_id, content=content, lessons=", ".join(ids))
    if language not in found.translations:
        message = _("lesson {id!r} has no language {language!r} (it has {languages})")
        return 0, message.format(id=found.id, language=language, languages=", ".join(found.languages))
    lesson = found.translations[language]
    job = HandoutJob([(lesson, out)], japanese_family(), clinic)
    job.run_here()
    if notes is not None:
        notes += job.slow_notes(lambda name: picture_paths(library, content, name))
    result = job.results[0][1]
    if isinstance(result, OSError):
        raise result
    return result, ""
