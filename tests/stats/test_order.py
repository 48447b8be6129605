"""No order of visits within a day can be read back from the statistics file (the audit's 8-visit test)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.stats import store as store_module
from kiosk.stats.store import StatsStore
from tests.stats.samples import make_record

EIGHT = [make_record(duration_s=60.0 * minutes, hour=10) for minutes in range(1, 9)]  # one hour, told apart


def _raw(path: Path) -> bytes:
    """Everything an attacker who copies the folder gets: the file and any journal beside it."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.iterdir()) if p.name.startswith(path.name))


def _keys_in(conn: sqlite3.Connection) -> dict[int, bytes]:
    """visit duration (which tells the 8 visits apart) -> its key."""
    return dict(conn.execute("SELECT duration_min, visit_key FROM visit").fetchall())


def test_eight_visits_in_one_hour_sit_in_key_order_not_visit_order(tmp_path: Path) -> None:
    """8 visits added in order 1..8: no journal or WAL history is left, and in the file's pages the visits sit
    in the order of their random keys, so their positions say nothing about which came first."""
    path = tmp_path / "visits.sqlite3"
    with StatsStore(path) as store:
        for record in EIGHT:
            assert store.add(record)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["visits.sqlite3"]  # no -wal, no -journal
        data = _raw(path)
        keys = _keys_in(store._conn)
    by_position = sorted(keys, key=lambda minutes: data.index(keys[minutes]))
    by_key = sorted(keys, key=lambda minutes: keys[minutes])
    assert by_position in (by_key, by_key[::-1])


def test_the_file_is_the_same_whatever_order_the_visits_came_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same 8 visits (with the same keys) written in order 1..8 and 8..1 leave byte-identical files."""
    keys = {record: bytes([n]) * 16 for n, record in enumerate(EIGHT, start=1)}
    files = []
    for order in (EIGHT, EIGHT[::-1], [EIGHT[i] for i in (3, 0, 7, 5, 1, 6, 2, 4)]):
        given: Iterator[bytes] = iter(keys[record] for record in order)
        monkeypatch.setattr(store_module.secrets, "token_bytes", lambda n, given=given: next(given))
        path = tmp_path / f"run{len(files)}" / "visits.sqlite3"
        with StatsStore(path) as store:
            for record in order:
                assert store.add(record)
            files.append(_raw(path))  # read while the kiosk still has it open, as a copy would
    assert files[0] == files[1] == files[2]
    with closing(sqlite3.connect(tmp_path / "run0" / "visits.sqlite3")) as conn:
        assert conn.execute("SELECT COUNT(*) FROM visit").fetchone() == (8,)


def test_a_file_from_the_wal_days_loses_its_history(tmp_path: Path) -> None:
    """A statistics file left in WAL mode (with frames in visit order) is converted when opened; no -wal is left."""
    path = tmp_path / "visits.sqlite3"
    with StatsStore(path) as store:
        store.add(EIGHT[0])
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)
        conn.execute("PRAGMA wal_autocheckpoint=0")
        with StatsStore(path) as store:  # a second connection keeps the WAL open while visits are added
            for record in EIGHT[1:]:
                store.add(record)
    with StatsStore(path) as store:
        store.add(EIGHT[0])
        assert sorted(p.name for p in tmp_path.iterdir()) == ["visits.sqlite3"]
