"""Statistics split by lesson: the record names its lesson, a version-1 file migrates, summaries and CSV split."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.stats import schema
from kiosk.stats.store import StatsStore
from kiosk.stats.view import build_view
from tests.stats.samples import DAY, left_early, make_record, query


def test_a_record_names_a_lesson_id_and_nothing_else() -> None:
    """The lesson is a content id; free text or a name-like value is refused before it reaches the file."""
    assert make_record(lesson="back-pain").lesson == "back-pain"
    for bad in ("Back Pain", "x" * 41, "山田", "a\nb"):
        with pytest.raises(ValueError, match="lesson must be a lesson id"):
            make_record(lesson=bad)


def test_a_version_1_file_migrates_and_keeps_its_visits(tmp_path: Path) -> None:
    """Visits recorded before lessons had ids stay, with lesson ''; new visits name theirs."""
    path = tmp_path / "stats.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO visit VALUES (?, '2025-03-03', 10, 'ja', 3, 12, 0, 0, 0, 2, 'home')", (b"k" * 16,))
    conn.close()
    with StatsStore(path) as store:
        assert store.add(make_record(lesson="back-pain"))
    assert query(path, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]
    assert sorted(query(path, "SELECT lesson FROM visit")) == [("",), ("back-pain",)]


def test_summaries_and_the_day_chart_split_by_lesson(tmp_path: Path) -> None:
    """summary and visits_per_day count one lesson when asked; the view names the lesson it shows."""
    with StatsStore(tmp_path / "stats.db") as store:
        store.add(make_record(lesson="stretching", answers=[("q1", True)]))
        store.add(make_record(lesson="stretching", answers=[("q1", False)]))
        store.add(left_early(lesson="back-pain"))
        assert store.summary(DAY).visits == 3
        assert store.summary(DAY, "stretching").visits == 2
        back = store.summary(DAY, "back-pain")
        assert (back.visits, back.finished_lesson_share, back.questions) == (1, 0.0, ())
        assert store.visits_per_day(1, DAY, "back-pain") == [(DAY, 1)]
        assert store.lessons_since(DAY - timedelta(days=1)) == ["stretching", "back-pain"]
        view = build_view(store, None, DAY, lesson_id="stretching")
        assert view.visits == 2 and view.lesson == "stretching"


def test_the_csv_names_lessons_and_keeps_their_questions_apart(tmp_path: Path) -> None:
    """With two lessons the lesson column says which, and a question id both use gets one column per lesson."""
    with StatsStore(tmp_path / "stats.db") as store:
        store.add(make_record(lesson="stretching", answers=[("first", True)]))
        store.add(make_record(lesson="back-pain", answers=[("first", False)]))
        target = tmp_path / "visits.csv"
        assert store.export_csv(target) == 2
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0][2] == "lesson" and rows[0][-2:] == ["q:back-pain/first", "q:stretching/first"]
    by_lesson = {row[2]: row[-2:] for row in rows[1:]}
    assert by_lesson == {"back-pain": ["0", ""], "stretching": ["", "1"]}
