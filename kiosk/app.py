"""The one place that wires everything: content, visit flow, window, signals, fullscreen, faults."""

from __future__ import annotations

import logging
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.content.loader import load_library
from kiosk.content.model import Library
from kiosk.errors import LocatedError
from kiosk.flow import Flow, Screen, VisitState
from kiosk.icons import load_icons
from kiosk.qr import QrMatrix, qr_matrix
from kiosk.ui.fonts import japanese_family
from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.app")


@dataclass(frozen=True)
class Options:
    """How to run: content, language, window size and mode."""

    content: Path = paths.SHIPPED_CONTENT
    illustrations: Path = paths.ILLUSTRATIONS
    language: str = "ja"
    windowed: bool = False
    size: tuple[int, int] = (1920, 1080)
    transitions: bool = True


class Kiosk:
    """Connects the flow to the window: flow state in, page calls out; page signals in, flow events out."""

    def __init__(self, options: Options, library: Library | None, problems: list[LocatedError]) -> None:
        self.options = options
        self.window = KioskWindow(japanese_family(), load_icons(paths.ICONS))
        if not options.transitions:
            self.window.overlay.duration_ms = 0
        self.problems = problems
        self._qr_cache: dict[str, QrMatrix] = {}
        self.flow: Flow | None = None
        if library is None:
            self._show_problems(problems)
            return
        self.flow = Flow(library, options.language)
        self.flow.subscribe(self._show)
        self._last = self.flow.state
        self._connect(self.flow)
        self._show(self.flow.state)

    def _connect(self, flow: Flow) -> None:
        window = self.window
        window.attract.start_requested.connect(lambda language: flow.start(language or None))
        window.slide.next_requested.connect(flow.next)
        window.slide.back_requested.connect(flow.back)
        window.slide.home_requested.connect(lambda: flow.end_visit("home"))
        window.slide.return_requested.connect(flow.back_to_question)
        window.question.answer_chosen.connect(flow.answer)
        window.question.next_requested.connect(flow.next)
        window.question.review_requested.connect(flow.review_slide)
        window.question.home_requested.connect(lambda: flow.end_visit("home"))
        window.result.finish_requested.connect(lambda: flow.end_visit("finished"))

    # -- drawing the state ------------------------------------------------------------------
    def _show(self, state: VisitState) -> None:
        assert self.flow is not None
        window, lesson = self.window, self.flow.lesson
        window.begin_transition(self._direction(self._last, state))
        self._last = state
        if state.screen is Screen.ATTRACT:
            deck = lesson.deck
            image = (deck.image, lesson.images[deck.image]) if deck.image else None
            languages = [(code, les.language_name) for code, les in sorted(self.flow.library.lessons.items())]
            window.attract.show_attract(deck.title, deck.subtitle, image, lesson.strings["touch_to_start"], languages)
            window.show_page(window.attract)
        elif state.screen in (Screen.SLIDE, Screen.REVIEW):
            slides = lesson.deck.slides
            slide = slides[state.slide]
            image = lesson.images.get(slide.image) if slide.image else None
            review = state.screen is Screen.REVIEW
            window.slide.show_slide(slide, image, state.slide, len(slides), lesson.strings, review)
            window.show_page(window.slide)
        elif state.screen is Screen.QUESTION:
            question = lesson.questions[state.question]
            window.question.show_question(
                question,
                state.orders[state.question],
                state.answers[state.question],
                state.question + 1,
                len(lesson.questions),
                lesson.strings,
            )
            window.show_page(window.question)
        elif state.screen is Screen.RESULT:
            right, total = self.flow.score()
            message = lesson.result.message_for(right, total)
            qr = self._qr(lesson.deck.qr)
            window.result.show_result(message, right, total, lesson.result, qr, lesson.strings)
            window.show_page(window.result)

    def _qr(self, address: str | None) -> QrMatrix | None:
        """The QR matrix for an address, made once per address."""
        if address is None:
            return None
        if address not in self._qr_cache:
            self._qr_cache[address] = qr_matrix(address)
        return self._qr_cache[address]

    @staticmethod
    def _direction(old: VisitState, new: VisitState) -> int:
        if old.screen is new.screen is Screen.SLIDE:
            return 1 if new.slide > old.slide else -1
        return 0

    def _show_problems(self, problems: list[LocatedError]) -> None:
        for problem in problems:
            log.error("content problem: %s", problem)
        heading = "The lesson cannot start: the content has problems / 内容に問題があるため開始できません"
        self.window.error.show_problems(heading, [str(p) for p in problems])
        self.window.show_page(self.window.error)

    # -- faults -----------------------------------------------------------------------------
    def recover(self) -> None:
        """After an unexpected error: forget the visit and show the attract screen."""
        if self.flow is not None:
            self.flow.end_visit("error")

    def excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        """Log an exception raised in any handler and return to the attract screen instead of dying."""
        log.critical(
            "unexpected error, returning to the start:\n%s", "".join(traceback.format_exception(kind, error, tb))
        )
        try:
            self.recover()
        except Exception:  # the recovery itself failed: the log has both
            log.critical("recovery failed:\n%s", traceback.format_exc())

    # -- showing ----------------------------------------------------------------------------
    def show(self) -> None:
        """Windowed: an ordinary window of the chosen size. Kiosk: fullscreen, frameless, on top."""
        if self.options.windowed:
            self.window.resize(*self.options.size)
            self.window.show()
            return
        self.window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.window.showFullScreen()

    def close(self) -> None:
        """Close and delete the window now (offscreen renders and tests end cleanly)."""
        self.window.close()
        self.window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def ensure_application() -> QApplication:
    """The QApplication, created once."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(paths.APP_NAME)
    assert isinstance(app, QApplication)
    return app


def build(options: Options) -> Kiosk:
    """Load the content and build the kiosk (shown by the caller)."""
    ensure_application()
    library, problems = load_library(options.content, options.illustrations)
    return Kiosk(options, library, problems)
