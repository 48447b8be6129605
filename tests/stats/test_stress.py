"""Statistics under load: visits written for a minute while staff and the chain read and the CPU is busy."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kiosk.stats.background import BackgroundRecorder
from kiosk.stats.store import StatsStore
from kiosk.stats.view import build_view
from tests.stats.samples import DAY, make_record, query

# A minute by default, as the field-ready issue asks; KIOSK_STRESS_SECONDS shortens it while working on it.
SECONDS = float(os.environ.get("KIOSK_STRESS_SECONDS", "60"))


def _spin(stop: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    while not stop.is_set():
        pass


@pytest.fixture
def busy_cpu() -> Iterator[None]:
    """Two processes that keep every core of a two-core clinic PC busy for the test's length."""
    stop = multiprocessing.get_context("spawn").Event()
    hogs = [multiprocessing.get_context("spawn").Process(target=_spin, args=(stop,), daemon=True) for _ in range(2)]
    for hog in hogs:
        hog.start()
    try:
        yield
    finally:
        stop.set()
        for hog in hogs:
            hog.join(10)
            if hog.is_alive():
                hog.kill()


@pytest.mark.slow
def test_every_visit_arrives_under_load_while_staff_and_the_chain_read(
    tmp_path: Path, busy_cpu: None, caplog: pytest.LogCaptureFixture
) -> None:
    """For SECONDS, visits are submitted as fast as a busy machine allows while the staff screen reads through
    the writer and a second connection (the chain's outbox, the command line) reads beside it: every visit is
    in the file at the end, every read got an answer, and nothing was logged at WARNING."""
    path = tmp_path / "visits.sqlite3"
    recorder = BackgroundRecorder(path)
    submitted = 0
    staff_reads: list[int] = []
    chain_reads: list[int] = []
    failures: list[BaseException] = []
    end = time.monotonic() + SECONDS

    def staff() -> None:  # the statistics screen, opened again and again
        while time.monotonic() < end:
            try:
                view = recorder.read(lambda store: build_view(store, None, DAY), timeout=30)
            except BaseException as error:  # handed to the test's thread
                failures.append(error)
                return
            staff_reads.append(view.visits)

    def chain() -> None:  # a reader with its own connection, as the outbox and `kiosk stats` have
        while time.monotonic() < end:
            with StatsStore(path, repair=False) as store:
                chain_reads.append(len(store.day_visits(DAY)))
                if store.notes:
                    failures.append(AssertionError(store.notes))
                    return

    readers = [threading.Thread(target=staff), threading.Thread(target=chain)]
    for reader in readers:
        reader.start()
    while time.monotonic() < end:
        recorder.submit(make_record())
        submitted += 1
        time.sleep(0.1)  # ten visits a second: a waiting room has a few an hour
    for reader in readers:
        reader.join(60)
    assert recorder.flush(60)
    assert recorder.notes == [] and recorder.available
    recorder.close()
    assert not failures
    assert staff_reads and chain_reads, "both readers must have read"
    assert staff_reads == sorted(staff_reads)  # each read sees every visit before it
    assert query(path, "SELECT COUNT(*) FROM visit") == [(submitted,)]
    assert query(path, "SELECT COUNT(*) FROM answer") == [(5 * submitted,)]
    assert [r for r in caplog.records if r.levelname in {"WARNING", "ERROR", "CRITICAL"}] == []
    print(f"{submitted} visits, {len(staff_reads)} staff reads, {len(chain_reads)} chain reads in {SECONDS:.0f} s")


def test_a_read_sees_every_visit_submitted_before_it(tmp_path: Path) -> None:
    """read() answers after the queued visits are written, so the staff screen never shows a stale count."""
    recorder = BackgroundRecorder(tmp_path / "visits.sqlite3")
    for _ in range(25):
        recorder.submit(make_record())
    assert recorder.read(lambda store: store.summary(since=date(2000, 1, 1)).visits, timeout=30) == 25
    recorder.close()


def test_a_read_that_raises_raises_in_the_caller(tmp_path: Path) -> None:
    """An error inside the question reaches the caller's thread; the worker goes on writing."""
    recorder = BackgroundRecorder(tmp_path / "visits.sqlite3")

    def broken(store: StatsStore | None) -> int:
        raise ValueError("a bad question")

    with pytest.raises(ValueError, match="a bad question"):
        recorder.read(broken, timeout=30)
    recorder.submit(make_record())
    assert recorder.flush(30)
    recorder.close()
    assert query(tmp_path / "visits.sqlite3", "SELECT COUNT(*) FROM visit") == [(1,)]
