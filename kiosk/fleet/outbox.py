"""The kiosk's outbox: summaries and a heartbeat, in a folder a sync engine sends to the hub.

Only periods that have ended are summarised (a summary of today would change with every visit, and its
file time would tell when the last one ended); each file's time is set to the start of its period. No group
of fewer than `min_visits` visits leaves the kiosk: small groups wait for their week, then their month
(kiosk.fleet.periods). A summary once written is never rewritten with less and never removed: the hub's copy
is the chain's record, and how long it is kept is the hub's choice. A statistics store that cannot be read
writes nothing (it never turns into empty summaries). The heartbeat says the kiosk is alive, which content it
shows and its problems, to the minute.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final

import kiosk.fleet.periods as periods
import kiosk.fleet.summary as summary
from kiosk.core.files import entries, read_file, read_head, replace_file, walk
from kiosk.core.i18n import _
from kiosk.stats.store import StatsStore

log = logging.getLogger("kiosk.fleet")

HEARTBEAT: Final = "heartbeat.json"
HEARTBEAT_KIND: Final = "heartbeat"
MAX_CONTENT_FILE: Final = 8 * 1024 * 1024  # larger files are not content (the loader refuses them)
MAX_SUMMARY_BYTES: Final = 1024 * 1024  # a day's summary is a few kilobytes
DAYS_BACK: Final = 30  # how far back a kiosk that was off fills in missing summaries


def summary_name(day: date, period: str = periods.DAY) -> str:
    return f"summary-{periods.label(period, day)}.json"


def kiosk_name(configured: str, data_dir: Path) -> str:
    """The name a kiosk reports under: the setting, or a random one made once and kept in its data folder."""
    if summary.KIOSK_NAME.fullmatch(configured):
        return configured
    if configured:
        log.warning("kiosk_name %r is not a name (letters, digits, '-', '_', '.'); using a generated one", configured)
    path = data_dir / "kiosk-name.txt"
    try:
        name = read_file(path, 256).decode("ascii").strip()
        if summary.KIOSK_NAME.fullmatch(name):
            return name
    except (OSError, UnicodeDecodeError):
        pass
    name = f"kiosk-{secrets.token_hex(4)}"
    try:
        replace_file(path, name.encode("ascii"), private=True)
    except OSError as error:
        log.warning("kiosk name not saved in %s (%s); using %s for now", path, error, name)
    return name


def content_version(folder: Path) -> str:
    """A short digest of every file the kiosk shows (names and bytes): equal on kiosks that show the same."""
    digest = hashlib.sha256()
    for name, _entry in walk(folder, lambda name: name.startswith(".") or name.endswith("~")):
        try:  # a regular file inside the folder only: a FIFO never blocks the heartbeat, a link never leads out
            data = read_head(folder / name, MAX_CONTENT_FILE, within=folder)
        except OSError:
            continue
        digest.update(name.replace(os.sep, "/").encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:12]


def shown_version(folder: Path, lessons: tuple[str, ...]) -> str:
    """What the kiosk shows, as the hub compares it: the published version of each lesson on screen and a short
    digest of their manifests (equal on kiosks that show the same publication, whatever else lies in the folder);
    for unpublished content (a preview), the digest of the folder's files.
    """
    from kiosk.content.publish import MANIFEST

    digest = hashlib.sha256()
    named: dict[str, str] = {}
    for candidate in (folder, *sorted(p for p in _folders(folder))):
        try:
            data = read_file(candidate / MANIFEST, MAX_CONTENT_FILE, within=folder)
            body = json.loads(data)
            lesson, version = str(body["lesson"]), int(body["version"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if lesson in lessons and lesson not in named:
            named[lesson] = f"{lesson} v{version}"
            digest.update(lesson.encode() + b"\0" + data + b"\0")
    if len(named) != len(lessons) or not lessons:
        return content_version(folder)
    return f"{digest.hexdigest()[:12]} ({', '.join(named[lesson] for lesson in lessons)})"


def _folders(folder: Path) -> list[Path]:
    try:
        found = entries(folder)
    except OSError:
        return []
    return [folder / e.name for e in found if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")]


def relative_problem(problem: str, roots: tuple[Path, ...]) -> str:
    """A problem with every path in it relative to the content folder, as the hub knows it: a path in the kiosk's
    content folder, or in a snapshot of it (a numbered folder under `content-snapshots`), loses that prefix."""
    import re

    for root in roots:
        numbered = r"\d+" + re.escape(os.sep) if root.name == "content-snapshots" else ""
        problem = re.sub(re.escape(str(root) + os.sep) + numbered, "", problem)
    return problem


@dataclass(frozen=True)
class Heartbeat:
    kiosk: str
    drawn: datetime  # the last time the kiosk drew a screen, to the minute, UTC
    content_version: str
    lessons: tuple[str, ...]
    problems: tuple[str, ...]

    def dumps(self) -> bytes:
        body = {
            "kiosk": self.kiosk,
            "drawn": self.drawn.astimezone(UTC).replace(second=0, microsecond=0).isoformat(),
            "content_version": self.content_version,
            "lessons": list(self.lessons),
            "problems": list(self.problems)[:50],
        }
        return summary.envelope(HEARTBEAT_KIND, body)


def read_heartbeat(data: bytes) -> Heartbeat:
    body = summary.open_envelope(data, HEARTBEAT_KIND)
    try:
        drawn = datetime.fromisoformat(body["drawn"])
        if drawn.tzinfo is None:
            raise summary.SummaryError(_("heartbeat time without a time zone"))
        return Heartbeat(
            kiosk=str(body["kiosk"]),
            drawn=drawn,
            content_version=str(body["content_version"]),
            lessons=tuple(str(x) for x in body["lessons"]),
            problems=tuple(str(x) for x in body["problems"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, summary.SummaryError):
            raise
        raise summary.SummaryError(_("missing or wrong field ({error!r})").format(error=error)) from None


class Outbox:
    """Writes into one folder; every method may be called from a worker thread and never raises OSError."""

    def __init__(self, folder: Path, kiosk: str, stats_path: Path) -> None:
        self.folder = folder
        self.kiosk = kiosk
        self.stats_path = stats_path
        self.notes: list[str] = []

    def write_heartbeat(self, heartbeat: Heartbeat) -> bool:
        return self._write(self.folder / HEARTBEAT, heartbeat.dumps(), None)

    def write_summaries(self, today: date, lesson: str = "", min_visits: int = periods.MIN_VISITS) -> int:
        """Summaries of the ended periods that lack one (months back to DAYS_BACK days ago); how many were written."""
        first = (today - timedelta(days=DAYS_BACK)).replace(day=1)
        months = [first]
        while (nxt := periods.month_end(months[-1]) + timedelta(days=1)) < today:
            months.append(nxt)
        with StatsStore(self.stats_path, repair=False) as store:
            if not store.available:  # damaged, newer, unreadable: say so, and never write what it lacks
                for note in store.notes:
                    self._note(_("No summaries written: {note}").format(note=note))
                return 0
            visits: dict[date, periods.Groups] = {}
            day = first
            while day < today:
                visits[day] = summary.summarise(self.kiosk, day, store.day_visits(day), lesson).groups
                day += timedelta(days=1)
            if store.notes:  # a read failed part way: the figures may be short
                for note in store.notes:
                    self._note(_("No summaries written: {note}").format(note=note))
                return 0
        existing = self._existing(months)
        sent = {key: frozenset(found.groups) for key, found in existing.items()}
        written = 0
        for made in periods.plan(self.kiosk, visits, sent, months, today, min_visits):
            if any(group.visits < min_visits for group in made.groups.values()):  # never: plan keeps them back
                log.error("summary of %s %s not written: a group under %d visits", made.period, made.day, min_visits)
                continue
            before = existing.get((made.period, made.day))
            if before is not None and not _more(made, before):
                continue  # never rewritten with less (a store set aside, visits lost): the hub keeps what it had
            path = self.folder / summary_name(made.day, made.period)
            data = summary.dumps(made)
            if _same(path, data):
                continue
            written += self._write(path, data, made.day)
        return written

    def _existing(self, months: list[date]) -> dict[tuple[str, date], summary.DailySummary]:
        """The sound summaries already in the outbox for these months, by (period, first day)."""
        found: dict[tuple[str, date], summary.DailySummary] = {}
        prefixes = tuple(f"summary-{month:%Y-%m}" for month in months)
        try:
            names = [e.name for e in os.scandir(self.folder) if e.name.startswith(prefixes) and e.is_file()]
        except OSError:
            return found
        for name in names:
            try:
                made = summary.loads(read_file(self.folder / name, MAX_SUMMARY_BYTES, within=self.folder))
            except (OSError, summary.SummaryError):
                continue  # damaged: written again when the store has the visits
            if name == summary_name(made.day, made.period):
                found[(made.period, made.day)] = made
        return found

    def _note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)
            log.warning("%s", message)

    def _write(self, path: Path, data: bytes, day: date | None) -> bool:
        try:
            replace_file(path, data, private=False)  # read by the sync engine that carries it to the chain
            if day is not None:  # the file's time is its period's start: it tells nothing about the visits
                start = datetime(day.year, day.month, day.day).timestamp()
                os.utime(path, (start, start))
            return True
        except OSError as error:
            self._note(_("The outbox {folder} cannot be written ({error}).").format(folder=self.folder, error=error))
            return False


def _more(made: summary.DailySummary, before: summary.DailySummary) -> bool:
    """True when `made` has every group of `before` with at least as many visits, and more visits in all."""
    for key, group in before.groups.items():
        now = made.groups.get(key)
        if now is None or now.visits < group.visits:
            return False
    return made.visits > before.visits


def _same(path: Path, data: bytes) -> bool:
    try:
        return read_file(path, len(data)) == data
    except OSError:
        return False
