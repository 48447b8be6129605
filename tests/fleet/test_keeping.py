"""The chain never loses its statistics, and no summary that leaves a kiosk describes fewer than 5 visits."""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.fleet import summary
from kiosk.fleet.merge import merge, text_report
from kiosk.fleet.outbox import Outbox
from kiosk.fleet.periods import MIN_VISITS, span
from kiosk.stats.store import StatsStore
from tests.stats.samples import left_early, make_record

START = date(2026, 9, 1)


def visits_in(store_path: Path, plan: dict[date, list[str]]) -> None:
    """Visits on each day, one per language given (ja, en)."""
    with StatsStore(store_path) as store:
        for day, languages in plan.items():
            for language in languages:
                assert store.add(make_record(day=day, language=language))


def written(box: Path) -> list[summary.DailySummary]:
    return [summary.loads(path.read_bytes()) for path in sorted(box.glob("summary-*.json"))]


def test_no_summary_that_leaves_a_kiosk_describes_fewer_than_the_minimum(tmp_path: Path) -> None:
    """Three months of sparse random visits, the outbox written every day: every group of every file has at least
    MIN_VISITS visits, no visit is counted twice, and what is held back is only what no period could gather."""
    rng = random.Random(29)
    plan: dict[date, list[str]] = {}
    for offset in range(92):
        day = START + timedelta(days=offset)
        plan[day] = [rng.choice(["ja", "ja", "en"]) for _ in range(rng.choice([0, 0, 1, 2, 3, 7]))]
    store = tmp_path / "visits.sqlite3"
    visits_in(store, plan)
    box = tmp_path / "outbox"
    outbox = Outbox(box, "k1", store)
    for offset in range(1, 100, 3):  # the kiosk writes its outbox every few days (each write reads two months)
        outbox.write_summaries(START + timedelta(days=offset))
    files = written(box)
    assert files and {made.period for made in files} == {"day", "week", "month"}
    for made in files:
        for key, group in made.groups.items():
            assert group.visits >= MIN_VISITS, f"{made.period} {made.day} {key}: {group.visits} visits"
    sent = sum(made.visits for made in files)
    total = sum(len(languages) for languages in plan.values())
    by_language = {lang: sum(v.count(lang) for v in plan.values()) for lang in ("ja", "en")}
    assert sent <= total
    for language, count in by_language.items():  # per month, a group of fewer than MIN_VISITS may be held back
        held = count - sum(g.visits for made in files for (_, lang), g in made.groups.items() if lang == language)
        assert 0 <= held < MIN_VISITS * 3, (language, held)
    for made in files:  # each file covers an ended period, under its own name
        assert span(made.period, made.day)[1] < START + timedelta(days=99)


def test_small_groups_wait_for_their_week_then_their_month(tmp_path: Path) -> None:
    """Six visits in a day leave as that day; three plus three in a week as the week; one a week as the month;
    a month with fewer than five never leaves."""
    store = tmp_path / "visits.sqlite3"
    plan = {date(2026, 9, 2): ["ja"] * 6, date(2026, 9, 9): ["ja"] * 3, date(2026, 9, 10): ["ja"] * 3}
    plan |= {date(2026, 9, day): ["en"] for day in (1, 8, 15, 22, 29)}
    plan |= {date(2026, 9, 3): ["ja"] * 2}  # two alone in week 1: the month gathers only 2 ja: held back
    visits_in(store, plan)
    box = tmp_path / "outbox"
    Outbox(box, "k1", store).write_summaries(date(2026, 10, 2))
    found = {(made.period, made.day): made for made in written(box)}
    assert {key: {k[1]: g.visits for k, g in made.groups.items()} for key, made in found.items()} == {
        ("day", date(2026, 9, 2)): {"ja": 6},
        ("week", date(2026, 9, 8)): {"ja": 6},
        ("month", date(2026, 9, 1)): {"en": 5},
    }
    assert sorted(p.name for p in box.iterdir()) == [
        "summary-2026-09-02.json",
        "summary-2026-09-w2.json",
        "summary-2026-09.json",
    ]


