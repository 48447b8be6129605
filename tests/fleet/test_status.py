"""`kiosk fleet status`: every kiosk's heartbeat, judged by the hub's clock; what needs an operator marked."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.fleet.outbox import HEARTBEAT, Heartbeat
from kiosk.fleet.status import read_status, status_lines

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent.parent


def beat(
    folder: Path, name: str, minutes_ago: int, problems: tuple[str, ...] = (), clock_off: timedelta = timedelta(0)
) -> None:
    folder.mkdir(parents=True)
    drawn = NOW - timedelta(minutes=minutes_ago) + clock_off
    (folder / HEARTBEAT).write_bytes(Heartbeat(name, drawn, "abc123", ("stretching",), problems).dumps())


def arrivals(minutes_ago: dict[str, int]) -> object:
    """The hub's own times of arrival, by folder name (the tests cannot set a file's inode change time)."""
    return lambda path: NOW - timedelta(minutes=minutes_ago[path.parent.name])


def test_silent_and_unreadable_kiosks_are_marked(tmp_path: Path) -> None:
    """A recent heartbeat is ok, an old one SILENT, a damaged or missing one SILENT with the reason."""
    beat(tmp_path / "a", "a", 3)
    beat(tmp_path / "b", "b", 90)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / HEARTBEAT).write_bytes(b"garbage")
    (tmp_path / "d").mkdir()
    statuses = read_status([tmp_path], arrivals({"a": 3, "b": 90}), NOW.date())  # type: ignore[arg-type]
    lines, counts = status_lines(statuses, NOW, timedelta(minutes=30))
    text = "\n".join(lines)
    assert counts.silent == 3 and counts.bad == 3
    assert "a: ok: heartbeat arrived 2026-12-01 09:57 UTC (3 min ago), content abc123" in text
    assert "b: SILENT" in text and "c: SILENT: heartbeat skipped" in text and "d: SILENT: no heartbeat yet" in text


def test_time_is_the_hubs_a_clock_off_refused_content_and_a_shared_name_are_marked(tmp_path: Path) -> None:
    """A kiosk a year ahead that keeps writing is not "ok" (its clock is reported); one behind whose file is old is
    SILENT whatever it wrote; problems, future summaries and a name used twice each count."""
    beat(tmp_path / "ahead", "ahead", 400 * 1440, clock_off=timedelta(days=800))  # drawn a year ahead, just arrived
    beat(tmp_path / "behind", "behind", 0)
    beat(tmp_path / "refusing", "refusing", 1, ("stretching/ja/deck.md:1: 97 bytes, the manifest says 100",))
    beat(tmp_path / "one", "twin", 2)
    beat(tmp_path / "two", "twin", 2)
    (tmp_path / "ahead" / "summary-2027-12-03.json").write_bytes(b"{}")
    (tmp_path / "ahead" / "summary-2026-11-w4.json").write_bytes(b"{}")  # ended: fine
    minutes = {"ahead": 1, "behind": 45, "refusing": 1, "one": 2, "two": 2}
    statuses = read_status([tmp_path], arrivals(minutes), NOW.date())  # type: ignore[arg-type]
    lines, counts = status_lines(statuses, NOW, timedelta(minutes=30))
    text = "\n".join(lines)
    assert "ahead: CLOCK AHEAD 400 days" in text and "SUMMARIES DATED IN THE FUTURE: summary-2027-12-03.json" in text
    assert "behind: SILENT, CLOCK AHEAD 45 min" in text
    assert "refusing: PROBLEMS" in text and "  stretching/ja/deck.md:1:" in text
    assert text.count("NAME SHARED WITH ANOTHER KIOSK") == 2
    assert (counts.silent, counts.clock, counts.refusing, counts.future, counts.collisions) == (1, 2, 1, 1, 2)


def test_kiosk_fleet_status_exits_non_zero_naming_the_cause(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 1 with a line per cause when a kiosk refuses content; exit 0 when every kiosk is well."""
    folder = tmp_path / "a"
    folder.mkdir()
    now = datetime.now(UTC)
    (folder / HEARTBEAT).write_bytes(Heartbeat("a", now, "v", ("stretching",), ()).dumps())
    assert main(["fleet", "status", str(tmp_path)]) == 0
    (folder / HEARTBEAT).write_bytes(Heartbeat("a", now, "v", ("stretching",), ("x.md:1: refused",)).dumps())
    assert main(["fleet", "status", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "a: PROBLEMS" in out and "1 refusing content" in out


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`kiosk fleet status | head -1`: no traceback when the reader goes away."""
    for number in range(400):
        folder = tmp_path / f"kiosk-{number:03d}"
        folder.mkdir()
        beat_body = Heartbeat(folder.name, datetime.now(UTC), "v", ("stretching",), ("x.md:1: p",) * 20).dumps()
        (folder / HEARTBEAT).write_bytes(beat_body)
    code = f"import sys; from kiosk.cli import main; sys.exit(main(['fleet', 'status', {str(tmp_path)!r}]))"
    reader = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()
    error = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert "Traceback" not in error and "Broken pipe" not in error, error
    assert date.today()  # the status needs no display and no Qt
