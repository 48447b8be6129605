"""`kiosk fleet status`: every kiosk's heartbeat, and the silent or unreadable ones marked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.fleet.outbox import HEARTBEAT, Heartbeat
from kiosk.fleet.status import read_status, status_lines

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def beat(folder: Path, name: str, minutes_ago: int, problems: tuple[str, ...] = ()) -> None:
    folder.mkdir(parents=True)
    drawn = NOW - timedelta(minutes=minutes_ago)
    (folder / HEARTBEAT).write_bytes(Heartbeat(name, drawn, "abc123", ("stretching",), problems).dumps())


def test_silent_and_unreadable_kiosks_are_marked(tmp_path: Path) -> None:
    """A recent heartbeat is ok, an old one SILENT, a damaged or missing one SILENT with the reason."""
    beat(tmp_path / "a", "a", 3, ("deck.md:3: heading missing",))
    beat(tmp_path / "b", "b", 90)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / HEARTBEAT).write_bytes(b"garbage")
    (tmp_path / "d").mkdir()
    lines, silent = status_lines(read_status([tmp_path]), NOW, timedelta(minutes=30))
    text = "\n".join(lines)
    assert silent == 3
    assert "a: ok: last screen drawn 2026-12-01 09:57 UTC (3 min ago), content abc123" in text
    assert "  deck.md:3: heading missing" in text
    assert "b: SILENT" in text and "c: SILENT: heartbeat skipped" in text and "d: SILENT: no heartbeat yet" in text
