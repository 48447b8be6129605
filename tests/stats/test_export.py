"""The CSV export: the documented layout, one row per visit, UTF-8 with BOM and CRLF, written whole or not at all."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.stats.export import VISIT_COLUMNS, header
from kiosk.stats.store import StatsStore
from tests.stats.samples import DAY, left_early, make_record


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "stats.db"


def test_csv_has_one_row_per_visit_with_its_answers(db: Path, tmp_path: Path) -> None:
    """export_csv writes the documented header and one row per visit, answers as 1/0/empty per question."""
    store = StatsStore(db)
    store.add(make_record(hour=15, answers=[("正座", True), ("always-stretch", False)]))
    store.add(left_early(hour=9, language="en"))  # no answers: empty question cells
    store.add(make_record(day=DAY + timedelta(days=1), hour=8, answers=[("正座", False), ("always-stretch", True)]))
    target = tmp_path / "export" / "visits.csv"
    target.parent.mkdir()
    assert store.export_csv(target) == 3
    store.close()
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == [*VISIT_COLUMNS, "q:正座", "q:always-stretch"]
    assert rows[1:] == [
        ["2025-03-03", "9", "", "en", "4", "12", "0", "0", "0", "1", "home", "", ""],
        ["2025-03-03", "15", "", "ja", "12", "12", "1", "1", "1", "5", "finished", "1", "0"],
        ["2025-03-04", "8", "", "ja", "12", "12", "1", "1", "1", "5", "finished", "0", "1"],
    ]
    assert [p.name for p in target.parent.iterdir()] == ["visits.csv"]  # no partial file left behind


def test_csv_is_utf8_with_bom_and_crlf(db: Path, tmp_path: Path) -> None:
    """The CSV starts with a UTF-8 BOM, ends every line with CRLF and carries Japanese text intact."""
    store = StatsStore(db)
    store.add(make_record(answers=[("正座のしびれ", True)]))
    target = tmp_path / "visits.csv"
    store.export_csv(target)
    store.close()
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert "q:正座のしびれ".encode() in data
    lines = data[len(codecs.BOM_UTF8) :].split(b"\r\n")
    assert len(lines) == 3 and lines[-1] == b""  # header, one visit, and a final line end
    assert all(b"\n" not in line and b"\r" not in line for line in lines)


def test_csv_export_to_an_impossible_place_raises_and_leaves_nothing(db: Path, tmp_path: Path) -> None:
    """An export that cannot be written raises OSError (the staff screen reports it) and leaves no file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = StatsStore(db)
    store.add(make_record())
    with pytest.raises(OSError):  # noqa: PT011 (which OSError depends on the platform: any is the refusal)
        store.export_csv(blocker / "visits.csv")
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "not-a-folder"]


def test_an_empty_store_exports_just_the_header(tmp_path: Path) -> None:
    """With no visits the file holds the header row only, so staff still get a file Excel opens."""
    store = StatsStore(tmp_path / "stats.db")
    target = tmp_path / "visits.csv"
    assert store.export_csv(target) == 0
    store.close()
    assert target.read_bytes() == codecs.BOM_UTF8 + (",".join(header(())) + "\r\n").encode()


def test_the_layout_is_the_documented_one() -> None:
    """The header names the visit columns in the documented order, then q:<id> per question."""
    assert header(["seiza-numb"]) == [
        "day",
        "hour",
        "lesson",
        "language",
        "slides_seen",
        "slide_count",
        "finished_lesson",
        "started_quiz",
        "reached_result",
        "duration_min",
        "ended_by",
        "q:seiza-numb",
    ]
