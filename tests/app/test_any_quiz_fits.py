"""Lessons made up at every limit the validator sets (tests/strategies.py), rendered at the four sizes with and
without larger text: `render --check` finds nothing on the quiz screens."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.app.render import Aids
from kiosk.app.render_check import check_all
from kiosk.config.options import Options
from kiosk.content.loader import load_library
from tests.strategies import LessonSpec, lessons, write_lesson

SIZES = [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)]


def _quiz_problems(spec: LessonSpec) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        content = write_lesson(spec, Path(folder) / "content")
        library, problems = load_library(content)
        assert problems == [] and library is not None, problems
        found = []
        for size in SIZES:
            for aids in (Aids(), Aids(large_text=True)):
                checked = check_all(Options(content=content, language=spec.language, size=size), aids)
                found += [f"{size} {aids}: {p}" for p in checked if p.screen.startswith(("quiz", "slide"))]
        return found


AT_LIMIT = st.sampled_from(["ja", "en"]).flatmap(lambda language: lessons(language, at_limit=True))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=AT_LIMIT)
def test_a_lesson_at_every_limit_validates(spec: LessonSpec) -> None:
    """The generator's lessons at the limits are lessons the validator accepts (so the layout tests mean it)."""
    with tempfile.TemporaryDirectory() as folder:
        library, problems = load_library(write_lesson(spec, Path(folder) / "content"))
    assert problems == [] and library is not None
    assert max(len(q.answers) for q in library.first.translations[spec.language].questions) == 4


@pytest.mark.slow
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=AT_LIMIT)
def test_every_quiz_at_the_limits_fits_every_size(spec: LessonSpec) -> None:
    """Four answers, question, answers and explanation at the validator's limits: nothing cut or off screen (the
    question page steps its text down, to DESIGN.md's minimums at most, for a question that would not fit)."""
    problems = _quiz_problems(spec)
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=st.sampled_from(["ja", "en"]).flatmap(lessons))
def test_any_valid_quiz_fits_every_size(spec: LessonSpec) -> None:
    """Lessons drawn within every limit (2-4 answers, slides with and without pictures) pass render --check."""
    problems = _quiz_problems(spec)
    assert problems == [], "\n".join(problems)
