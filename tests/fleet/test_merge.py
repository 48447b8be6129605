"""`kiosk stats merge`: totals per kiosk and for all; damaged, half-synced, duplicate and newer files skipped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kiosk.fleet import summary
from kiosk.fleet.merge import ALL, csv_report, merge, text_report
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
