"""The lesson's review (lesson.toml's reviewed_by and reviewed_on): read, checked, and due after a year."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.content.folders import Candidate, describe
from kiosk.content.loader import load_library
from kiosk.content.model import Review
from kiosk.content.review import REVIEW_DAYS, review_due, review_reminders

TODAY = date(2026, 12, 7)


def _lesson(tmp_path: Path, toml: str) -> Candidate:
    folder = tmp_path / "lesson"
    (folder / "ja").mkdir(parents=True, exist_ok=True)
    (folder / "ja" / "deck.md").write_text("x", encoding="utf-8")
    (folder / "lesson.toml").write_text(toml, encoding="utf-8")
    return Candidate(folder, (folder / "ja",))


def test_the_review_is_read_from_lesson_toml(tmp_path: Path) -> None:
    """A bare TOML date and a quoted ISO date both give the ISO date; the name is kept as written."""
    for written in ("2026-04-01", '"2026-04-01"'):
        folder, problems = describe(_lesson(tmp_path, f'reviewed_by = "桂 寛章"\nreviewed_on = {written}\n'))
        assert problems == [] and folder is not None
        assert (folder.reviewed_by, folder.reviewed_on) == ("桂 寛章", "2026-04-01")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('reviewed_on = "April"\n', "lesson.toml:1: reviewed_on must be a date such as 2026-04-01, not 'April'"),
        ('id = "a"\nreviewed_on = 2026-04-01T10:00:00\n', "lesson.toml:2: reviewed_on must be a date"),
        ("reviewed_by = 3\n", "lesson.toml:1: reviewed_by must be a name in quotes"),
    ],
)
def test_a_bad_review_value_refuses_the_lesson_with_its_line(tmp_path: Path, toml: str, message: str) -> None:
    """A review that is not a name or not a date is a problem at its line, like every lesson.toml mistake."""
    folder, problems = describe(_lesson(tmp_path, toml))
    assert folder is None and message in str(problems[0])


def test_the_loaded_lesson_carries_its_review_in_every_language(shipped_copy: Path) -> None:
    """The loader gives each translation the lesson's review (the staff menu and the handout read it there)."""
    toml = shipped_copy / "lesson.toml"
    toml.write_text(toml.read_text("utf-8") + 'reviewed_by = "Test"\nreviewed_on = 2026-04-01\n', encoding="utf-8")
    library, problems = load_library(shipped_copy.parent)
    assert problems == [] and library is not None
    reviews = {code: text.review for code, text in library.first.translations.items()}
    assert reviews == {"ja": Review("Test", "2026-04-01"), "en": Review("Test", "2026-04-01")}


def test_the_shipped_lesson_records_no_invented_review() -> None:
    """Only the clinic can record a review: the shipped lesson has none (validate reminds; nothing is faked)."""
    from tests.conftest import SHIPPED_CONTENT

    library, _ = load_library(SHIPPED_CONTENT)
    assert library is not None and not library.first.translations["ja"].review.recorded


@pytest.mark.parametrize(
    ("review", "due"),
    [
        (Review(), "no review recorded (reviewed_by and reviewed_on missing)"),
        (Review("Test", ""), "no review recorded (reviewed_on missing)"),
        (Review("", "2026-04-01"), "no review recorded (reviewed_by missing)"),
        (Review("Test", str(TODAY - timedelta(days=REVIEW_DAYS))), ""),  # exactly a year: still good
        (Review("Test", str(TODAY - timedelta(days=REVIEW_DAYS + 1))), "366 days ago (over a year)"),
        (Review("Test", str(TODAY)), ""),
        (Review("Test", str(TODAY + timedelta(days=1))), "is in the future"),
    ],
)
def test_a_review_is_due_when_missing_or_over_a_year_old(review: Review, due: str) -> None:
    """Missing, older than REVIEW_DAYS or in the future: a reminder; a year to the day is still in time."""
    found = review_due(review, TODAY)
    assert (due in found) if due else found == ""


def test_the_reminder_points_at_the_line_to_edit(tmp_path: Path) -> None:
    """An old review: the reminder names lesson.toml and the reviewed_on line."""
    toml = tmp_path / "lesson.toml"
    toml.write_text('id = "x"\nreviewed_by = "Test"\nreviewed_on = 2020-01-01\n', encoding="utf-8")
    [reminder] = review_reminders(toml, Review("Test", "2020-01-01"), TODAY)
    assert str(reminder).endswith(f"lesson.toml:3: review: {review_due(Review('Test', '2020-01-01'), TODAY)}")
