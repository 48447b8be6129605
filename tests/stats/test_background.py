"""The background recorder: submit never waits or raises, flush and close make sure visits are written."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.stats.background import BackgroundRecorder
from kiosk.stats.record import VisitRecord
from kiosk.stats.store import StatsStore, WriteResult
from tests.stats.samples import DAY, make_record, query


def _count(path: Path) -> tuple[int, int]:
    """(visits, answers) in the file."""
    return query(path, "SELECT COUNT(*) FROM visit")[0][0], query(path, "SELECT COUNT(*) FROM answer")[0][0]


def test_many_submitted_visits_are_all_written(tmp_path: Path) -> None:
    """Hundreds of submitted visits are all in the file after flush."""
    path = tmp_path / "stats.db"
    recorder = BackgroundRecorder(path)
    for hour in range(24):
        for _ in range(5):
            recorder.submit(make_record(hour=hour))
    assert recorder.flush(30)
    assert recorder.available and recorder.notes == []
    assert _count(path) == (120, 600)
    recorder.close()


def test_visits_from_several_threads_are_all_written(tmp_path: Path) -> None:
    """submit may be called from any thread; nothing is lost or doubled."""
    path = tmp_path / "stats.db"
    recorder = BackgroundRecorder(path)

    def submit_some() -> None:
        for _ in range(25):
            recorder.submit(make_record())

    threads = [threading.Thread(target=submit_some) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert recorder.flush(30)
    recorder.close()
    assert _count(path) == (100, 500)


def test_close_writes_what_is_still_queued(tmp_path: Path) -> None:
    """close drains the queue before closing the file, so shutting down loses no visit."""
    path = tmp_path / "stats.db"
    recorder = BackgroundRecorder(path)
    for _ in range(30):
        recorder.submit(make_record())
    recorder.close()
    assert _count(path) == (30, 150)
    assert recorder.flush(1)  # nothing left to wait for
    recorder.close()  # a second close is harmless


def test_a_visit_submitted_after_close_is_ignored_quietly(tmp_path: Path) -> None:
    """submit after close neither raises nor writes."""
    path = tmp_path / "stats.db"
    recorder = BackgroundRecorder(path)
    recorder.close()
    recorder.submit(make_record())
    assert _count(path) == (0, 0)


@pytest.mark.allow_warnings
def test_a_visit_waits_while_the_file_cannot_be_opened(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """When the file cannot be opened, submit returns normally, the visit is kept, and it is written once the
    folder can be made: recording never stops until a restart."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    recorder = BackgroundRecorder(blocker / "stats.db", first_retry_s=0.01, last_retry_s=0.05)
    recorder.submit(make_record())
    assert not recorder.flush(0.5)  # kept, not written and not dropped
    assert recorder.waiting == 1 and recorder.available is False
    assert "not being recorded" in recorder.notes[0]
    assert "not being recorded" in caplog.text
    blocker.unlink()  # the stick is back
    assert recorder.flush(30)
    assert recorder.available and recorder.waiting == 0
    recorder.close()
    assert _count(blocker / "stats.db") == (1, 5)


@pytest.mark.allow_warnings
def test_a_stuck_disk_never_blocks_submit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """With the worker stuck and the queue full, submit drops the visit at once and leaves a note for staff."""
    path = tmp_path / "stats.db"
    release = threading.Event()
    entered = threading.Event()
    real_write = StatsStore.write

    def stuck_write(self: StatsStore, record: VisitRecord) -> WriteResult:
        entered.set()
        release.wait(30)
        return real_write(self, record)

    monkeypatch.setattr(StatsStore, "write", stuck_write)
    recorder = BackgroundRecorder(path, max_pending=5)
    recorder.submit(make_record())
    assert entered.wait(10)  # the worker holds the first visit; the queue has room for 5 more
    for _ in range(20):
        recorder.submit(make_record())  # returns at once even though nothing moves
    assert not recorder.flush(0.01)  # the flush marker itself finds the queue full
    assert "falling behind" in recorder.notes[-1]
    assert caplog.text.count("falling behind") == 1  # once per run of drops, not 15 times
    release.set()
    assert recorder.flush(30)
    recorder.close()
    assert _count(path) == (6, 30)


@pytest.mark.allow_warnings
def test_an_unexpected_error_does_not_end_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A visit whose writing fails unexpectedly is logged; the visits after it are still written."""
    path = tmp_path / "stats.db"
    real_write = StatsStore.write
    calls: list[int] = []

    def flaky_write(self: StatsStore, record: VisitRecord) -> WriteResult:
        calls.append(record.hour)
        if record.hour == 13:
            raise RuntimeError("unlucky")
        return real_write(self, record)

    monkeypatch.setattr(StatsStore, "write", flaky_write)
    recorder = BackgroundRecorder(path)
    for hour in (12, 13, 14):
        recorder.submit(make_record(hour=hour))
    assert recorder.flush(10)
    recorder.close()
    assert calls == [12, 13, 14]
    assert "unlucky" in caplog.text
    assert sorted(query(path, "SELECT hour FROM visit")) == [(12,), (14,)]


@pytest.mark.allow_warnings
def test_something_that_is_not_a_record_is_refused_at_submit(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """submit with a wrong object logs an error in the caller's thread and does not raise."""
    path = tmp_path / "stats.db"
    recorder = BackgroundRecorder(path)
    recorder.submit({"hour": 10})  # type: ignore[arg-type]
    assert recorder.flush(10)
    recorder.close()
    assert "not a visit record" in caplog.text
    assert _count(path) == (0, 0)


def test_the_staff_screen_reads_beside_the_recorder(tmp_path: Path) -> None:
    """A short-lived reader store in the caller's thread sees what the recorder's worker wrote, while it runs."""
    path = tmp_path / "stats.db"
    recorder = BackgroundRecorder(path)
    recorder.submit(make_record())
    assert recorder.flush(10)
    reader = StatsStore(path, repair=False)
    assert reader.summary(since=DAY).visits == 1
    recorder.submit(make_record())
    assert recorder.flush(10)
    assert reader.summary(since=DAY).visits == 2  # a fresh read transaction sees the new commit
    reader.close()
    recorder.close()
