"""The statistics store: writing visits, reading summaries, exporting CSV, connections and migrations."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.stats import schema
from kiosk.stats import store as store_module
from kiosk.stats.background import BackgroundRecorder
from kiosk.stats.export import VISIT_COLUMNS
from kiosk.stats.store import QuestionSummary, StatsStore, WriteResult
from tests.stats.samples import DAY, QUESTIONS, left_early, make_record, query


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "stats.db"


def test_a_visit_and_its_answers_are_read_back(db: Path) -> None:
    """add writes the visit row and one answer row per question, in quiz order, and returns True."""
    store = StatsStore(db)
    assert store.available and store.notes == []
    assert store.add(make_record(hour=14, duration_s=610)) is True
    store.close()
    [visit] = query(db, f"SELECT visit_key, {', '.join(VISIT_COLUMNS)} FROM visit")
    assert visit[1:] == ("2025-03-03", 14, "", "ja", 12, 12, 1, 1, 1, 10, "finished")
    answers = query(db, "SELECT visit_key, question_id, position, first_right FROM answer ORDER BY position")
    assert [(q, p, r) for _, q, p, r in answers] == [(q, i, int(i != 1)) for i, q in enumerate(QUESTIONS)]
    assert {key for key, *_ in answers} == {visit[0]}


def test_the_folder_is_created(tmp_path: Path) -> None:
    """Opening a store in a folder that does not exist yet creates the folder and the file."""
    path = tmp_path / "a" / "b" / "stats.db"
    StatsStore(path).close()
    assert path.is_file()


def _sample(store: StatsStore) -> None:
    """Five visits since DAY (two complete, one idle mid-quiz, two left early) and one older visit."""
    store.add(make_record())
    store.add(make_record(answers=[(q, True) for q in QUESTIONS], language="en"))
    store.add(make_record(reached_result=False, ended_by="idle", answers=[(QUESTIONS[0], False), (QUESTIONS[1], True)]))
    store.add(left_early())
    store.add(left_early(day=DAY + timedelta(days=2), ended_by="idle"))
    store.add(make_record(day=DAY - timedelta(days=1), answers=[(q, False) for q in QUESTIONS]))


def test_summary_counts_shares_and_questions_since_a_day(db: Path) -> None:
    """summary counts visits from `since` on and gives the finish/quiz/result shares and each question's share."""
    store = StatsStore(db)
    _sample(store)
    summary = store.summary(since=DAY)
    assert summary.since == DAY
    assert summary.visits == 5
    assert summary.finished_lesson_share == pytest.approx(3 / 5)
    assert summary.started_quiz_share == pytest.approx(3 / 5)
    assert summary.reached_result_share == pytest.approx(2 / 5)
    assert summary.questions == (
        QuestionSummary(QUESTIONS[0], 3, pytest.approx(2 / 3)),
        QuestionSummary(QUESTIONS[1], 3, pytest.approx(2 / 3)),
        QuestionSummary(QUESTIONS[2], 2, 1.0),
        QuestionSummary(QUESTIONS[3], 2, 1.0),
        QuestionSummary(QUESTIONS[4], 2, 1.0),
    )
    assert store.summary(since=DAY - timedelta(days=1)).visits == 6
    store.close()


def test_questions_come_in_quiz_order_not_alphabetical(db: Path) -> None:
    """The per-question list follows the quiz order, whatever the ids sort like."""
    store = StatsStore(db)
    store.add(make_record(answers=[("zebra", True), ("apple", False), ("mango", True)]))
    assert [q.question_id for q in store.summary(since=DAY).questions] == ["zebra", "apple", "mango"]
    store.close()


def test_summary_of_nothing_is_zero(db: Path) -> None:
    """With no visits every share is 0.0 rather than a division error."""
    store = StatsStore(db)
    summary = store.summary(since=DAY)
    assert (summary.visits, summary.finished_lesson_share, summary.reached_result_share) == (0, 0.0, 0.0)
    assert summary.questions == ()
    store.close()


def test_visits_per_day_is_zero_filled_oldest_first(db: Path) -> None:
    """visits_per_day gives every one of the last N days, oldest first, 0 where nobody came."""
    store = StatsStore(db)
    today = date(2025, 3, 1)  # the range crosses the end of February
    for offset in (0, 2, 2, 6, 7, -1):  # 7 days ago and tomorrow fall outside a 7-day window
        store.add(make_record(day=today - timedelta(days=offset)))
    assert store.visits_per_day(7, today) == [
        (date(2025, 2, 23), 1),
        (date(2025, 2, 24), 0),
        (date(2025, 2, 25), 0),
        (date(2025, 2, 26), 0),
        (date(2025, 2, 27), 2),
        (date(2025, 2, 28), 0),
        (date(2025, 3, 1), 1),
    ]
    assert store.visits_per_day(0, today) == []
    with pytest.raises(ValueError, match="days must not be negative"):
        store.visits_per_day(-1, today)
    store.close()


