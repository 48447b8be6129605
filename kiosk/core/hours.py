"""Opening hours (setting `opening_hours`): when the clinic is open, as a clinic writes it on its door.

    mon-fri 09:00-12:30, 15:00-19:00; sat 09:00-13:00

Groups are separated by ';'; each is optional days (mon..sun, a range mon-fri or a list mon,wed) and one or more
HH:MM-HH:MM spans separated by ','. Without days a group holds for every day. Empty text: always open.
Outside the hours the attract screen is held still (nothing moves all night). Times are the kiosk's local time.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import NamedTuple

from kiosk.core.i18n import _

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")
_DAYS = re.compile(r"[a-z]{3}(?:\s*-\s*[a-z]{3})?(?:\s*,\s*[a-z]{3}(?:\s*-\s*[a-z]{3})?)*")


class HoursError(ValueError):
    """Text that is not opening hours; the message says what and where, for `kiosk config check`."""


class Span(NamedTuple):
    day: int  # 0 = Monday, as datetime.weekday()
    start: time
    end: time  # time.max for 24:00


class OpeningHours(NamedTuple):
    spans: tuple[Span, ...] = ()

    @property
    def always(self) -> bool:
        return not self.spans

    def is_open(self, now: datetime) -> bool:
        if self.always:
            return True
        moment = now.time()
        return any(span.day == now.weekday() and span.start <= moment < span.end for span in self.spans)


def parse_hours(text: str) -> OpeningHours:
    """The hours in `text`; raises HoursError naming the part that is wrong."""
    spans: list[Span] = []
    for group in (part.strip().lower() for part in text.split(";")):
        if not group:
            continue
        days_text, _sep, times_text = group.partition(" ") if group[0].isalpha() else ("", "", group)
        days = _days(days_text) if days_text else list(range(7))
        pieces = [piece.strip() for piece in times_text.split(",")]
        if not times_text.strip():
            raise HoursError(_("{group!r} has days but no hours (write them as 09:00-12:30)").format(group=group))
        for piece in pieces:
            start, end = _span(piece, group)
            spans += [Span(day, start, end) for day in days]
    return OpeningHours(tuple(spans))


def _days(text: str) -> list[int]:
    if not _DAYS.fullmatch(text):
        raise HoursError(_("{text!r} is not days (write mon-fri, sat or mon,wed,fri)").format(text=text))
    found: list[int] = []
    for item in (part.strip() for part in text.split(",")):
        first, _dash, last = (name.strip() for name in item.partition("-"))
        for name in (first, last or first):
            if name not in DAYS:
                raise HoursError(_("{name!r} is not a day (mon, tue, wed, thu, fri, sat, sun)").format(name=name))
        low, high = DAYS.index(first), DAYS.index(last or first)
        if high < low:
            raise HoursError(_("{item!r} runs backwards (write the earlier day first)").format(item=item))
        found += range(low, high + 1)
    return found


def _span(piece: str, group: str) -> tuple[time, time]:
    match = _SPAN.fullmatch(piece)
    if not match:
        message = _("{piece!r} in {group!r} is not hours (write them as 09:00-12:30)")
        raise HoursError(message.format(piece=piece, group=group))
    hour1, minute1, hour2, minute2 = (int(n) for n in match.groups())
    if hour1 > 23 or minute1 > 59 or hour2 > 24 or minute2 > 59 or (hour2 == 24 and minute2):
        raise HoursError(_("{piece!r} is not a time of day (00:00 to 24:00)").format(piece=piece))
    start, end = time(hour1, minute1), time.max if hour2 == 24 else time(hour2, minute2)
    if end <= start:
        message = _("{piece!r} ends before it starts (a span past midnight is two: 18:00-24:00; 00:00-02:00)")
        raise HoursError(message.format(piece=piece))
    return start, end
