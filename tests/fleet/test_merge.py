"""`kiosk stats merge`: totals per kiosk and for all; damaged, half-synced, duplicate and newer files skipped."""

from __future__ import annotations

import csv
import io
import os
import tracemalloc
import weakref
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.fleet import merge as merge_module
from kiosk.fleet import summary
from kiosk.fleet.merge import ALL, csv_report, merge, merge_files, text_report
from tests.fleet.outboxes import FIRST_DAY, day_summary, write_outboxes


@pytest.mark.slow  # ~15 s: 36,500 summaries written and merged
def test_a_hundred_kiosks_for_a_year_add_up(tmp_path: Path) -> None:
    """100 kiosks x 365 days: every visit counted once, per kiosk and in all."""
    total = write_outboxes(tmp_path, kiosks=100, days=365)
    report = merge([tmp_path])
    assert not report.skipped and len(report.summaries) == 36_500
    assert report.everything.total.visits == total
    assert sum(t.total.visits for t in report.kiosks.values()) == total
    assert report.everything.total.questions == {"q1": [total, total], "q2": [total, 0]}


def test_bad_files_are_skipped_with_a_message_and_never_counted(tmp_path: Path) -> None:
    """Damaged, truncated (half-synced), newer-format, duplicate and conflict-copy files leave the totals alone."""
    box = tmp_path / "kiosk-a"
    box.mkdir()
    good = summary.dumps(day_summary("kiosk-a", FIRST_DAY, 5))
    (box / f"summary-{FIRST_DAY}.json").write_bytes(good)
    (box / f"summary-{FIRST_DAY}.sync-conflict-20251202-101010-ABCDEFG.json").write_bytes(good)
    (box / "summary-2025-12-02.json").write_bytes(good[: len(good) // 2])
    (box / "summary-2025-12-03.json").write_bytes(good.replace(b'"format":2', b'"format":9'))
    (box / "summary-2025-12-04.json").write_bytes(good)  # yesterday's body under another day's name
    (box / ".syncthing.summary-2025-12-05.json.tmp").write_bytes(good[:10])  # still arriving: never read
    second = tmp_path / "copy-of-a"  # the same outbox synced twice into the hub
    second.mkdir()
    (second / f"summary-{FIRST_DAY}.json").write_bytes(good)
    report = merge([tmp_path])
    assert report.everything.total.visits == 5
    reasons = "\n".join(report.skipped)
    assert len(report.skipped) == 5, reasons
    assert "already counted" in reasons and "checksum" in reasons and "newer kiosk" in reasons
    assert "under another name" in reasons and ".syncthing" not in reasons


def test_an_outbox_given_directly_is_read_too(tmp_path: Path) -> None:
    """DIR may be one kiosk's outbox rather than a folder of them."""
    write_outboxes(tmp_path, kiosks=1, days=3)
    report = merge([tmp_path / "kiosk-000"])
    assert len(report.summaries) == 3


def test_text_and_csv_reports_show_each_kiosk_and_all(tmp_path: Path) -> None:
    """The text names every kiosk and the total; the CSV has a row per kiosk-day and total rows."""
    write_outboxes(tmp_path, kiosks=2, days=2)
    report = merge([tmp_path])
    text = text_report(report)
    assert "kiosk-000:" in text and "kiosk-001:" in text and f"{ALL}:" in text
    data = csv_report(report)
    assert data.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(data[1:])))
    assert len(rows) == 4 + 3 and rows[-1]["kiosk"] == ALL and rows[-1]["day"] == "total"
    assert int(rows[-1]["visits"]) == report.everything.total.visits
    assert rows[-1]["q1_answered"] == rows[-1]["visits"]


def test_the_merge_holds_one_parsed_summary_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 summaries, each file made just before the merge asks for it: never more than 2 parsed at once.

    The merge takes the files one by one from a generator (it never lists them first) and drops each summary
    once added, so its memory does not grow with their number (only the sums and a period per kiosk stay)."""
    parsed = alive = 0
    real_loads = summary.loads

    def counting_loads(data: bytes) -> summary.DailySummary:
        nonlocal parsed, alive
        made = real_loads(data)
        parsed += 1
        alive += 1
        weakref.finalize(made, dropped)
        return made

    def dropped() -> None:
        nonlocal alive
        alive -= 1

    monkeypatch.setattr(summary, "loads", counting_loads)
    most = 0

    def files() -> Iterator[tuple[str, str, bool]]:
        nonlocal most
        previous: Path | None = None
        for index in range(10_000):
            kiosk, day = f"kiosk-{index // 365:03d}", FIRST_DAY + timedelta(days=index % 365)
            assert parsed == index  # every file given so far was parsed before the next is asked for
            most = max(most, alive)
            if previous is not None:
                previous.unlink()  # one file on disk at a time
            previous = tmp_path / f"summary-{day.isoformat()}.json"
            previous.write_bytes(summary.dumps(day_summary(kiosk, day, 1 + index % 7)))
            yield f"{tmp_path}{os.sep}", previous.name, False

    report = merge_files(files(), today=date(2030, 1, 1), rows=False)
    assert report.counted == 10_000 and not report.skipped and not report.summaries
    assert report.everything.total.visits == sum(1 + index % 7 for index in range(10_000))
    assert most <= 2, f"{most} parsed summaries alive at once"


def test_the_csv_day_rows_wait_in_a_scratch_file_not_in_memory(tmp_path: Path) -> None:
    """With the CSV's day rows (`kiosk stats merge --csv`) the merge holds what it holds without them, plus 8 bytes
    a summary: the rows themselves go to a private scratch file and are read back one summary at a time.

    Measured after the last file is read, before the merge ends (its state all there), counting only what the
    merge's own code allocated (the rest of the process, the test's writing included, moves by itself)."""
    held: dict[bool, int] = {}
    mine = [tracemalloc.Filter(True, merge_module.__file__)]

    def files(rows: bool) -> Iterator[tuple[str, str, bool]]:
        previous: Path | None = None
        for index in range(4_000):
            kiosk, day = f"kiosk-{index // 365:03d}", FIRST_DAY + timedelta(days=index % 365)
            if previous is not None:
                previous.unlink()
            previous = tmp_path / f"summary-{day.isoformat()}.json"
            previous.write_bytes(summary.dumps(day_summary(kiosk, day, 1 + index % 7)))
            yield f"{tmp_path}{os.sep}", previous.name, False
        traces = tracemalloc.take_snapshot().filter_traces(mine).statistics("filename")
        held[rows] = sum(stat.size for stat in traces)

    for rows in (False, True):
        tracemalloc.start()
        try:
            report = merge_files(files(rows), today=date(2030, 1, 1), rows=rows)
        finally:
            tracemalloc.stop()
        assert report.counted == 4_000
        if rows:
            assert len(report.summaries) == 4_000
            days = [(counted.kiosk, counted.day) for counted in report.summaries]
            assert days == sorted(days) and len(set(days)) == 4_000
            first = next(iter(report.summaries))
            assert first.groups == (("stretching", "ja", 1, 1, 1, 1, 0, 0, 0, 1, "q1", 1, 1, "q2", 1, 0),)
        del report
    assert held[True] - held[False] < 16 * 4_000, f"{(held[True] - held[False]) / 4_000:.0f} bytes a summary held"
