"""Draws a visit state: picks the page and hands it exactly the data it shows."""

from __future__ import annotations

from kiosk.flow import Flow, Screen, VisitState
from kiosk.qr import QrMatrix, qr_matrix
from kiosk.ui.window import KioskWindow


class Presenter:
    """Flow state in, page calls out. Knows the content's shape, never decides anything."""

    def __init__(self, window: KioskWindow, flow: Flow) -> None:
        self.window = window
        self.flow = flow
        self._last = flow.state
        self._qr_cache: dict[str, QrMatrix] = {}

    def show(self, state: VisitState) -> None:
        window, lesson = self.window, self.flow.lesson
        window.begin_transition(self._direction(self._last, state))
        self._last = state
        if state.screen is Screen.ATTRACT:
            deck = lesson.deck
            image = (deck.image, lesson.images[deck.image]) if deck.image else None
            # The clinic's default language first, then the others by code.
            codes = sorted(self.flow.library.lessons, key=lambda code: (code != self.flow.default_language, code))
            languages = [(code, self.flow.library.lessons[code].language_name) for code in codes]
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