@pytest.mark.allow_warnings
def test_a_damaged_store_never_turns_summaries_empty(tmp_path: Path) -> None:
    """The statistics file damaged after its summaries were sent: nothing is rewritten, the staff are told."""
    store = tmp_path / "visits.sqlite3"
    visits_in(store, {date(2026, 9, 2): ["ja"] * 6})
    box = tmp_path / "outbox"
    Outbox(box, "k1", store).write_summaries(date(2026, 9, 3))
    before = {p.name: p.read_bytes() for p in box.iterdir()}
    assert before
    store.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    outbox = Outbox(box, "k1", store)
    assert outbox.write_summaries(date(2026, 9, 4)) == 0
    assert {p.name: p.read_bytes() for p in box.iterdir()} == before
    assert any("No summaries written" in note for note in outbox.notes)


def test_a_store_started_afresh_never_rewrites_a_summary_with_less(tmp_path: Path) -> None:
    """Visits lost on the kiosk (a store set aside): the day already sent keeps its count; more visits may add."""
    store = tmp_path / "visits.sqlite3"
    visits_in(store, {date(2026, 9, 2): ["ja"] * 6})
    box = tmp_path / "outbox"
    Outbox(box, "k1", store).write_summaries(date(2026, 9, 3))
    store.unlink()
    visits_in(store, {date(2026, 9, 2): ["ja"] * 5})
    Outbox(box, "k1", store).write_summaries(date(2026, 9, 4))
    assert [made.visits for made in written(box)] == [6]
    with StatsStore(store) as more:
        for _ in range(2):
            assert more.add(left_early(day=date(2026, 9, 2)))
    Outbox(box, "k1", store).write_summaries(date(2026, 9, 5))
    assert [made.visits for made in written(box)] == [7]


def test_the_hub_keeps_every_day_through_a_clock_ahead_and_two_kiosks_with_one_name(tmp_path: Path) -> None:
    """A kiosk whose clock runs 13 months ahead keeps its old summaries and its future ones are refused; two
    kiosks named alike are both counted, apart, and reported."""
    hub = tmp_path / "hub"
    for name, count in (("meguro-1", 6), ("shibuya-1", 7)):
        store = tmp_path / f"{name}.sqlite3"
        visits_in(store, {date(2026, 9, 2): ["ja"] * count})
        Outbox(hub / name, "clinic-1", store).write_summaries(date(2026, 9, 3))  # both named clinic-1
    ahead = tmp_path / "ahead.sqlite3"
    visits_in(ahead, {date(2026, 9, 2): ["ja"] * 5, date(2027, 10, 2): ["ja"] * 5})
    Outbox(hub / "ahead", "ahead-1", ahead).write_summaries(date(2026, 9, 3))
    Outbox(hub / "ahead", "ahead-1", ahead).write_summaries(date(2027, 10, 3))  # its clock jumps
    report = merge([hub], today=date(2026, 9, 10))
    assert report.everything.total.visits == 6 + 7 + 5
    assert any("ahead-1" in line and "2027-10-02" in line and "has not ended" in line for line in report.future)
    assert len(report.collisions) == 1 and "clinic-1" in report.collisions[0]
    assert sorted(report.kiosks) == ["ahead-1", f"clinic-1 ({hub / 'meguro-1'})", f"clinic-1 ({hub / 'shibuya-1'})"]
    assert report.trouble and "COLLISION" in text_report(report)
    shutil.copytree(hub / "meguro-1", hub / "meguro-1-again")  # an outbox synced twice: counted once
    again = merge([hub / "meguro-1", hub / "meguro-1-again"], today=date(2026, 9, 10))
    assert again.everything.total.visits == 6 and not again.collisions
