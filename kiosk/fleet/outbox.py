"""The kiosk's outbox: daily summaries and a heartbeat, in a folder a sync engine sends to the hub.

Only days that have ended are summarised (a summary of today would change with every visit, and its
file time would tell when the last one ended); each file's time is set to the start of its day. The
heartbeat says the kiosk is alive, which content it shows and its problems, to the minute.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final

import kiosk.fleet.summary as summary
from kiosk.core.files import read_file, read_head, replace_file, walk
from kiosk.stats.store import StatsStore

log = logging.getLogger("kiosk.fleet")

HEARTBEAT: Final = "heartbeat.json"
HEARTBEAT_KIND: Final = "heartbeat"
DAYS_KEPT: Final = 400  # a year of summaries and a little more; older ones are removed from the outbox
MAX_CONTENT_FILE: Final = 8 * 1024 * 1024  # larger files are not content (the loader refuses them)
DAYS_BACK: Final = 30  # how far back a kiosk that was off fills in missing summaries


def summary_name(day: date) -> str:
    return f"summary-{day.isoformat()}.json"


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
    for name, _ in walk(folder, lambda name: name.startswith(".") or name.endswith("~")):
        try:  # a regular file inside the folder only: a FIFO never blocks the heartbeat, a link never leads out
            data = read_head(folder / name, MAX_CONTENT_FILE, within=folder)
        except OSError:
            continue
        digest.update(name.replace(os.sep, "/").encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:12]


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
            raise summary.SummaryError("heartbeat time without a time zone")
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
        raise summary.SummaryError(f"missing or wrong field ({error!r})") from None


class Outbox:
    """Writes into one folder; every method may be called from a worker thread and never raises OSError."""

    def __init__(self, folder: Path, kiosk: str, stats_path: Path) -> None:
        self.folder = folder
        self.kiosk = kiosk
        self.stats_path = stats_path
        self.notes: list[str] = []

    def write_heartbeat(self, heartbeat: Heartbeat) -> bool:
        return self._write(self.folder / HEARTBEAT, heartbeat.dumps(), None)

    def write_summaries(self, today: date, lesson: str = "") -> int:
        """Summaries of the ended days that lack one (up to DAYS_BACK back); returns how many were written."""
        written = 0
        with StatsStore(self.stats_path, repair=False) as store:
            for back in range(DAYS_BACK, 0, -1):
                day = today - timedelta(days=back)
                path = self.folder / summary_name(day)
                day_summary = summary.summarise(self.kiosk, day, store.day_visits(day), lesson)
                if day_summary.visits == 0 and not path.exists():
                    continue  # no file for a day without visits (or before the kiosk was installed)
                data = summary.dumps(day_summary)
                if _same(path, data):
                    continue
                written += self._write(path, data, day)
        self._prune(today)
        return written

    def _write(self, path: Path, data: bytes, day: date | None) -> bool:
        try:
            replace_file(path, data, private=False)  # read by the sync engine that carries it to the chain
            if day is not None:  # the file's time is its day's start: it tells nothing about the visits
                start = datetime(day.year, day.month, day.day).timestamp()
                os.utime(path, (start, start))
            return True
        except OSError as error:
            message = f"The outbox {self.folder} cannot be written ({error})."
            if message not in self.notes:
                self.notes.append(message)
                log.warning("%s", message)
            return False

    def _prune(self, today: date) -> None:
        oldest = summary_name(today - timedelta(days=DAYS_KEPT))
        try:
            for entry in os.scandir(self.folder):
                if entry.name.startswith("summary-") and entry.name < oldest:
                    os.unlink(entry.path)
        except OSError as error:
            log.warning("old summaries not removed from %s (%s)", self.folder, error)


def _same(path: Path, data: bytes) -> bool:
    try:
        return read_file(path, len(data)) == data
    except OSError:
        return False
