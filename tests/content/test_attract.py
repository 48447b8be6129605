"""The attract loop's content: which slides feed it (lesson.toml's `attract`), its lines, and whose turn it is."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kiosk.content.attract import MOST_SLIDES, choose_slides, default_slides, turn
from kiosk.content.loader import load_library
from kiosk.content.model import Deck, Slide
from kiosk.core.typeset import plain
from tests.conftest import SHIPPED_LESSON

TOML = Path("lesson.toml")


def _deck(images: list[str | None], cover: str | None = "cover.svg") -> Deck:
    slides = tuple(Slide(f"s{i}", f"heading {i}", "<p>b</p>", "b", image) for i, image in enumerate(images, start=1))
    return Deck("Title", "Subtitle", cover, None, False, slides)


def _lesson(tmp_path: Path, attract: str | None) -> Path:
    """A copy of the shipped lesson whose lesson.toml says `attract = ...` on line 3 (or nothing)."""
    root = tmp_path / "content"
    shutil.copytree(SHIPPED_LESSON, root / "stretching")
    text = 'id = "stretching"\norder = 1\n' + (f"attract = {attract}\n" if attract is not None else "")
    (root / "stretching" / "lesson.toml").write_text(text, encoding="utf-8")
    return root


def test_default_is_the_first_slides_with_a_picture_of_their_own() -> None:
    """Without the key: the first three slides with a picture that is neither the cover nor one taken already."""
    deck = _deck([None, "cover.svg", "a.svg", "a.svg", "b.svg", None, "c.svg", "d.svg"])
    assert default_slides(deck) == ("s3", "s5", "s7")
    assert choose_slides(None, deck, TOML, 1) == (("s3", "s5", "s7"), [])
    assert default_slides(_deck([None, "cover.svg"])) == ()


def test_slides_are_named_by_id_or_number_in_the_given_order() -> None:
    """Ids and numbers from 1 may be mixed; the loop keeps the practitioner's order; an empty list is no loop."""
    deck = _deck(["a.svg", "b.svg", "c.svg"])
    assert choose_slides(("s3", 1), deck, TOML, 4) == (("s3", "s1"), [])
    assert choose_slides((), deck, TOML, 4) == ((), [])


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (("nope",), "attract: no slide has the id 'nope' (ids: s1, s2, s3)"),
        ((4,), "attract: there is no slide 4 (the deck has slides 1 to 3)"),
        ((0,), "attract: there is no slide 0 (the deck has slides 1 to 3)"),
        (("s2",), "attract: slide 's2' has no picture (give it an image: setting, or leave it out of attract)"),
        (("s1", 1), "attract: slide 's1' is named twice"),
        (("s1",) * (MOST_SLIDES + 1), f"attract: {MOST_SLIDES + 1} slides; name at most {MOST_SLIDES}"),
    ],
)
def test_a_bad_slide_is_located_on_the_attract_line(entries: tuple[str | int, ...], message: str) -> None:
    """A slide that does not exist, has no picture or comes twice, or too many: `lesson.toml:line: attract: ...`."""
    chosen, problems = choose_slides(entries, _deck(["a.svg", None, "c.svg"]), TOML, 7)
    assert chosen == ()
    assert any(str(p).startswith(f"lesson.toml:7: {message}") for p in problems), problems


def test_the_shipped_lesson_names_its_attract_slides() -> None:
    """The shipped lesson.toml chooses four slides; each has a picture and a heading in both languages."""
    library, problems = load_library(SHIPPED_LESSON)
    assert problems == [] and library is not None
    lesson = library.first
    assert lesson.attract == ("stretch-not-always", "seiza", "tight-or-weak", "clinic-checks")
    for code, text in lesson.translations.items():
        loop = text.attract_loop(lesson.attract)
        assert loop[0] == (text.deck.image, text.deck.subtitle)
        slides = [text.deck.slides[text.deck.index_of(slide_id)] for slide_id in lesson.attract]
        assert [image for image, _ in loop[1:]] == [slide.image for slide in slides]
        assert all(image in text.images for image, _ in loop)  # validated pictures, loaded with the lesson
        longest = {"ja": 30, "en": 60}[code]  # one short line each: a heading, or the subtitle
        assert all(0 < len(plain(line)) <= longest for _, line in loop), loop


