"""The content as plain, immutable data: what the widgets are given to draw.

Named tuples rather than frozen dataclasses: the same immutable records, but Python builds a
dataclass's methods from source at import, and this module is on the start-up path (~3.5 ms).
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

from typing import NamedTuple

from kiosk.content.strings import UiStrings


class Slide(NamedTuple):
    """One idea of the lesson."""

    id: str
    heading: str
    body_html: str  # sanitised: only p, strong, em, ul, ol, li, br
    body_text: str  # the same words as plain text (length checks, read-aloud)
    image: str | None  # file name in the lesson's pictures/ folder
    layout: str = "split"
    notes: tuple[str, ...] = ()  # presenter notes: never shown
    line: int = 1
    audio: str | None = None  # recorded narration: a file in the language's audio/ folder
    keep: tuple[int, ...] = ()  # the body's blocks marked `<!-- keep together -->`: never split across screens
    handout: str = "yes"  # the printed handout: "yes" with the pictures, "no" left off, "front" on its first page
    caption: str = ""  # what the picture shows (`<!-- caption: ... -->`): printed under it, its alt text on screen


class Deck(NamedTuple):
    """The lesson: deck settings and its slides in order."""

    title: str
    subtitle: str
    image: str | None
    qr: str | None
    shuffle_answers: bool
    slides: tuple[Slide, ...]
    audio: str | None = None  # the attract screen's narration
    credit: str = ""  # the clinic's credit line, printed on the handout

    def index_of(self, slide_id: str) -> int:
        """Position of the slide with this id (ValueError when absent)."""
        for index, slide in enumerate(self.slides):
            if slide.id == slide_id:
                return index
        raise ValueError(slide_id)


class Review(NamedTuple):
    """Who checked the lesson's wording and when (lesson.toml's reviewed_by and reviewed_on); empty: not recorded."""

    by: str = ""
    on: str = ""  # an ISO date, 2026-04-01

    @property
    def recorded(self) -> bool:
        return bool(self.by and self.on)


class Answer(NamedTuple):
    text: str
    right: bool


class Question(NamedTuple):
    """One quiz question with its answers in file order."""

    id: str
    prompt: str
    answers: tuple[Answer, ...]
    explanation: str
    slide_id: str
    line: int = 1
    audio: str | None = None  # the question read out
    explanation_audio: str | None = None  # the explanation read out, after answering

    @property
    def right_index(self) -> int:
        return next(i for i, answer in enumerate(self.answers) if answer.right)


class ScoreMessage(NamedTuple):
    """Friendly words for a range of scores: shown when the share of right answers is >= minimum."""

    minimum: int  # percent, 0 to 100
    headline: str
    text: str


class ResultText(NamedTuple):
    heading: str
    takeaways: tuple[str, ...]
    messages: tuple[ScoreMessage, ...]  # highest minimum first
    audio: str | None = None  # the result screen's narration
    audio_line: int = 1
    image: str | None = None  # the result screen's own picture (optional): a file in the lesson's pictures/
    image_line: int = 1
    safety: str = ""  # one safety point (result.md's `> ` line under the points), shown under them; optional

    def message_for(self, right: int, total: int) -> ScoreMessage:
        """The message for a score; the lowest range is always there (validated)."""
        share = 100 if total == 0 else right * 100 // total
        for message in self.messages:
            if share >= message.minimum:
                return message
        return self.messages[-1]

    def score_words(self, right: int, total: int, strings: UiStrings) -> str:
        """The score in friendly words, the result screen's largest line: how many were right, or, when none
        was, that every question was tried (never a zero in large type); without a quiz, the message's headline."""
        if total == 0:
            return self.message_for(right, total).headline
        chosen = strings.score_none if right == 0 else strings.score
        return chosen.format(right=right, total=total)


class Translation(NamedTuple):
    """Everything one lesson shows in one language."""

    language: str  # folder name, e.g. "ja"
    deck: Deck
    questions: tuple[Question, ...]
    result: ResultText
    strings: UiStrings
    images: dict[str, bytes]  # validated pictures of the lesson, by name
    recordings: dict[str, str] = {}  # noqa: RUF012 (a NamedTuple's default, never mutated) validated narration files: name -> path (played from disk, never loaded)
    review: Review = Review()  # from lesson.toml: who checked the lesson and when (the staff menu and handout show it)

    @property
    def language_name(self) -> str:
        return self.strings.language_name

    def attract_loop(self, slide_ids: tuple[str, ...]) -> tuple[tuple[str | None, str], ...]:
        """The attract loop in this language, as (picture, line): the deck's picture and subtitle first, then
        each chosen slide's picture and heading (kiosk/content/attract.py chooses the slides). A deck without a
        picture of its own starts on its first slide's, so a topic card is never blank at its first frame."""
        by_id = {slide.id: slide for slide in self.deck.slides}
        chosen = [by_id[slide_id] for slide_id in slide_ids if slide_id in by_id and by_id[slide_id].image]
        slides = tuple((slide.image, slide.heading) for slide in chosen)
        if self.deck.image is None and slides:
            return slides
        return ((self.deck.image, self.deck.subtitle), *slides)

    def __repr__(self) -> str:  # without the images' bytes
        return f"Translation({self.language!r}, {len(self.deck.slides)} slides, {len(self.questions)} questions)"


class Lesson(NamedTuple):
    """One lesson folder: its id and its languages (which teach the same slides and ask the same questions)."""

    id: str
    translations: dict[str, Translation]
    attract: tuple[str, ...] = ()  # the slides (ids) whose pictures the attract screen's loop shows after the cover

    @property
    def languages(self) -> list[str]:
        return sorted(self.translations)

    def translation(self, language: str) -> Translation:
        """The lesson in this language, else in Japanese, else in its first language."""
        found = self.translations.get(language) or self.translations.get("ja")
        return found or self.translations[self.languages[0]]


class Library(NamedTuple):
    """Every lesson of one content folder, by id, in the order they are offered."""

    lessons: dict[str, Lesson]

    @property
    def languages(self) -> list[str]:
        """Every language some lesson has."""
        return sorted({code for lesson in self.lessons.values() for code in lesson.translations})

    @property
    def first(self) -> Lesson:
        return next(iter(self.lessons.values()))

    def chosen(self, ids: list[str]) -> "Library":
        """The lessons named, in that order (unknown ids skipped); all of them when none of the ids is known."""
        picked = {lesson_id: self.lessons[lesson_id] for lesson_id in ids if lesson_id in self.lessons}
        return Library(picked) if picked else self
