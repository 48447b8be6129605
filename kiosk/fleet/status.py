"""`kiosk fleet status`: every kiosk's last heartbeat, content version and problems; what needs an operator marked.

Time is judged by the hub's clock: a heartbeat counts from when its file arrived on the hub (the time the sync
engine wrote it there), never from the time the kiosk wrote in it, so a kiosk whose clock is wrong can neither
look alive nor hide; a gap between the two is reported as the kiosk's clock being off. A kiosk is marked when
it is silent, refuses content (or reports any problem), has a clock off by more than `skew`, sent summaries of
periods that have not ended by the hub's date, or shares its name with another kiosk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kiosk.core.files import entries, read_file
from kiosk.core.i18n import _
from kiosk.fleet.outbox import HEARTBEAT, Heartbeat, read_heartbeat
from kiosk.fleet.periods import DAY, MONTH, WEEK, span
from kiosk.fleet.summary import SummaryError

SUMMARY_NAME = re.compile(r"summary-(\d{4})-(\d{2})(?:-(\d{2})|-w([1-4]))?[.]")


@dataclass(frozen=True)
class KioskStatus:
    folder: Path
    heartbeat: Heartbeat | None
    problem: str  # why there is no heartbeat to show, or ""
    arrived: datetime | None = None  # when the heartbeat file arrived on the hub (the hub's clock)
    future: tuple[str, ...] = ()  # summary files of periods not ended by the hub's date

    def silent_for(self, now: datetime) -> timedelta | None:
        return now - self.arrived if self.arrived is not None else None


MAX_HEARTBEAT_BYTES = 64 * 1024  # a heartbeat is about 300 bytes


def _names(folder: Path) -> list[str]:
    try:
        return [entry.name for entry in entries(folder)]
    except OSError:
        return []


def outbox_folders(folders: Iterable[Path]) -> list[Path]:
    """The outboxes among the folders given and one level below them."""
    found: list[Path] = []
    for folder in folders:
        summaries = (n for n in _names(folder) if n.startswith("summary-") and n.endswith(".json"))
        if (folder / HEARTBEAT).exists() or any(summaries):
            found.append(folder)
            continue
        try:
            found.extend(sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")))
        except OSError:
            found.append(folder)  # reported as unreadable below
    return found


def arrival(path: Path) -> datetime:
    """When the file was last put in place on this machine: its inode change time (a sync engine renames it into
    place and sets its modification time to the sender's, so st_mtime is the kiosk's clock and st_ctime the hub's).
    """
    return datetime.fromtimestamp(os.stat(path).st_ctime, UTC)


def future_summaries(folder: Path, today: date) -> tuple[str, ...]:
    """Summary files whose period has not ended by `today` (the hub's date): a kiosk's clock is ahead."""
    found = []
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.startswith("summary-"))
    except OSError:
        return ()
    for name in names:
        match = SUMMARY_NAME.match(name)
        if match is None:
            continue
        year, month, day, week = match.groups()
        try:
            if day:
                last = span(DAY, date(int(year), int(month), int(day)))[1]
            elif week:
                last = span(WEEK, date(int(year), int(month), 1 + 7 * (int(week) - 1)))[1]
            else:
                last = span(MONTH, date(int(year), int(month), 1))[1]
        except ValueError:
            continue
        if last >= today:
            found.append(name)
    return tuple(found)


def read_status(
    folders: Iterable[Path], arrived: Callable[[Path], datetime] = arrival, today: date | None = None
) -> list[KioskStatus]:
    today = today or datetime.now(UTC).date()
    statuses = []
    for folder in outbox_folders(folders):
        path = folder / HEARTBEAT
        future = future_summaries(folder, today)
        try:
            beat = read_heartbeat(read_file(path, MAX_HEARTBEAT_BYTES))
            statuses.append(KioskStatus(folder, beat, "", arrived(path), future))
        except FileNotFoundError:
            statuses.append(KioskStatus(folder, None, _("no heartbeat yet"), None, future))
        except OSError as error:
            problem = _("heartbeat cannot be read ({why})").format(why=error.strerror or error)
            statuses.append(KioskStatus(folder, None, problem, None, future))
        except SummaryError as error:
            problem = _("heartbeat skipped: {error}").format(error=error)
            statuses.append(KioskStatus(folder, None, problem, None, future))
    return statuses


@dataclass
class Counts:
    silent: int = 0
    refusing: int = 0
    clock: int = 0
    future: int = 0
    collisions: int = 0

    @property
    def bad(self) -> int:
        return self.silent + self.refusing + self.clock + self.future + self.collisions

    def __str__(self) -> str:
        return _(
            "{silent} silent or unreadable, {refusing} refusing content or with problems, {clock} with a clock off,"
            " {future} with summaries dated in the future, {collisions} sharing a name"
        ).format(
            silent=self.silent,
            refusing=self.refusing,
            clock=self.clock,
            future=self.future,
            collisions=self.collisions,
        )


def status_lines(
    statuses: list[KioskStatus], now: datetime, stale: timedelta, skew: timedelta = timedelta(minutes=10)
) -> tuple[list[str], Counts]:
    """One line per kiosk (and its problems below it), and how many kiosks need an operator, by cause."""
    counts = Counts()
    names: dict[str, int] = {}
    for status in statuses:
        if status.heartbeat is not None:
            names[status.heartbeat.kiosk] = names.get(status.heartbeat.kiosk, 0) + 1
    lines: list[str] = []
    for status in sorted(statuses, key=lambda s: (s.heartbeat.kiosk if s.heartbeat else s.folder.name, s.folder)):
        beat = status.heartbeat
        future = _("; SUMMARIES DATED IN THE FUTURE: {files}").format(files=", ".join(status.future[:3]))
        future = future if status.future else ""
        counts.future += bool(status.future)
        if beat is None or status.arrived is None:
            counts.silent += 1
            line = _("{name}: SILENT: {problem} ({folder}){future}")
            lines.append(
                line.format(name=status.folder.name, problem=status.problem, folder=status.folder, future=future)
            )
            continue
        marks = []
        silent = now - status.arrived
        if silent > stale:
            marks.append(_("SILENT"))
            counts.silent += 1
        off = beat.drawn - status.arrived
        if abs(off) > skew:
            clock = _("CLOCK AHEAD {span}") if off > timedelta(0) else _("CLOCK BEHIND {span}")
            marks.append(clock.format(span=_span(abs(off))))
            counts.clock += 1
        if beat.problems:
            marks.append(_("PROBLEMS (refused content keeps the last good lesson)"))
            counts.refusing += 1
        if names[beat.kiosk] > 1:
            marks.append(_("NAME SHARED WITH ANOTHER KIOSK ({folder})").format(folder=status.folder))
            counts.collisions += 1
        minutes = max(0, int(silent.total_seconds() // 60))
        lessons = ", ".join(beat.lessons) or "-"
        lines.append(
            _(
                "{kiosk}: {marks}: heartbeat arrived {arrived} UTC ({minutes} min ago), content {content},"
                " lessons {lessons}, {count} problem(s){future}"
            ).format(
                kiosk=beat.kiosk,
                marks=_(", ").join(marks) or _("ok"),
                arrived=f"{status.arrived:%Y-%m-%d %H:%M}",
                minutes=minutes,
                content=beat.content_version,
                lessons=lessons,
                count=len(beat.problems),
                future=future,
            )
        )
        lines.extend(f"  {problem}" for problem in beat.problems)
    return lines, counts


def _span(gap: timedelta) -> str:
    minutes = int(gap.total_seconds() // 60)
    return (
        _("{days} days").format(days=minutes // 1440) if minutes >= 2880 else _("{minutes} min").format(minutes=minutes)
    )
