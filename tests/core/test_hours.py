"""Opening hours as a clinic writes them: parsed, checked at their exact bounds, and asked 'open now?'."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.core.hours import HoursError, parse_hours

CLINIC = "mon-fri 09:00-12:30, 15:00-19:00; sat 09:00-13:00"
MONDAY = datetime(2026, 12, 7)  # a Monday


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return MONDAY.replace(day=MONDAY.day + day, hour=hour, minute=minute)


def test_empty_hours_are_always_open():
    """No opening hours set: the kiosk is open at every moment."""
    hours = parse_hours("")
    assert hours.always and hours.is_open(at(6, 3))


@pytest.mark.parametrize(
    ("day", "hour", "minute", "is_open"),
    [
        (0, 8, 59, False), (0, 9, 0, True), (0, 12, 29, True), (0, 12, 30, False),  # the start is in, the end is out
        (0, 14, 59, False), (0, 15, 0, True), (4, 18, 59, True), (4, 19, 0, False),
        (5, 9, 0, True), (5, 12, 59, True), (5, 13, 0, False), (6, 10, 0, False),
    ],
)  # fmt: skip
def test_a_clinics_week(day, hour, minute, is_open):
    """Weekdays with a lunch break, Saturday morning, Sunday closed: each bound exactly."""
    assert parse_hours(CLINIC).is_open(at(day, hour, minute)) is is_open


def test_hours_without_days_hold_every_day_and_24_00_is_the_end_of_the_day():
    """'07:00-24:00' is open on Sunday at 23:59 and closed at 00:00 and 06:59."""
    hours = parse_hours("07:00-24:00")
    assert hours.is_open(at(6, 23, 59)) and hours.is_open(at(6, 7))
    assert not hours.is_open(at(6, 0)) and not hours.is_open(at(6, 6, 59))


def test_day_lists_and_capitals_are_read():
    """'Mon,Wed-Thu 10:00-11:00' opens Monday, Wednesday and Thursday only."""
    hours = parse_hours("Mon,Wed-Thu 10:00-11:00")
    assert [hours.is_open(at(day, 10)) for day in range(7)] == [True, False, True, True, False, False, False]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("mon-fri", "no hours"), ("9-18", "not hours"), ("09:00-25:00", "not a time"), ("24:00-24:00", "not a time"),
        ("09:60-10:00", "not a time"), ("10:00-09:00", "ends before"), ("10:00-10:00", "ends before"),
        ("fri-mon 09:00-10:00", "backwards"), ("mo 09:00-10:00", "not days"), ("xyz 09:00-10:00", "not a day"),
        ("mon-fri 09:00-12:00 15:00-18:00", "not hours"), ("24:01-24:00", "not a time"),
    ],
)  # fmt: skip
def test_wrong_hours_are_refused_with_a_reason(text, says):
    """Each mistake is refused, and the message says which part is wrong."""
    with pytest.raises(HoursError, match=says):
        parse_hours(text)


def test_the_last_minute_of_the_day_is_accepted_as_an_end():
    """23:59 is a valid end, 24:00 the last possible one."""
    assert parse_hours("00:00-23:59").is_open(at(0, 23, 58))
    assert not parse_hours("00:00-23:59").is_open(at(0, 23, 59))
