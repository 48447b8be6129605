"""Damage and faults: a bad file is set aside and replaced; a full disk or read-only folder turns recording off."""

from __future__ import annotations

import logging
import os
import random
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.stats import store as store_module
from kiosk.stats.store import StatsStore, WriteResult
from tests.stats.samples import DAY, make_record, query

CLOCK = datetime(2025, 3, 3, 14, 5, 9)
ASIDE = "stats.db.damaged-20250303-140509"


def _fixed_clock() -> datetime:
    return CLOCK


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _assert_fresh_and_working(store: StatsStore, path: Path) -> None:
    """The replacement file is a working, empty statistics file."""
    assert store.available
    assert store.summary(since=DAY).visits == 0
    assert store.add(make_record())
    store.close()
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    assert query(path, "SELECT COUNT(*) FROM visit") == [(1,)]


@pytest.mark.allow_warnings
def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Garbage in place of the file is renamed <name>.damaged-YYYYMMDD-HHMMSS with its -wal/-shm; a new one starts."""
    path = tmp_path / "stats.db"
    garbage = b"this is not a database, it is a shopping list\n" * 40
    path.write_bytes(garbage)
    Path(f"{path}-wal").write_bytes(b"wal garbage")
    Path(f"{path}-shm").write_bytes(b"shm garbage")
    store = StatsStore(path, clock=_fixed_clock)
    assert (tmp_path / ASIDE).read_bytes() == garbage
    assert (tmp_path / f"{ASIDE}-wal").read_bytes() == b"wal garbage"
    assert (tmp_path / f"{ASIDE}-shm").read_bytes() == b"shm garbage"
    [note] = store.notes
    assert ASIDE in note and "damaged" in note and "not an SQLite database" in note
    assert ASIDE in caplog.text
    assert [r.levelname for r in caplog.records if r.levelno >= logging.WARNING] == ["WARNING"]  # one, not a trail
    _assert_fresh_and_working(store, path)


@pytest.mark.allow_warnings
def test_the_real_clock_names_the_damaged_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Without an injected clock the name still follows <name>.damaged-YYYYMMDD-HHMMSS."""
    path = tmp_path / "stats.db"
    path.write_bytes(b"\x00" * 4096)
    store = StatsStore(path)
    [aside] = [name for name in _names(tmp_path) if "damaged" in name]
    assert datetime.strptime(aside, "stats.db.damaged-%Y%m%d-%H%M%S")
    assert aside in caplog.text
    _assert_fresh_and_working(store, path)


