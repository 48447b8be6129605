"""The staff's choice of lessons: which are offered and in what order, as the `lessons` setting."""

from __future__ import annotations

from kiosk.staff.lesson_choice import move_up, parse, rows, shown, toggle

ALL = ["stretching", "back-pain", "sleep"]


def test_an_empty_or_unknown_choice_offers_every_lesson() -> None:
    """No setting, or only ids no longer in the folder: every lesson, in the folder's order."""
    assert shown("", ALL) == ALL
    assert shown("gone, also-gone", ALL) == ALL
    assert shown(" sleep ,stretching,sleep,gone", ALL) == ["sleep", "stretching"]
    assert parse(" a, ,b,a ") == ["a", "b"]


def test_hiding_showing_and_moving_up() -> None:
    """Hide one, show it again at the end, move it up; the last shown lesson cannot be hidden."""
    setting = toggle("", ALL, "back-pain")
    assert setting == "stretching,sleep"
    assert rows(setting, ALL) == [("stretching", True), ("sleep", True), ("back-pain", False)]
    setting = toggle(setting, ALL, "back-pain")
    assert setting == "stretching,sleep,back-pain"
    assert move_up(setting, ALL, "back-pain") == "stretching,back-pain,sleep"
    assert move_up(setting, ALL, "stretching") == setting
    assert toggle("sleep", ALL, "sleep") == "sleep"
