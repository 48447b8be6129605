"""Whether a lesson's review is recorded and recent: lesson.toml's reviewed_by and reviewed_on. No Qt.

Only a person can review a lesson, so a missing or old review is a reminder, never a problem: the lesson
still loads and shows, `kiosk validate` prints the reminder (it never fails the run, --strict included: no
edit to the content can make it go away but a real review), and the staff menu says what is recorded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.content.model import Review
from kiosk.core.errors import LocatedError
from kiosk.core.files import read_file
from kiosk.core.i18n import _
from kiosk.core.textfile import key_line

REVIEW_DAYS = 365  # a review older than a year is due again


class ReviewReminder(LocatedError):  # noqa: N818 (a reminder, never raised)
    """A lesson whose review is not recorded or is over a year old: `lesson.toml:N: review: ...`."""


def review_due(review: Review, today: date) -> str:
    """Why the lesson needs a review ("" when a review is recorded within REVIEW_DAYS of today)."""
    if not review.recorded:
        missing = _(" and ").join(
            key for key, value in (("reviewed_by", review.by), ("reviewed_on", review.on)) if not value
        )
        return _(
            "no review recorded ({missing} missing): have the supervising practitioner check the wording, the"
            ' safety slides above all, then write reviewed_by = "name" and reviewed_on = YYYY-MM-DD here'
        ).format(missing=missing)
    age = (today - date.fromisoformat(review.on)).days
    if age > REVIEW_DAYS:
        return _(
            "reviewed on {day}, {age} days ago (over a year): have the lesson checked again and update reviewed_on"
        ).format(day=review.on, age=age)
    if age < 0:
        return _("reviewed_on {day} is in the future: write the day the review was done").format(day=review.on)
    return ""


def review_reminders(lesson_file: Path, review: Review, today: date, deck: Path | None = None) -> list[ReviewReminder]:
    """The reminder for one lesson, at the line of lesson.toml it concerns (empty when none is due).

    A lesson without lesson.toml is reminded at its deck (`deck`, line 1), so the report names a file that is there."""
    why = review_due(review, today)
    if not why:
        return []
    if not lesson_file.is_file() and deck is not None:
        return [ReviewReminder(deck, 1, _("review: {why} (in {file}, a new file)").format(why=why, file=lesson_file))]
    try:
        text = read_file(lesson_file, 1024 * 1024).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    line = key_line(text, "reviewed_on") if review.by else key_line(text, "reviewed_by")
    return [ReviewReminder(lesson_file, line, _("review: {why}").format(why=why))]
