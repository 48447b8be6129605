"""Draws a visit state: picks the page and hands it exactly the data it shows."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import assert_never, cast

from kiosk.app.lookahead import Lookahead
from kiosk.content.model import Lesson, Library, Question, Slide, Translation
from kiosk.content.strings import UiStrings, language_only
from kiosk.core.qr import QrMatrix, qr_matrix
from kiosk.core.typeset import plain
from kiosk.ui.pages.attract_page import AttractPage
from kiosk.ui.widgets.topic_cards import Frame, TopicCard
from kiosk.ui.window import KioskWindow
from kiosk.visit.flow import LAST_PART, Flow, Screen, VisitState, attract_strings

SlideArgs = tuple[Slide, bytes | None, int, int, UiStrings, bool, int]


# What the attract page's show_attract (one lesson) or show_topics (several) is given, after "single" or "topics":
# the key of the attract screen drawn ahead. Plain tuples: a NamedTuple made at start-up would compile string
# annotations (tests/ui/test_window.py).
SingleArgs = tuple[str, tuple[Frame, ...], str, list[tuple[str, str]], bool]
TopicArgs = tuple[str, list[TopicCard], list[tuple[str, str]], bool]
AttractArgs = tuple[object, ...]
QuestionArgs = tuple[Question, tuple[int, ...], int | None, int, int, UiStrings, tuple[str, bytes] | None]


class Presenter:
    """Flow state in, page calls out. Knows the content's shape, never decides anything."""

    def __init__(self, window: KioskWindow, flow: Flow, can_speak: Callable[[str], bool] = lambda _: False) -> None:
        self.window = window
        self.flow = flow
        self.can_speak = can_speak
        self._last = flow.state
        self._qr_cache: dict[str, QrMatrix] = {}
        self.lookahead = Lookahead(window)  # the screens a tap can lead to, laid out while the patient reads
        flow.parts_shown = self.parts_shown

    def parts_shown(self) -> int:
        """How many screens the shown slide's text takes at the present size and aids (the flow asks it)."""
        return self.window.slide.part_count

    def show(self, state: VisitState) -> None:
        window = self.window
        if self._moves(self._last, state):
            window.begin_transition(self._direction(self._last, state))
        self._last = state
        self.show_aids(state)
        match state.screen:
            case Screen.ATTRACT:
                self._show_attract()
            case Screen.SLIDE | Screen.REVIEW:
                self._show_slide(state)
            case Screen.QUESTION:
                self._show_question(state)
            case Screen.RESULT:
                self._show_result()
            case _:
                assert_never(state.screen)
        self.lookahead.plan(self._ahead(state) if window.isVisible() else ())

    def _show_attract(self) -> None:
        window, flow = self.window, self.flow
        args = self._attract_args(flow.library, flow.current, flow.language_shown, flow.held)
        self._set_attract(window.attract, args)
        window.attract_shown(args)  # its pixels drawn ahead for exactly this screen, if any, are faded in
        window.show_page(window.attract)

    def _attract_args(self, library: Library, current: Lesson, language: str, held: bool) -> AttractArgs:
        """Everything the attract page is given for this library, lesson, language and hold (a key, as the pages
        laid out ahead have one)."""
        lesson = current.translation(language)
        languages = self.flow.language_names(library)
        if len(library.lessons) > 1:
            strings = attract_strings(library, current, language)  # the language shown, even if `current` lacks it
            call = strings.held if held else strings.choose_lesson  # held: staff are cleaning
            return ("topics", call, self._topic_cards(library, language, strings), languages, held)
        call = lesson.strings.held if held else lesson.strings.touch_to_start
        return ("single", lesson.deck.title, self._frames(current, lesson), call, languages, held)

    @staticmethod
    def _set_attract(page: AttractPage, args: AttractArgs) -> None:
        if args[0] == "topics":
            page.show_topics(*cast(TopicArgs, args[1:]))
        else:
            page.show_attract(*cast(SingleArgs, args[1:]))

    def _prepare_attract(self) -> None:
        """The attract screen as Home (or the visit's end) will show it: the next library, the first lesson in the
        clinic's language, the aids off; laid out and drawn while the patient reads, so Home only fades to it."""
        flow = self.flow
        if flow.state.large_text or flow.state.high_contrast:  # Home turns them off: the page is laid out anew
            return
        library = flow.pending or flow.library
        args = self._attract_args(library, library.first, flow.default_language, flow.held)
        self.window.prepare_attract(args, lambda page: self._set_attract(page, args))

    def _show_slide(self, state: VisitState) -> None:
        args = self.slide_args(state)
        # A page laid out ahead for exactly this slide is shown as it is; else the page is given the slide now.
        page = self.window.slides.show(args, lambda page: page.show_slide(*args))
        self.window.show_page(page)

    def slide_args(self, state: VisitState) -> SlideArgs:
        """Everything the slide page is given for this state (the pool's key for the page that shows it)."""
        lesson = self.flow.lesson
        slides = lesson.deck.slides
        slide = slides[state.slide]
        image = lesson.images.get(slide.image) if slide.image else None
        review = state.screen is Screen.REVIEW
        return slide, image, state.slide, len(slides), lesson.strings, review, state.part

    def _show_question(self, state: VisitState) -> None:
        args = self._question_args(state)
        page = self.window.questions.show(args, lambda page: page.show_question(*args))
        self.window.show_page(page)

    def _question_args(self, state: VisitState) -> QuestionArgs:
        """Everything the question page is given for this state (the pool's key for the page that shows it)."""
        lesson = self.flow.lesson
        question = lesson.questions[state.question]
        taught_by = lesson.deck.slides[lesson.deck.index_of(question.slide_id)]
        data = lesson.images.get(taught_by.image) if taught_by.image else None
        picture = (taught_by.image, data) if taught_by.image and data is not None else None
        order, chosen = state.orders[state.question], state.answers[state.question]
        return question, order, chosen, state.question + 1, len(lesson.questions), lesson.strings, picture

    # -- laid out ahead -----------------------------------------------------------------------
    def _ahead(self, state: VisitState) -> list[Callable[[], object]]:
        """What to do while the patient reads this screen: keep its pixels for the next transition, and lay out
        the screens a tap leads to (the next slide, and the previous one at its last part, as Back shows it; the
        question answered each way; the next one). Another part of the same slide needs no page of its own."""
        lesson = self.flow.lesson
        slides, questions = len(lesson.deck.slides), len(lesson.questions)
        tasks: list[Callable[[], object]] = [self.window.keep_snapshot]
        if state.screen is Screen.SLIDE:
            if state.slide + 1 < slides:
                tasks.append(partial(self._prepare_slide, state._replace(slide=state.slide + 1, part=0)))
            elif questions:
                tasks.append(partial(self._prepare_question, state._replace(screen=Screen.QUESTION, question=0)))
            if state.slide > 0:
                tasks.append(partial(self._prepare_slide, state._replace(slide=state.slide - 1, part=LAST_PART)))
        elif state.screen is Screen.QUESTION:
            chosen = state.answers[state.question]
            if chosen is None:
                for index in state.orders[state.question]:
                    answers = (*state.answers[: state.question], index, *state.answers[state.question + 1 :])
                    tasks.append(partial(self._prepare_question, state._replace(answers=answers)))
            elif state.question + 1 < questions:
                tasks.append(partial(self._prepare_question, state._replace(question=state.question + 1)))
        if state.screen is not Screen.ATTRACT:
            tasks.append(self._prepare_attract)  # last: Home is the least likely tap
        return tasks

    def _prepare_slide(self, state: VisitState) -> None:
        args = self.slide_args(state)
        self.window.slides.prepare(args, lambda page: page.show_slide(*args), self.window.current_page.geometry())

    def _prepare_question(self, state: VisitState) -> None:
        args = self._question_args(state)
        self.window.questions.prepare(args, lambda page: page.show_question(*args), self.window.current_page.geometry())

    def _show_result(self) -> None:
        window, lesson = self.window, self.flow.lesson
        right, total = self.flow.score()
        message = lesson.result.message_for(right, total)
        qr = self._qr(lesson.deck.qr)
        result = lesson.result
        picture = (result.image, lesson.images[result.image]) if result.image else None
        words = result.score_words(right, total, lesson.strings)
        window.result.show_result(words, message, result, qr, lesson.strings, picture)
        window.show_page(window.result)

    def show_aids(self, state: VisitState) -> None:
        """The aids bar for this visit, and the whole window laid out for its aids."""
        lesson, window = self.flow.lesson, self.window
        strings = self.flow.strings
        labels = {"large_text": strings.aid_large_text, "contrast": strings.aid_contrast}
        labels["read_aloud"] = strings.aid_read_aloud
        can_listen = self.recording_for(state) is not None or self.can_speak(lesson.language)
        window.aids.show_aids(labels, state.large_text, state.high_contrast, can_listen)
        window.aids.show()
        window.set_aids(state.large_text, state.high_contrast)

    def recording_for(self, state: VisitState) -> str | None:
        """The path of this screen's recorded narration, or None (then the system voice reads, if any)."""
        lesson = self.flow.lesson
        name: str | None
        match state.screen:
            case Screen.ATTRACT:
                name = lesson.deck.audio
            case Screen.SLIDE | Screen.REVIEW:
                name = lesson.deck.slides[state.slide].audio
            case Screen.QUESTION:
                question = lesson.questions[state.question]
                answered = state.answers[state.question] is not None
                name = question.explanation_audio if answered else question.audio
            case Screen.RESULT:
                name = lesson.result.audio
            case _:
                assert_never(state.screen)
        return lesson.recordings.get(name) if name else None

    def spoken_text(self, state: VisitState) -> str:
        """What read-aloud says for this screen: the same words the screen shows, without break marks."""
        return plain(self._words(state))

    def _words(self, state: VisitState) -> str:
        lesson = self.flow.lesson
        match state.screen:
            case Screen.ATTRACT:
                if len(self.flow.library.lessons) > 1:
                    flow = self.flow
                    shown = self._topic_cards(flow.library, flow.language_shown, flow.strings)
                    cards = [line for card in shown for line in (card.title, card.note) if line]
                    return "\n".join([self.flow.strings.choose_lesson, *cards])
                deck = lesson.deck
                return "\n".join(filter(None, (deck.title, deck.subtitle, lesson.strings.touch_to_start)))
            case Screen.SLIDE | Screen.REVIEW:
                slide = lesson.deck.slides[state.slide]
                return f"{slide.heading}\n{slide.body_text}"
            case Screen.QUESTION:
                question = lesson.questions[state.question]
                answers = [question.answers[i].text for i in state.orders[state.question]]
                chosen = state.answers[state.question]
                parts = [question.prompt, *answers]
                if chosen is not None:
                    verdict = lesson.strings.right if chosen == question.right_index else lesson.strings.wrong
                    parts += [verdict, question.explanation]
                return "\n".join(parts)
            case Screen.RESULT:
                return self._result_words()
            case _:
                assert_never(state.screen)

    def _result_words(self) -> str:
        lesson = self.flow.lesson
        right, total = self.flow.score()
        message = lesson.result.message_for(right, total)
        result, strings = lesson.result, lesson.strings
        words = result.score_words(right, total, strings)
        parts = [words, message.headline, message.text, result.heading, *result.takeaways, strings.ask_front_desk]
        return "\n".join(dict.fromkeys(parts))  # without a quiz the words are the headline: said once

    def _topic_cards(self, library: Library, shown: str, strings: UiStrings) -> list[TopicCard]:
        """One card per lesson, in the order the staff chose, each in the language shown, with its loop."""
        cards = []
        offered = shown in library.languages
        for lesson_id, lesson in library.lessons.items():
            text = lesson.translation(shown)
            # A lesson not in the language shown is offered in its own, and its card says so.
            note = language_only(strings, text.language, text.strings) if offered and text.language != shown else ""
            cards.append(TopicCard(lesson_id, text.deck.title, self._frames(lesson, text), note))
        return cards

    @staticmethod
    def _frames(lesson: Lesson, text: Translation) -> tuple[Frame, ...]:
        """The attract loop of a lesson in one language: each picture (with its bytes) and its line."""
        return tuple(
            ((image, text.images[image]) if image else None, line) for image, line in text.attract_loop(lesson.attract)
        )

    def _qr(self, address: str | None) -> QrMatrix | None:
        """The QR matrix for an address, made once per address."""
        if address is None:
            return None
        if address not in self._qr_cache:
            self._qr_cache[address] = qr_matrix(address)
        return self._qr_cache[address]

    @staticmethod
    def _moves(old: VisitState, new: VisitState) -> bool:
        """A new screen, slide or question fades in; an answer's feedback, an aid or another part of the slide's
        text appears at once."""
        return (old.screen, old.slide, old.question) != (new.screen, new.slide, new.question)

    @staticmethod
    def _direction(old: VisitState, new: VisitState) -> int:
        if old.screen is new.screen is Screen.SLIDE:
            return 1 if new.slide > old.slide else -1
        return 0