def test_every_connection_sets_delete_journal_and_full_sync(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each connection the package opens (store, reopened store, background worker) runs both pragmas."""
    traces: list[list[str]] = []
    real_connect = sqlite3.connect

    def spy(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        traces.append(statements)
        return conn

    monkeypatch.setattr(sqlite3, "connect", spy)
    StatsStore(db).close()
    reader = StatsStore(db, repair=False)
    reader.close()
    recorder = BackgroundRecorder(db)
    recorder.submit(make_record())
    assert recorder.flush(10)
    recorder.close()
    assert len(traces) == 3
    for statements in traces:
        assert "PRAGMA journal_mode=DELETE" in statements
        assert "PRAGMA synchronous=FULL" in statements


def test_connect_really_gives_delete_journal_and_full_sync(db: Path) -> None:
    """The pragmas take effect: journal_mode reads back 'delete' and synchronous 2 (FULL) on a new connection."""
    StatsStore(db).close()
    conn = schema.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        conn.close()
    assert query(db, "PRAGMA journal_mode") == [("delete",)]  # no WAL history of the order of visits


def test_an_empty_file_is_version_0_and_migrates(db: Path) -> None:
    """An empty file (version 0) gets the current schema and then records visits."""
    db.parent.mkdir()
    db.write_bytes(b"")
    store = StatsStore(db)
    assert store.available and store.notes == []
    assert store.add(make_record())
    store.close()
    assert query(db, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]
    assert query(db, "SELECT COUNT(*) FROM answer") == [(5,)]


def test_a_hand_made_version_0_database_migrates(db: Path) -> None:
    """A real SQLite file with user_version 0 is migrated in place; what else it holds is left alone."""
    db.parent.mkdir()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE unrelated (x INTEGER)")
        conn.execute("INSERT INTO unrelated VALUES (7)")
        conn.execute("PRAGMA user_version = 0")
    conn.close()
    store = StatsStore(db)
    assert store.available
    assert store.add(make_record())
    store.close()
    assert query(db, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]
    assert query(db, "SELECT x FROM unrelated") == [(7,)]
    assert query(db, "SELECT COUNT(*) FROM visit") == [(1,)]


def test_migrations_run_in_order_once(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later migration step runs once on an existing file and keeps its data."""
    store = StatsStore(db)
    store.add(make_record())
    store.close()
    calls: list[int] = []

    def next_step(conn: sqlite3.Connection) -> None:
        calls.append(schema.user_version(conn))
        conn.execute("CREATE INDEX visit_by_language ON visit (language)")

    shipped = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, next_step])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", shipped + 1)
    StatsStore(db).close()
    StatsStore(db).close()
    assert calls == [shipped]
    assert query(db, "PRAGMA user_version") == [(shipped + 1,)]
    assert query(db, "SELECT COUNT(*) FROM visit") == [(1,)]


@pytest.mark.allow_warnings
def test_a_file_from_a_newer_kiosk_is_left_alone(db: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A file with a newer schema version turns recording off and is neither changed nor moved."""
    db.parent.mkdir()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    store = StatsStore(db)
    assert not store.available
    assert store.add(make_record()) is False
    store.close()
    assert "newer kiosk version" in store.notes[0]
    assert "newer kiosk version" in caplog.text
    assert [p.name for p in db.parent.iterdir() if "damaged" in p.name] == []
    assert query(db, "PRAGMA user_version") == [(99,)]
    assert query(db, "SELECT name FROM sqlite_master") == []  # no table of ours was added


@pytest.mark.allow_warnings
def test_an_add_that_fails_half_way_leaves_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """When writing fails after the visit row and one answer, neither is kept: add is all or nothing."""
    store = StatsStore(db)
    assert store.add(make_record(hour=9))
    real_insert_answers = store_module._insert_answers

    def fail_after_one(conn: sqlite3.Connection, key: bytes, record: object) -> None:
        conn.execute("INSERT INTO answer VALUES (?, 'always-stretch', 0, 1)", (key,))
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "_insert_answers", fail_after_one)
    assert store.write(make_record(hour=11)) is WriteResult.LATER
    assert store.available and store.fault == "database or disk is full"
    assert store.summary(since=DAY).visits == 1  # nothing of the failed visit is in the file
    monkeypatch.setattr(store_module, "_insert_answers", real_insert_answers)
    assert store.add(make_record(hour=11))  # the same visit, written again later: recording never stopped
    assert store.fault is None
    store.close()
    assert sorted(query(db, "SELECT hour FROM visit")) == [(9,), (11,)]
    assert query(db, "SELECT COUNT(*) FROM answer") == [(10,)]


def test_a_bug_half_way_rolls_back_and_is_not_hidden(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A programming error after the visit row propagates, and the transaction is still rolled back."""
    store = StatsStore(db)

    def broken(conn: sqlite3.Connection, key: bytes, record: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(store_module, "_insert_answers", broken)
    with pytest.raises(RuntimeError):
        store.add(make_record())
    monkeypatch.undo()
    assert store.available and store.add(make_record(hour=12))
    store.close()
    assert query(db, "SELECT hour FROM visit") == [(12,)]


@pytest.mark.allow_warnings
def test_a_refused_row_is_reported_but_recording_goes_on(
    db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A row the schema refuses (here a repeated key) is logged and skipped; the store stays available."""
    store = StatsStore(db)
    monkeypatch.setattr(store_module.secrets, "token_bytes", lambda n: b"k" * n)
    assert store.add(make_record())
    assert store.add(make_record()) is False
    assert "refused" in caplog.text
    assert store.available and store.notes == []
    monkeypatch.undo()
    assert store.add(make_record())
    assert store.summary(since=DAY).visits == 2
    store.close()


def test_a_closed_store_records_and_reads_nothing(db: Path, caplog: pytest.LogCaptureFixture) -> None:
    """After close, add returns False and reads are empty, quietly."""
    caplog.set_level(logging.DEBUG)
    store = StatsStore(db)
    store.add(make_record())
    store.close()
    assert store.add(make_record()) is False
    assert store.summary(since=DAY).visits == 0
    assert store.visits_per_day(2, DAY) == [(DAY - timedelta(days=1), 0), (DAY, 0)]
