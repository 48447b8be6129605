"""`kiosk fleet status`: every kiosk's last heartbeat, content version and problems; silent ones marked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.core.files import entries, read_file
from kiosk.fleet.outbox import HEARTBEAT, Heartbeat, read_heartbeat
from kiosk.fleet.summary import SummaryError


@dataclass(frozen=True)
class KioskStatus:
    folder: Path
    heartbeat: Heartbeat | None
    problem: str  # why there is no heartbeat to show, or ""

    def silent_for(self, now: datetime) -> timedelta | None:
        return now - self.heartbeat.drawn if self.heartbeat is not None else None


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


def read_status(folders: Iterable[Path]) -> list[KioskStatus]:
    statuses = []
    for folder in outbox_folders(folders):
        path = folder / HEARTBEAT
        try:
            statuses.append(KioskStatus(folder, read_heartbeat(read_file(path, MAX_HEARTBEAT_BYTES)), ""))
        except FileNotFoundError:
            statuses.append(KioskStatus(folder, None, "no heartbeat yet"))
        except OSError as error:
            statuses.append(KioskStatus(folder, None, f"heartbeat cannot be read ({error.strerror or error})"))
        except SummaryError as error:
            statuses.append(KioskStatus(folder, None, f"heartbeat skipped: {error}"))
    return statuses


def status_lines(statuses: list[KioskStatus], now: datetime, stale: timedelta) -> tuple[list[str], int]:
    """One line per kiosk (and its problems below it); the count of kiosks that are silent or unreadable."""
    lines, bad = [], 0
    for status in sorted(statuses, key=lambda s: s.heartbeat.kiosk if s.heartbeat else s.folder.name):
        beat = status.heartbeat
        if beat is None:
            bad += 1
            lines.append(f"{status.folder.name}: SILENT: {status.problem} ({status.folder})")
            continue
        silent = now - beat.drawn
        minutes = max(0, int(silent.total_seconds() // 60))
        mark = "SILENT" if silent > stale else "ok"
        bad += mark != "ok"
        lessons = ", ".join(beat.lessons) or "-"
        lines.append(
            f"{beat.kiosk}: {mark}: last screen drawn {beat.drawn:%Y-%m-%d %H:%M} UTC ({minutes} min ago), "
            f"content {beat.content_version}, lessons {lessons}, {len(beat.problems)} problem(s)"
        )
        lines.extend(f"  {problem}" for problem in beat.problems)
    return lines, bad
