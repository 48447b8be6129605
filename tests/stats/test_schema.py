"""The schema test: the file can hold nothing that identifies a patient or orders the visits.

It reads the schema SQLite actually built (not the source), so a careless migration fails here.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.stats import schema
from kiosk.stats.store import StatsStore
from tests.stats.samples import DAY, left_early, make_record, query

EXPECTED_COLUMNS = {
    "visit": {
        ("visit_key", "BLOB"),
        ("day", "TEXT"),
        ("hour", "INTEGER"),
        ("lesson", "TEXT"),
        ("language", "TEXT"),
        ("slides_seen", "INTEGER"),
        ("slide_count", "INTEGER"),
        ("finished_lesson", "INTEGER"),
        ("started_quiz", "INTEGER"),
        ("reached_result", "INTEGER"),
        ("duration_min", "INTEGER"),
        ("ended_by", "TEXT"),
    },
    "answer": {
        ("visit_key", "BLOB"),
        ("question_id", "TEXT"),
        ("position", "INTEGER"),
        ("first_right", "INTEGER"),
    },
}
ALLOWED_TEXT = {"day", "lesson", "language", "ended_by", "question_id"}
# Anywhere in a column name, and as a whole word of it (so "language" does not trip over "age").
FORBIDDEN_PARTS = ("time", "stamp", "minute", "second", "name", "comment", "text", "note", "date", "patient", "birth")
FORBIDDEN_WORDS = {"age", "sex", "phone", "seq", "counter", "number", "ts"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A statistics file with a varied set of visits in it."""
    path = tmp_path / "stats.db"
    store = StatsStore(path)
    for offset, hour in [(0, 0), (1, 23), (40, 12), (365, 7)]:
        assert store.add(make_record(day=DAY + timedelta(days=offset), hour=hour))
    assert store.add(make_record(day=date(2024, 2, 29), hour=9))
    assert store.add(make_record(day=datetime(2025, 12, 31, 23, 59, 59), hour=23))
    assert store.add(left_early(duration_s=4000))
    store.close()
    return path


def _columns(path: Path) -> dict[str, set[tuple[str, str]]]:
    tables = [name for (name,) in query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: {(row[1], row[2]) for row in query(path, f"PRAGMA table_info({table})")} for table in tables}


def test_the_tables_and_columns_are_exactly_these(db: Path) -> None:
    """Only the visit and answer tables exist, with exactly the expected columns and types."""
    assert _columns(db) == EXPECTED_COLUMNS
    assert query(db, "SELECT name FROM sqlite_master WHERE type IN ('view', 'trigger')") == []
    assert query(db, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]


def test_no_column_is_named_like_a_time_or_a_person(db: Path) -> None:
    """No column name suggests a timestamp, a name or free text."""
    names = {name for columns in _columns(db).values() for name, _ in columns}
    assert {name for name in names if any(part in name.lower() for part in FORBIDDEN_PARTS)} == set()
    assert {name for name in names if FORBIDDEN_WORDS & set(name.lower().split("_"))} == set()


def test_only_the_enumerated_text_columns_exist(db: Path) -> None:
    """The only TEXT columns are the day, the lesson and language ids, the ending and the question id."""
    text = {name for columns in _columns(db).values() for name, kind in columns if kind == "TEXT"}
    assert text == ALLOWED_TEXT


def test_days_are_dates_and_hours_are_hours(db: Path) -> None:
    """After recording visits the day column holds only YYYY-MM-DD and the hour only integers 0-23."""
    rows = query(db, "SELECT day, typeof(day), hour, typeof(hour) FROM visit")
    assert len(rows) == 7
    for day, day_type, hour, hour_type in rows:
        assert day_type == "text" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
        assert date.fromisoformat(day).isoformat() == day
        assert hour_type == "integer" and 0 <= hour <= 23
    assert {day for day, *_ in rows} >= {"2024-02-29", "2025-12-31"}


def test_every_value_has_its_declared_type(db: Path) -> None:
    """No value is stored as REAL or another type than its column declares (no fractional times)."""
    for table, columns in EXPECTED_COLUMNS.items():
        for column, kind in columns:
            types = {t for (t,) in query(db, f"SELECT DISTINCT typeof({column}) FROM {table}")}
            assert types == {kind.lower()}, (table, column, types)
    assert query(db, "SELECT MAX(duration_min) FROM visit") == [(60,)]


def test_no_row_id_or_counter_reveals_the_order_of_visits(db: Path) -> None:
    """Tables have no rowid and no AUTOINCREMENT; visits are keyed by distinct random 16-byte blobs."""
    for table in EXPECTED_COLUMNS:
        with pytest.raises(sqlite3.OperationalError, match="rowid"):
            query(db, f"SELECT rowid FROM {table}")
    assert query(db, "SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'") == []
    keys = [key for (key,) in query(db, "SELECT visit_key FROM visit")]
    assert len(set(keys)) == len(keys) == 7
    assert all(isinstance(key, bytes) and len(key) == 16 for key in keys)


def test_the_file_order_is_not_the_visit_order(tmp_path: Path) -> None:
    """Rows come back in random key order, not in the order the visits were written."""
    path = tmp_path / "stats.db"
    store = StatsStore(path)
    for duration in range(40):  # the duration tells us the writing order here
        store.add(make_record(duration_s=duration * 60))
    store.close()
    stored = [minutes for (minutes,) in query(path, "SELECT duration_min FROM visit")]
    assert sorted(stored) == list(range(40))
    assert stored != list(range(40))  # 1 in 40! to fail by chance


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("day", "2025-03-03T10:41:07"),
        ("day", "2025-03-03 10:41"),
        ("hour", 24),
        ("hour", 10.5),
        ("hour", "10:41"),
        ("duration_min", 61),
        ("duration_min", 12.25),
        ("ended_by", "Mrs Tanaka left early"),
        ("visit_key", 1),
        ("visit_key", b"short"),
    ],
)
def test_the_schema_itself_refuses_what_the_record_would(db: Path, column: str, value: object) -> None:
    """Even a raw INSERT that bypasses VisitRecord cannot store a timestamp, free text or a counter key."""
    row = {
        "visit_key": b"k" * 16,
        "day": "2025-03-03",
        "hour": 10,
        "language": "ja",
        "slides_seen": 3,
        "slide_count": 12,
        "finished_lesson": 0,
        "started_quiz": 0,
        "reached_result": 0,
        "duration_min": 5,
        "ended_by": "home",
    }
    with sqlite3.connect(db) as conn:
        conn.execute(f"INSERT INTO visit ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
        conn.rollback()
        row[column] = value
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                f"INSERT INTO visit ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
            )
    conn.close()