@pytest.mark.allow_warnings
def test_a_truncated_header_is_damage(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A file cut off inside the 100-byte header is set aside, not trusted."""
    path = tmp_path / "stats.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x10\x00")
    store = StatsStore(path, clock=_fixed_clock)
    assert "too short" in store.notes[0]
    assert "too short" in caplog.text
    assert (tmp_path / ASIDE).exists()
    _assert_fresh_and_working(store, path)


@pytest.mark.allow_warnings
def test_a_database_with_damaged_pages_fails_the_check_and_is_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A real statistics file with overwritten pages fails quick_check (or SQLite's own reading) and is replaced."""
    path = tmp_path / "stats.db"
    store = StatsStore(path)
    for hour in range(24):
        for _ in range(20):
            store.add(make_record(hour=hour))
    store.close()
    assert not Path(f"{path}-wal").exists()  # the last close checkpointed everything into the file
    data = bytearray(path.read_bytes())
    assert len(data) > 6 * 4096
    data[2 * 4096 : 5 * 4096] = random.Random(7).randbytes(3 * 4096)  # keep page 1 (header and schema) intact
    path.write_bytes(bytes(data))
    store = StatsStore(path, clock=_fixed_clock)
    assert (tmp_path / ASIDE).read_bytes() == bytes(data)
    assert "damaged" in store.notes[0]
    assert ASIDE in caplog.text
    _assert_fresh_and_working(store, path)


@pytest.mark.allow_warnings
def test_damage_twice_in_one_second_keeps_both_copies(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A second damaged file in the same second gets its own name instead of replacing the first."""
    path = tmp_path / "stats.db"
    path.write_bytes(b"first garbage" * 100)
    StatsStore(path, clock=_fixed_clock).close()
    path.write_bytes(b"second garbage" * 100)
    StatsStore(path, clock=_fixed_clock).close()
    assert (tmp_path / ASIDE).read_bytes() == b"first garbage" * 100
    assert (tmp_path / f"{ASIDE}-2").read_bytes() == b"second garbage" * 100
    assert caplog.text.count("damaged") >= 2


@pytest.mark.allow_warnings
def test_a_reader_reports_damage_but_leaves_the_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """With repair=False (a reader beside a running writer) damage is a note, and nothing is moved."""
    path = tmp_path / "stats.db"
    path.write_bytes(b"garbage" * 100)
    store = StatsStore(path, repair=False)
    assert not store.available
    assert "damaged" in store.notes[0] and "damaged" in caplog.text
    assert store.summary(since=DAY).visits == 0
    store.close()
    assert _names(tmp_path) == ["stats.db"]


@pytest.mark.allow_warnings
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write to read-only folders")
def test_a_read_only_folder_turns_recording_off(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """In a folder the kiosk may not write to, the store is unavailable and add returns False without raising."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        store = StatsStore(folder / "stats.db")
        assert not store.available
        assert store.add(make_record()) is False
        store.close()
    finally:
        folder.chmod(0o700)
    assert "not being recorded" in store.notes[0]
    assert "not being recorded" in caplog.text


@pytest.mark.allow_warnings
def test_a_folder_that_is_a_file_turns_recording_off(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """When the file's folder cannot exist (its parent is a regular file), add returns False and nothing raises."""
    blocker = tmp_path / "usb"
    blocker.write_text("a file where the folder should be")
    store = StatsStore(blocker / "kiosk" / "stats.db")
    assert not store.available
    assert store.add(make_record()) is False
    assert store.summary(since=DAY).visits == 0
    assert store.visits_per_day(1, DAY) == [(DAY, 0)]
    store.close()
    [note] = store.notes
    assert "not being recorded" in note and "stats.db" in note
    assert "not being recorded" in caplog.text


@pytest.mark.allow_warnings
def test_a_folder_where_the_file_should_be_is_a_fault_not_damage(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An unreadable path (here a folder named like the file) turns recording off and is not moved."""
    (tmp_path / "stats.db").mkdir()
    store = StatsStore(tmp_path / "stats.db")
    assert not store.available and store.add(make_record()) is False
    store.close()
    assert _names(tmp_path) == ["stats.db"]
    assert "not being recorded" in caplog.text


def test_a_full_disk_keeps_whole_visits_and_recording_on(tmp_path: Path) -> None:
    """When SQLite reports the disk full, write answers LATER with the reason; every kept visit is whole, and
    once there is room again the same visit is written: a full disk never turns recording off."""
    path = tmp_path / "stats.db"
    store = StatsStore(path)
    conn = store._conn
    assert conn is not None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # a tiny "disk"
    written = 0
    while (result := store.write(make_record())) is WriteResult.WRITTEN:
        written += 1
        assert written < 10_000
    assert result is WriteResult.LATER and written > 0
    assert store.available and store.fault is not None and "full" in store.fault
    assert query(path, "SELECT COUNT(*) FROM visit") == [(written,)]
    assert query(path, "SELECT COUNT(*) FROM answer") == [(5 * written,)]
    conn.execute("PRAGMA max_page_count = 1000000")  # room again
    assert store.write(make_record()) is WriteResult.WRITTEN
    store.close()
    assert query(path, "SELECT COUNT(*) FROM visit") == [(written + 1,)]


def test_an_os_error_while_writing_is_a_fault_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError while writing (not only sqlite3 errors) is a LATER with its reason, not an exception."""
    store = StatsStore(tmp_path / "stats.db")

    def unplugged(conn: sqlite3.Connection, key: bytes, record: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(store_module, "_insert_visit", unplugged)
    assert store.write(make_record()) is WriteResult.LATER
    assert store.available and store.fault is not None and "Input/output error" in store.fault
    store.close()


def test_a_journal_that_goes_while_it_is_looked_at_is_not_a_fault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Another connection's rollback journal can vanish between seeing it and looking at it (a reader beside the
    writer, on a busy machine): that is the ordinary end of a transaction, so the file opens and nothing is logged."""
    path = tmp_path / "visits.sqlite3"
    StatsStore(path).close()
    real_lstat = os.lstat
    seen: list[str] = []

    def vanishing_lstat(target: os.PathLike[str] | str, *args: object, **kwargs: object) -> os.stat_result:
        if str(target).endswith("-journal"):  # present a moment ago, gone now
            seen.append(str(target))
            raise FileNotFoundError(2, "No such file or directory", str(target))
        return real_lstat(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module.os.path, "lexists", lambda target: True)
    monkeypatch.setattr(store_module.os, "lstat", vanishing_lstat)
    with caplog.at_level(logging.INFO, logger="kiosk.stats"):
        store = StatsStore(path, repair=False)
    monkeypatch.undo()
    assert seen, "the check never looked at the journal"
    assert store.available and store.notes == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    store.close()
