"""The visit as a small explicit state machine: attract -> slides -> quiz -> result -> attract.

With several lessons the attract screen offers one card per lesson, and the visit is of the lesson chosen.
New content offered while a visit runs waits until the visit has ended (`offer_library`).

Plain Python: it knows the content's shape (how many slides and questions) but nothing of Qt. Each method
is an event; an event that does not apply in the current state changes nothing and returns False.
Listeners get the new `VisitState` after every change.

A slide's text may flow on to more than one screen (its "parts"): the state says which part is shown, and Next
and Back step through the parts before the slides. How many parts a slide takes is a layout fact (window size,
text size), so the flow asks the screen for it (`parts_shown`), as Mu's logic asks its window.
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

import random
from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

from kiosk.content.model import Lesson, Library, Translation
from kiosk.content.strings import UiStrings
from kiosk.core.endings import EndReason


class Screen(Enum):
    ATTRACT = "attract"
    SLIDE = "slide"
    QUESTION = "question"
    REVIEW = "review"  # a slide shown from the quiz, with a way back to the question
    RESULT = "result"


class VisitState(NamedTuple):
    """Everything the screen shows about the current visit; replaced, never mutated."""

    screen: Screen = Screen.ATTRACT
    language: str = ""
    slide: int = 0
    question: int = 0
    # Chosen answer per question, as an index into the question's answers in file order.
    answers: tuple[int | None, ...] = ()
    # Display order of each question's answers (a permutation of file-order indexes).
    orders: tuple[tuple[int, ...], ...] = ()
    furthest_slide: int = 0
    # Aids chosen for this visit only: forgotten with everything else when it ends.
    large_text: bool = False
    high_contrast: bool = False
    lesson: str = ""  # the id of the lesson the visit is of (last, so positional construction stays as it was)
    # Which screen of the slide's text is shown, as a list index: 0 the first, LAST_PART (-1) the last (arriving
    # by Back, before the slide's parts are counted). 0 on every other screen.
    part: int = 0


LAST_PART = -1


def part_index(part: int, count: int) -> int:
    """The screen `part` names among `count` (-1: the last), kept within them when the layout has fewer."""
    count = max(1, count)
    return max(0, min(part if part >= 0 else count + part, count - 1))


class Flow:
    """The visit's state machine over one library of content."""

    def __init__(self, library: Library, default_language: str, rng: random.Random | None = None) -> None:
        self.library = library
        self.default_language = default_language
        self.rng = rng or random.Random()
        self.state = VisitState()
        # Staff hold the attract screen (the room is being cleaned): touches start no visit until it is lifted.
        self.held = False
        # The language the attract screen's topic cards are shown in, chosen there; "" for the default.
        self.attract_language = ""
        self.pending: Library | None = None  # new content waiting for the visit to end
        self._listeners: list[Callable[[VisitState], None]] = []
        self._end_listeners: list[Callable[[VisitState, EndReason], None]] = []
        # How many screens the shown slide's text takes at the present size and aids: a layout fact only the
        # screen knows, so the wiring answers it (the slide page's count); one without a screen.
        self.parts_shown: Callable[[], int] = lambda: 1

    def subscribe(self, listener: Callable[[VisitState], None]) -> None:
        """Called with the new state after every change."""
        self._listeners.append(listener)

    def subscribe_end(self, listener: Callable[[VisitState, EndReason], None]) -> None:
        """Called with a visit's last state and the reason, just before it is forgotten."""
        self._end_listeners.append(listener)

    @property
    def current(self) -> Lesson:
        """The visit's lesson (the first one on the attract screen)."""
        return self.library.lessons.get(self.state.lesson) or self.library.first

    @property
    def lesson(self) -> Translation:
        """The visit's lesson in the visit's language (on the attract screen: the language shown there)."""
        return self.current.translation(self.language_shown)

    @property
    def language_shown(self) -> str:
        return self.state.language or self.attract_language or self.default_language

    @property
    def strings(self) -> UiStrings:
        """The interface words shown: the visit's lesson's; on the attract screen, those of the first lesson that is
        in the language shown (a first lesson without it must not set the call and the aids in its own)."""
        if self.state.screen is Screen.ATTRACT:
            return attract_strings(self.library, self.current, self.language_shown)
        return self.lesson.strings

    def lesson_in(self, lesson_id: str) -> Translation:
        """Any lesson of the library in the language shown (for the attract screen's cards)."""
        return self.library.lessons[lesson_id].translation(self.language_shown)

    def language_names(self, library: Library | None = None) -> list[tuple[str, str]]:
        """(code, own name) of every language some lesson has: the clinic's default first, then by code (of the
        library shown, or of `library`)."""
        names: dict[str, str] = {}
        for lesson in (library or self.library).lessons.values():
            for code, text in lesson.translations.items():
                names.setdefault(code, text.language_name)
        return [(code, names[code]) for code in sorted(names, key=lambda code: (code != self.default_language, code))]

    # -- events -----------------------------------------------------------------------------
    def start(self, language: str | None = None, lesson: str | None = None) -> bool:
        """Begin a visit of a lesson (default: the first) on its first slide, in the chosen language."""
        if self.state.screen is not Screen.ATTRACT or self.held:
            return False
        chosen = self.library.lessons.get(lesson or "") or self.library.first
        text = chosen.translation(language or self.language_shown)
        orders = tuple(self._order(len(q.answers), text.deck.shuffle_answers) for q in text.questions)
        aids = {"large_text": self.state.large_text, "high_contrast": self.state.high_contrast}
        answers = (None,) * len(orders)
        new = VisitState(Screen.SLIDE, text.language, answers=answers, orders=orders, lesson=chosen.id, **aids)
        return self._go(new, "start")

    def choose_language(self, language: str) -> bool:
        """The attract screen's start ("" for the default language) or a language button: with one lesson it
        starts the visit, as it always did; with several it shows the topic cards in that language."""
        if self.state.screen is not Screen.ATTRACT:
            return False
        if len(self.library.lessons) == 1 or not language:
            return self.start(language or None)
        if language not in self.library.languages:
            return False
        self.attract_language = language
        return self._go(self.state, f"attract in {language}")

    def next(self) -> bool:
        """The slide's next part, else the next slide; after the last slide the quiz (or the result when there is
        none). On a slide shown from the quiz: its next part only (its button goes back to the question)."""
        state = self.state
        if state.screen in (Screen.SLIDE, Screen.REVIEW):
            part, count = self._part_shown()
            if part + 1 < count:
                return self._go(state._replace(part=part + 1), "next part")
        if state.screen is Screen.SLIDE:
            if state.slide + 1 < len(self.lesson.deck.slides):
                return self._go(self._at_slide(state.slide + 1), "next")
            return self._go(state._replace(screen=self._after_slides(), question=0, part=0), "next")
        if state.screen is Screen.QUESTION and state.answers[state.question] is not None:
            if state.question + 1 < len(self.lesson.questions):
                return self._go(state._replace(question=state.question + 1), "next")
            return self._go(state._replace(screen=Screen.RESULT), "next")
        return False

    def back(self) -> bool:
        """The slide's previous part, else the previous slide at its last part; nothing on the first screen.
        On a slide shown from the quiz: its previous part only."""
        state = self.state
        if state.screen not in (Screen.SLIDE, Screen.REVIEW):
            return False
        part, _ = self._part_shown()
        if part > 0:
            return self._go(state._replace(part=part - 1), "previous part")
        if state.screen is Screen.SLIDE and state.slide > 0:
            return self._go(self._at_slide(state.slide - 1, LAST_PART), "back")
        return False

    def answer(self, shown_index: int) -> bool:
        """Lock in an answer, given by its position on screen; only the first touch counts."""
        state = self.state
        if state.screen is not Screen.QUESTION or state.answers[state.question] is not None:
            return False
        order = state.orders[state.question]
        if not 0 <= shown_index < len(order):
            return False
        answers = list(state.answers)
        answers[state.question] = order[shown_index]
        return self._go(state._replace(answers=tuple(answers)), "answer")

    def review_slide(self) -> bool:
        """Show the slide that teaches the current (answered) question."""
        state = self.state
        if state.screen is not Screen.QUESTION or state.answers[state.question] is None:
            return False
        slide_id = self.lesson.questions[state.question].slide_id
        slide = self.lesson.deck.index_of(slide_id)
        return self._go(state._replace(screen=Screen.REVIEW, slide=slide, part=0), "review")

    def back_to_question(self) -> bool:
        if self.state.screen is not Screen.REVIEW:
            return False
        return self._go(self.state._replace(screen=Screen.QUESTION, part=0), "back to question")

    def set_aids(self, large_text: bool | None = None, high_contrast: bool | None = None) -> bool:
        """Turn the large-text or high-contrast aid on or off, on any screen, for this visit."""
        state = self.state
        new = state._replace(
            large_text=state.large_text if large_text is None else large_text,
            high_contrast=state.high_contrast if high_contrast is None else high_contrast,
        )
        return False if new == state else self._go(new, "aids")

    def end_visit(self, reason: EndReason = EndReason.HOME) -> bool:
        """Forget everything of the visit and show the attract screen (Home, finish, idle, staff)."""
        reason = EndReason(reason)  # ValueError for a reason outside the set, even from untyped code
        if self.state == VisitState() and not self.attract_language:
            return False
        if self.state.screen is not Screen.ATTRACT:  # aids left on at the attract screen are no visit
            for listener in list(self._end_listeners):
                listener(self.state, reason)
        self.attract_language = ""
        if self.pending is not None:  # content that arrived during the visit: shown from this attract screen on
            self.library, self.pending = self.pending, None
        return self._go(VisitState(), f"end visit ({reason})")

    def hold(self, on: bool) -> bool:
        """Hold the attract screen (ending any visit) or lift the hold; listeners hear of the change."""
        if on:
            self.end_visit(EndReason.STAFF)
        if on == self.held:
            return False
        self.held = on
        return self._go(self.state, "hold" if on else "hold lifted")

    def replace_library(self, library: Library) -> None:
        """New content (a staff reload): the current visit ends, the next one uses it."""
        self.end_visit(EndReason.CONTENT_RELOADED)  # recorded against the content it was shown
        self.library, self.pending = library, None
        self._go(VisitState(), "content reloaded")  # redraw the attract screen from the new content

    def offer_library(self, library: Library) -> bool:
        """New content that arrived by itself: shown at once on an idle attract screen, else after the visit.

        Never cuts a visit: the visit runs to its end on the content it started with. True when shown now.
        """
        if self.state.screen is Screen.ATTRACT and not self.attract_language:  # nobody is choosing a card
            self.library, self.pending = library, None
            self._go(self.state, "new content")
            return True
        self.pending = library
        return False

    # -- queries ----------------------------------------------------------------------------
    def score(self) -> tuple[int, int]:
        """(right answers, questions) of the visit so far."""
        questions = self.lesson.questions
        right = sum(
            1 for question, chosen in zip(questions, self.state.answers, strict=False) if chosen == question.right_index
        )
        return right, len(questions)

    # -- internals --------------------------------------------------------------------------
    def _after_slides(self) -> Screen:
        return Screen.QUESTION if self.lesson.questions else Screen.RESULT

    def _part_shown(self) -> tuple[int, int]:
        """(the part shown, how many there are) of the slide on screen."""
        count = max(1, self.parts_shown())
        return part_index(self.state.part, count), count

    def _at_slide(self, index: int, part: int = 0) -> VisitState:
        return self.state._replace(slide=index, part=part, furthest_slide=max(index, self.state.furthest_slide))

    def _order(self, count: int, shuffle: bool) -> tuple[int, ...]:
        order = list(range(count))
        if shuffle:
            self.rng.shuffle(order)
        return tuple(order)

    def _go(self, new: VisitState, event: str) -> bool:
        self.state = new  # not logged: a line at each step would date a visit's start, answers and end
        for listener in list(self._listeners):
            listener(new)
        return True


def attract_strings(library: Library, current: Lesson, shown: str) -> UiStrings:
    """The attract screen's interface words in the language shown: the current lesson's, or when it lacks that
    language, those of the first lesson that has it (a first lesson without it must not set the call and the aids
    in its own)."""
    if shown not in current.translations:
        for lesson in library.lessons.values():
            if shown in lesson.translations:
                return lesson.translations[shown].strings
    return current.translation(shown).strings
