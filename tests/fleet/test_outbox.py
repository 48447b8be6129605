"""The outbox: summaries of ended days only, file times that say nothing, a heartbeat, a kiosk name."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.fleet import summary
from kiosk.fleet.outbox import Heartbeat, Outbox, content_version, kiosk_name, read_heartbeat
from kiosk.stats.store import StatsStore
from tests.stats.samples import left_early, make_record

TODAY = date(2026, 12, 1)


@pytest.fixture
def stats(tmp_path: Path) -> Path:
    path = tmp_path / "visits.sqlite3"
    with StatsStore(path) as store:
        for day, count in ((TODAY - timedelta(days=1), 3), (TODAY - timedelta(days=3), 1), (TODAY, 2)):
            for _ in range(count):
                assert store.add(make_record(day=day))
        assert store.add(left_early(day=TODAY - timedelta(days=1)))
    return path


def test_summaries_cover_ended_days_with_visits_and_never_today(stats: Path, tmp_path: Path) -> None:
    """Yesterday and three days ago are written; today (still changing) and days without visits are not."""
    box = tmp_path / "outbox"
    assert Outbox(box, "k1", stats).write_summaries(TODAY, min_visits=1) == 2
    names = sorted(p.name for p in box.iterdir())
    assert names == ["summary-2026-11-28.json", "summary-2026-11-30.json"]
    yesterday = summary.loads((box / "summary-2026-11-30.json").read_bytes())
    # The visit that left on slide 4 of 12 is in the second quarter.
    assert yesterday.visits == 4 and yesterday.groups[("", "ja")].progress == [0, 1, 0, 3]


def test_a_file_time_is_the_start_of_its_day(stats: Path, tmp_path: Path) -> None:
    """The modification time (which a sync engine copies) tells nothing about when visits ended."""
    box = tmp_path / "outbox"
    Outbox(box, "k1", stats).write_summaries(TODAY, min_visits=1)
    start = datetime(2026, 11, 30).timestamp()
    assert os.stat(box / "summary-2026-11-30.json").st_mtime == start


def test_writing_again_changes_nothing(stats: Path, tmp_path: Path) -> None:
    """A second pass writes no file (so a sync engine has nothing to send)."""
    box = tmp_path / "outbox"
    Outbox(box, "k1", stats).write_summaries(TODAY)
    assert Outbox(box, "k1", stats).write_summaries(TODAY) == 0


def test_a_kiosk_never_removes_a_summary(stats: Path, tmp_path: Path) -> None:
    """Retention is the hub's choice: a summary years old stays in the outbox (a kiosk's deletion would sync)."""
    box = tmp_path / "outbox"
    box.mkdir()
    old = box / "summary-2020-01-01.json"
    old.write_bytes(b"old")
    Outbox(box, "k1", stats).write_summaries(TODAY)
    Outbox(box, "k1", stats).write_summaries(TODAY + timedelta(days=400))  # a clock a year ahead
    assert old.read_bytes() == b"old"


@pytest.mark.allow_warnings
def test_an_unwritable_outbox_is_a_note_not_an_error(stats: Path, tmp_path: Path) -> None:
    """A folder that cannot be made (a file in its place) leaves a note and returns 0."""
    blocker = tmp_path / "outbox"
    blocker.write_text("not a folder")
    box = Outbox(blocker, "k1", stats)
    assert box.write_summaries(TODAY) == 0 and box.notes


def test_heartbeat_round_trip_to_the_minute(tmp_path: Path) -> None:
    """The heartbeat keeps the minute (not the second), the content version, lessons and problems."""
    beat = Heartbeat("k1", datetime(2026, 12, 1, 9, 41, 37, tzinfo=UTC), "abc", ("stretching",), ("p",))
    back = read_heartbeat(beat.dumps())
    assert back.drawn == datetime(2026, 12, 1, 9, 41, tzinfo=UTC)
    assert (back.kiosk, back.content_version, back.lessons, back.problems) == ("k1", "abc", ("stretching",), ("p",))


@pytest.mark.allow_warnings
def test_kiosk_name_is_the_setting_or_one_made_once(tmp_path: Path) -> None:
    """A valid setting is used; otherwise a random name is made and kept for the next start."""
    assert kiosk_name("shibuya-1", tmp_path) == "shibuya-1"
    made = kiosk_name("", tmp_path)
    assert made.startswith("kiosk-") and kiosk_name("", tmp_path) == made
    assert kiosk_name("bad name/../x", tmp_path) == made


def test_content_version_changes_with_content_and_ignores_editor_files(tmp_path: Path) -> None:
    """Same files, same version; a changed file changes it; lock and backup files do not."""
    (tmp_path / "ja").mkdir()
    (tmp_path / "ja" / "deck.md").write_text("a")
    first = content_version(tmp_path)
    (tmp_path / "ja" / ".#deck.md").write_text("lock")
    (tmp_path / "ja" / "deck.md~").write_text("backup")
    assert content_version(tmp_path) == first
    (tmp_path / "ja" / "deck.md").write_text("b")
    assert content_version(tmp_path) != first


def test_summaries_split_visits_by_the_lesson_they_saw(tmp_path: Path) -> None:
    """Visits of two lessons on one day give two groups, named by lesson id."""
    path = tmp_path / "visits.sqlite3"
    day = TODAY - timedelta(days=1)
    with StatsStore(path) as store:
        assert store.add(make_record(day=day, lesson="stretching"))
        assert store.add(make_record(day=day, lesson="sleep"))
        assert store.add(left_early(day=day, lesson="sleep"))
    Outbox(tmp_path / "box", "k1", path).write_summaries(TODAY, min_visits=1)
    written = summary.loads((tmp_path / "box" / f"summary-{day.isoformat()}.json").read_bytes())
    assert {key: group.visits for key, group in written.groups.items()} == {("sleep", "ja"): 2, ("stretching", "ja"): 1}
