"""Which summaries may leave a kiosk: no group of fewer than `minimum` visits, ever (k-anonymity).

A group is one lesson and language. A day's group with at least `minimum` visits leaves as that day's
summary. A smaller one waits for its week (days 1-7, 8-14, 15-21 and 22 to the month's end, so weeks nest
in months), where the small groups of the week's days are added up; a week's group still too small waits
for its month; a month's group still too small never leaves the kiosk. Each visit is in one summary only,
and only once its period has ended (so a file never changes as visits come in).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Final

from kiosk.fleet.summary import DailySummary, Group

MIN_VISITS: Final = 5
DAY, WEEK, MONTH = "day", "week", "month"
PERIODS: Final = (DAY, WEEK, MONTH)

Groups = dict[tuple[str, str], Group]


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def span(period: str, day: date) -> tuple[date, date]:
    """The first and last day of the period of this kind that holds `day`."""
    if period == DAY:
        return day, day
    if period == MONTH:
        return day.replace(day=1), month_end(day)
    index = min((day.day - 1) // 7, 3)
    start = day.replace(day=1 + 7 * index)
    return start, (month_end(day) if index == 3 else start + timedelta(days=6))


def label(period: str, start: date) -> str:
    """The period's name in file names: 2026-12-05, 2026-12-w1 (days 1-7) or 2026-12."""
    if period == DAY:
        return start.isoformat()
    if period == WEEK:
        return f"{start:%Y-%m}-w{(start.day - 1) // 7 + 1}"
    return f"{start:%Y-%m}"


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def plan(
    kiosk: str,
    visits: Mapping[date, Groups],
    sent: Mapping[tuple[str, date], frozenset[tuple[str, str]]],
    months: list[date],
    today: date,
    minimum: int = MIN_VISITS,
) -> list[DailySummary]:
    """The summaries of the ended periods of these months (each a first day), every group of `minimum` or more.

    visits: each day's groups as the store has them. sent: for each (period, start) already in the outbox, its
    groups; they stay in that period (never moved down to a coarser one, which would count them twice).
    """
    out: list[DailySummary] = []
    for first in months:
        month_left: Groups = {}
        for week_start in (first + timedelta(days=7 * i) for i in range(4)):
            week_first, week_last = span(WEEK, week_start)
            week_left: Groups = {}
            for day in _days(week_first, week_last):
                if day >= today:
                    break
                _route(kiosk, DAY, day, visits.get(day, {}), sent, minimum, out, week_left)
            if week_last < today:
                _route(kiosk, WEEK, week_first, week_left, sent, minimum, out, month_left)
        if month_end(first) < today:
            _route(kiosk, MONTH, first, month_left, sent, minimum, out, {})
    return out


def _route(
    kiosk: str,
    period: str,
    start: date,
    groups: Groups,
    sent: Mapping[tuple[str, date], frozenset[tuple[str, str]]],
    minimum: int,
    out: list[DailySummary],
    coarser: Groups,
) -> None:
    """Groups big enough (or already sent in this period) into this period's summary; the rest into `coarser`."""
    already = sent.get((period, start), frozenset())
    here = {key: group for key, group in groups.items() if group.visits >= minimum or key in already}
    for key, group in groups.items():
        if key not in here:
            coarser.setdefault(key, Group()).add(group)
    kept = {key: group for key, group in here.items() if group.visits >= minimum}
    if kept:
        out.append(DailySummary(kiosk, start, kept, period))
