"""The lesson itself: every idea of the clinic's article has its slide, text fits a kiosk, pictures are sound."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from kiosk.content.loader import load_library
from kiosk.core.typeset import plain
from kiosk.ui.theme.palette import ILLUSTRATION_EXTRAS, NORMAL
from tests.conftest import ILLUSTRATIONS, ROOT, SHIPPED_CONTENT

# Each idea of the article (DESIGN.md, issue 3) -> the slide id that teaches it. Removing a slide fails here.
IDEAS = {
    "stretching is not always the answer": "stretch-not-always",
    "muscles move on the nerves' orders": "nerve-orders",
    "a distortion strains the nerve path; the order arrives weak": "strained-path",
    "the seiza analogy": "seiza",
    "you cannot tell by yourself which muscle is weak": "cannot-tell",
    "stretching a weak muscle does nothing or irritates the nerve": "stretch-weak-muscle",
    "muscles hold the body up": "muscles-support",
    "the sit-up analogy": "situp",
    "the parallel chain": "chain",
    "tight or weak: tell which first": "tight-or-weak",
    "the case of a woman in her forties": "case",
    "how the clinic examines": "clinic-checks",
    "gentle treatment": "gentle-care",
    "the summary": "summary",
    "consult us at the front desk": "consult",
}
# By script, not by language code, so a third language (zh, fr, ...) is measured too: wide (CJK) text is
# about half as many characters for the same reading time.
HEADING_MAX = {"wide": 20, "narrow": 40}
BODY_MAX = {"wide": 120, "narrow": 230}


def script_of(text: str) -> str:
    """ "wide" when most letters are East Asian wide characters (Japanese, Chinese), else "narrow"."""
    letters = [c for c in text if c.isalpha()]
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in letters)
    return "wide" if letters and wide * 2 >= len(letters) else "narrow"


CREDIT = "鍼灸学士・柔道整復師 桂 寛章"
ALLOWED_COLOURS = {c.upper() for c in (*vars(NORMAL).values(), *ILLUSTRATION_EXTRAS.values())} | {"NONE"}


@pytest.fixture(scope="module")
def library():  # noqa: ANN201
    library, problems = load_library(SHIPPED_CONTENT)
    assert problems == []
    return library


def test_every_idea_has_its_slide_in_order(library) -> None:  # noqa: ANN001
    """The slides follow the article's ideas, in order, in every language."""
    for lesson in library.first.translations.values():
        assert [slide.id for slide in lesson.deck.slides] == list(IDEAS.values())


def test_text_lengths_fit_a_kiosk(library) -> None:  # noqa: ANN001
    """Headings and bodies stay short enough for an older reader to finish a slide in under 30 s."""
    for code, lesson in library.first.translations.items():
        script = script_of("".join(slide.body_text for slide in lesson.deck.slides))
        for slide in lesson.deck.slides:
            body = len(slide.body_text.replace("\n", ""))
            allowance = 30 if slide.id == "consult" else 0  # the practitioner's credit line
            assert len(plain(slide.heading)) <= HEADING_MAX[script], (code, slide.id, slide.heading)
            assert body <= BODY_MAX[script] + allowance, (code, slide.id, body)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("長く正座をすると", "wide"),
        ("Stretching can hurt", "narrow"),
        ("拉伸并不总是对的", "wide"),
        ("Étirer n'aide pas toujours", "narrow"),
    ],
)
def test_length_limits_apply_to_any_language(text: str, script: str) -> None:
    """The limits are chosen by the text's script, so a third language never fails with a KeyError."""
    assert script_of(text) == script and script in HEADING_MAX and script in BODY_MAX


def test_honesty_and_credit_are_kept(library) -> None:  # noqa: ANN001
    """Results differ between people (on the case and closing slides) and the supervisor is credited."""
    ja = {slide.id: slide.body_text for slide in library.first.translations["ja"].deck.slides}
    assert "個人差" in ja["case"] and "個人差" in ja["consult"]
    for lesson in library.first.translations.values():
        assert CREDIT in lesson.deck.slides[-1].body_text


def test_quiz_covers_the_key_points(library) -> None:  # noqa: ANN001
    """Four or five questions, each pointing at a slide of the lesson, two to four answers."""
    for lesson in library.first.translations.values():
        assert 4 <= len(lesson.questions) <= 5
        slide_ids = {slide.id for slide in lesson.deck.slides}
        assert {q.slide_id for q in lesson.questions} <= slide_ids
        assert {"stretch-not-always", "seiza", "tight-or-weak"} <= {q.slide_id for q in lesson.questions}


def test_every_slide_has_an_illustration_that_parses(library) -> None:  # noqa: ANN001
    """Every slide (and the attract screen) names an SVG that exists and parses."""
    for lesson in library.first.translations.values():
        names = [lesson.deck.image] + [slide.image for slide in lesson.deck.slides]
        for name in names:
            assert name and (ILLUSTRATIONS / name).is_file(), name
            ElementTree.parse(ILLUSTRATIONS / name)


# The program's icons and every lesson's pictures (they moved into content/<lesson>/pictures/ with issue 15).
SVGS = sorted([*(ROOT / "assets").rglob("*.svg"), *(ROOT / "content").rglob("pictures/*.svg")])


def test_the_style_rules_see_every_lesson_picture() -> None:
    """The collection above reaches the shipped lesson's pictures, not only the icons."""
    assert {p.name for p in SVGS} >= {p.name for p in ILLUSTRATIONS.glob("*.svg")} and len(SVGS) > 20


@pytest.mark.parametrize("path", SVGS, ids=lambda p: p.name)
def test_svg_follows_the_style_rules(path: Path) -> None:
    """Palette colours only; no text, images, scripts, styles, gradients or filters; a fixed canvas; small."""
    data = path.read_text(encoding="utf-8")
    assert len(data.encode()) < 40_000
    root = ElementTree.fromstring(data)
    expected = "0 0 96 96" if path.parent.name == "icons" else "0 0 800 600"
    assert root.get("viewBox") == expected
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in {
            "text",
            "image",
            "script",
            "style",
            "foreignObject",
            "linearGradient",
            "radialGradient",
            "filter",
        }
        assert "style" not in element.attrib
        for attribute in ("fill", "stroke"):
            value = element.get(attribute)
            if value is not None:
                assert value.upper() in ALLOWED_COLOURS, f"{path.name}: <{tag} {attribute}={value}>"
    for colour in re.findall(r"#[0-9A-Fa-f]{6}\b", data):
        assert colour.upper() in ALLOWED_COLOURS, f"{path.name}: {colour}"