def test_the_lines_are_phrase_broken_like_all_japanese_text() -> None:
    """Each Japanese line of the loop carries the loader's phrase-break marks (ZWSP between phrases)."""
    library, _ = load_library(SHIPPED_LESSON)
    lesson = library.first
    for _, line in lesson.translations["ja"].attract_loop(lesson.attract):
        assert "\u200b" in line or "\u2060" in line, line


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"seiza"', 'attract must be a list of slide ids or numbers (for example attract = ["seiza"'),
        ("[1.5]", "attract: 1.5 is neither a slide id nor a number"),
        ("[true]", "attract: True is neither a slide id nor a number"),
        ('["seiza", "no-such-slide"]', "attract: no slide has the id 'no-such-slide'"),
        ("[99]", "attract: there is no slide 99 (the deck has slides 1 to 19)"),
    ],
)
def test_bad_lesson_toml_values_refuse_the_lesson_with_path_and_line(tmp_path: Path, value: str, message: str) -> None:
    """A bad `attract` in lesson.toml is a validation problem `path:3: ...`, never a crash; the lesson is refused."""
    root = _lesson(tmp_path, value)
    library, problems = load_library(root)
    assert library is None
    settings = root / "stretching" / "lesson.toml"
    assert [str(p) for p in problems if message in str(p)], problems
    assert all(re.match(rf"{re.escape(str(settings))}:3: ", str(p)) for p in problems), problems


def test_a_slide_without_a_picture_is_refused_in_the_deck_language_that_lacks_it(tmp_path: Path) -> None:
    """A slide whose picture is missing in one language is named once, located in lesson.toml."""
    root = _lesson(tmp_path, '["seiza"]')
    deck = root / "stretching" / "en" / "deck.md"
    text = re.sub(
        r"id: seiza; image: seiza.svg -->\n<!-- caption: [^\n]* -->", "id: seiza -->", deck.read_text("utf-8")
    )
    deck.write_text(text, "utf-8")  # the picture and its caption gone
    library, problems = load_library(root)
    assert library is None
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "attract: slide 'seiza' has no picture (give it an image: setting, or leave it out of attract)"
    ]


def test_no_attract_key_gives_the_default_loop(tmp_path: Path) -> None:
    """A lesson.toml without the key: the loop is the first three slides with a picture of their own."""
    library, problems = load_library(_lesson(tmp_path, None))
    assert problems == [] and library is not None
    assert library.first.attract == ("stretch-not-always", "nerve-orders", "strained-path")


def test_turns_go_round_every_lesson_one_at_a_time() -> None:
    """Lessons with more than one picture take turns; each shows every picture of its loop; one-picture ones rest."""
    counts = [3, 1, 2]
    moves = [turn(step, counts) for step in range(1, 9)]
    assert moves == [(0, 1), (2, 1), (0, 2), (2, 0), (0, 0), (2, 1), (0, 1), (2, 0)]
    seen = {(0, 0), (1, 0), (2, 0)} | {move for move in moves if move is not None}
    assert seen == {(0, 0), (0, 1), (0, 2), (1, 0), (2, 0), (2, 1)}
    assert turn(1, [4]) == (0, 1) and turn(4, [4]) == (0, 0)  # one lesson: round its loop, back to the cover
    assert turn(1, [1, 1]) is None and turn(1, []) is None and turn(0, [4]) is None


def test_a_deck_without_its_own_picture_starts_its_loop_on_a_slide_picture(tmp_path) -> None:
    """A topic card is never blank at its first frame: without `image:` the loop starts on a chosen slide's."""
    import shutil

    from kiosk.content.loader import load_library
    from tests.conftest import SHIPPED_LESSON

    lesson = tmp_path / "content" / "stretching"
    shutil.copytree(SHIPPED_LESSON, lesson)
    for language in ("ja", "en"):
        deck = lesson / language / "deck.md"
        deck.write_text(deck.read_text(encoding="utf-8").replace("image: attract.svg\n", "", 1), encoding="utf-8")
    library, problems = load_library(tmp_path / "content")
    assert problems == [] and library is not None
    loop = library.first.translations["ja"].attract_loop(library.first.attract)
    assert loop[0][0] is not None and loop[0][1], loop[0]
