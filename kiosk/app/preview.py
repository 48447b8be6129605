"""`kiosk preview [LESSON]`: the lesson being edited, redrawn within a second of each save.

One small owner: it polls the lesson folder's files (size and time, a few times a second: no watcher to miss an
editor's save-by-rename), loads the lesson when they change, keeps the place the practitioner was at, and hands
the window a picture of the patient's screen with the lesson's problems and advice. The patient's screen is the
kiosk's own window, drawn off screen (never shown, never fullscreen) through the real flow and presenter, so
what the preview shows is what a patient sees. No PIN, no statistics, no idle timer: none of them is built.
"""

from __future__ import annotations

import logging
import random
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.content.advice import advise_languages
from kiosk.content.folders import find_lessons, ignored
from kiosk.content.icons import load_icons
from kiosk.content.loader import load_library
from kiosk.content.model import Library
from kiosk.core import paths
from kiosk.core.errors import LocatedError
from kiosk.core.files import walk
from kiosk.core.i18n import _
from kiosk.ui.preview_window import PreviewWindow
from kiosk.ui.theme.fonts import japanese_family
from kiosk.ui.widgets.raster import prepare_all, wait_for_photos
from kiosk.ui.window import KioskWindow
from kiosk.visit.flow import Flow, Screen

log = logging.getLogger("kiosk.preview")
POLL_MS = 100


class Place(NamedTuple):
    """Where the practitioner is in the lesson, kept across a reload."""

    screen: Screen = Screen.SLIDE
    slide: int = 0
    question: int = 0


def signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The name, size and modification time of every file of a lesson: it changes when any file is saved."""
    # Links are listed, never followed (files.walk): a link to /dev/zero or a loop cannot stall the window.
    return tuple((name, info.st_size, info.st_mtime_ns) for name, info in sorted(walk(folder, ignored)))


class Preview(QObject):
    """Watches a lesson (or content) folder and shows it in a PreviewWindow; the only object tests drive."""

    def __init__(self, folder: Path, size: tuple[int, int] = (1920, 1080), language: str | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.view = PreviewWindow()
        self.screen = KioskWindow(japanese_family(), lambda: load_icons(paths.ICONS))
        self.screen.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # drawn off screen, shown as a picture
        self.screen.set_transitions(False)
        self.screen.attract.fade_ms = 0
        self.screen.resize(*size)
        self.library: Library | None = None  # the last that loaded
        self.flow: Flow | None = None
        self.lesson_id = ""
        self.language = language or ""
        self.aids = (False, False)
        self.place = Place()
        self.loads = 0  # how many times the files were read (tests wait on it)
        self._signature: tuple[tuple[str, int, int], ...] = ()
        self.view.back_requested.connect(self.back)
        self.view.next_requested.connect(self.next)
        self.view.lesson_chosen.connect(self._choose_lesson)
        self.view.language_chosen.connect(self._choose_language)
        self.view.size_chosen.connect(self._choose_size)
        self.view.aids_changed.connect(self._choose_aids)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        self.check()

    def start(self) -> None:
        """Show the window (an ordinary one) and start watching the files."""
        self.view.show()
        self.timer.start()

    # -- the files --------------------------------------------------------------------------
    def check(self) -> bool:
        """Reload when any file of the folder changed since the last look; True when it did."""
        now = signature(self.folder)
        if now == self._signature:
            return False
        self._signature = now
        self.reload()
        return True

    def reload(self) -> None:
        """Load the lesson again; the screen keeps its place; a broken save keeps the last good screen."""
        self.loads += 1
        library, problems = load_library(self.folder)
        advice: list[str] = []
        if library is not None:
            self.library = library
            for each in library.lessons.values():
                for text in each.translations.values():
                    prepare_all(text.images)
            if self.lesson_id not in library.lessons:
                self.lesson_id = library.first.id
            lesson = library.lessons[self.lesson_id]
            if self.language not in lesson.translations:
                self.language = next(iter(lesson.translations))
            folders = {folder.id: folder for folder in find_lessons(self.folder)[0]}
            found = advise_languages(folders[self.lesson_id].languages, lesson) if self.lesson_id in folders else {}
            advice = [str(entry) for entry in found.get(self.language, [])]
        self._present()
        self.view.show_findings(self._status(library, problems, advice), [str(p) for p in problems], advice)

    def _status(self, library: Library | None, problems: list[LocatedError], advice: list[str]) -> str:
        if library is None and self.library is None:
            return _("The lesson does not load yet: fix the problems below; the preview shows it once it does.")
        if library is None:
            return _("The last save has {count} problem(s): the screen shows the last version that loaded.").format(
                count=len(problems)
            )
        return _("No problems; {count} advice.").format(count=len(advice))

    # -- the visit ---------------------------------------------------------------------------
    def _present(self) -> None:
        """A fresh flow over the last good library, moved to the kept place, drawn and handed to the window."""
        from kiosk.app.presenter import Presenter

        if self.library is None:
            return
        lesson = self.library.lessons[self.lesson_id]
        flow = Flow(self.library, self.language, random.Random(0))  # answers in file order, every time
        flow.set_aids(*self.aids)
        flow.start(self.language, self.lesson_id)
        text = flow.lesson
        for _step in range(min(self.place.slide, len(text.deck.slides) - 1)):
            flow.next()
        if self.place.screen in (Screen.QUESTION, Screen.RESULT):
            self._to_quiz(flow, self.place)
        self.flow = flow
        presenter = Presenter(self.screen, flow)
        flow.subscribe(lambda state: self._shown(presenter, state))
        self._shown(presenter, flow.state)
        self.view.set_choices(
            [(key, value.translation(self.language).deck.title) for key, value in self.library.lessons.items()],
            self.lesson_id,
            list(lesson.translations),
            self.language,
        )

    def _to_quiz(self, flow: Flow, place: Place) -> None:
        while flow.state.screen is Screen.SLIDE and flow.next():
            pass
        while flow.state.screen is Screen.QUESTION and (
            flow.state.question < place.question or place.screen is Screen.RESULT
        ):
            self._answer_or_next(flow)

    @staticmethod
    def _answer_or_next(flow: Flow) -> bool:
        """Next on a question: first its right answer with the explanation, then the next question."""
        state = flow.state
        if state.screen is Screen.QUESTION and state.answers[state.question] is None:
            question = flow.lesson.questions[state.question]
            return flow.answer(state.orders[state.question].index(question.right_index))
        return flow.next()

    def _shown(self, presenter: object, state: object) -> None:
        from kiosk.app.presenter import Presenter

        assert isinstance(presenter, Presenter)
        assert self.flow is not None
        presenter.show(self.flow.state)
        state_now = self.flow.state
        self.place = Place(state_now.screen, state_now.slide, state_now.question)
        wait_for_photos(2.0)  # a tool, not the kiosk: it may wait for a photo rather than show a gap
        QApplication.processEvents()  # let the page finish its layout before it is drawn
        self.view.show_screen(self.screen.grab(), self._where())

    def _where(self) -> str:
        assert self.flow is not None
        state, text = self.flow.state, self.flow.lesson
        if state.screen is Screen.SLIDE:
            slide = text.deck.slides[state.slide]
            return _("slide {n} / {total}: {id}").format(n=state.slide + 1, total=len(text.deck.slides), id=slide.id)
        if state.screen is Screen.QUESTION:
            question = text.questions[state.question]
            return _("question {n} / {total}: {id}").format(
                n=state.question + 1, total=len(text.questions), id=question.id
            )
        return _("result")

    # -- what the practitioner asks ------------------------------------------------------------
    def next(self) -> None:
        if self.flow is not None:
            self._answer_or_next(self.flow)

    def back(self) -> None:
        if self.flow is None:
            return
        if self.flow.state.screen is Screen.SLIDE:
            self.flow.back()
            return
        self.place = (
            Place(Screen.SLIDE, len(self.flow.lesson.deck.slides) - 1)
            if self.place.question == 0
            else (self.place._replace(question=self.place.question - 1, screen=Screen.QUESTION))
        )
        self._present()

    def _choose_lesson(self, lesson_id: str) -> None:
        self.lesson_id, self.place = lesson_id, Place()
        self.reload()

    def _choose_language(self, language: str) -> None:
        self.language = language
        self.reload()  # the advice listed is the language's own

    def _choose_size(self, width: int, height: int) -> None:
        self.screen.resize(width, height)
        self._present()

    def _choose_aids(self, large_text: bool, high_contrast: bool) -> None:
        self.aids = (large_text, high_contrast)
        self._present()


def run_preview(folder: Path, size: tuple[int, int], language: str | None) -> int:
    """The `kiosk preview` command: the window until it is closed."""
    from kiosk.app.kiosk import ensure_application

    application = ensure_application()
    preview = Preview(folder, size, language)
    preview.start()
    return application.exec()
