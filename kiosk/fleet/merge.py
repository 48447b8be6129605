"""`kiosk stats merge`: the outboxes of many kiosks read into one report, per kiosk and all together.

A file that is damaged, half-synced, from a newer kiosk or a second copy of a day already counted is
skipped with a message naming it; a day is counted once per kiosk, whichever file it came from.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

import kiosk.fleet.summary as summary
from kiosk.core.files import read_file
from kiosk.core.i18n import N_, _
from kiosk.fleet.summary import PROGRESS_BUCKETS, DailySummary, Group, SummaryError

PREFIX: Final = "summary-"
ALL: Final = N_("(all kiosks)")
MAX_SUMMARY_BYTES: Final = 1024 * 1024  # a day's summary is a few kilobytes


@dataclass
class Totals:
    """The sums over many days for one kiosk (or all), split by lesson and language."""

    groups: dict[tuple[str, str], Group] = field(default_factory=dict)
    days: dict[date, int] = field(default_factory=dict)  # visits per day

    def add(self, day_summary: DailySummary) -> None:
        for key, group in day_summary.groups.items():
            self.groups.setdefault(key, Group()).add(group)
        self.days[day_summary.day] = self.days.get(day_summary.day, 0) + day_summary.visits

    def add_totals(self, other: Totals) -> None:
        for key, group in other.groups.items():
            self.groups.setdefault(key, Group()).add(group)
        for day, visits in other.days.items():
            self.days[day] = self.days.get(day, 0) + visits

    @property
    def total(self) -> Group:
        everything = Group()
        for group in self.groups.values():
            everything.add(group)
        return everything


@dataclass
class Report:
    kiosks: dict[str, Totals] = field(default_factory=dict)
    everything: Totals = field(default_factory=Totals)
    summaries: list[DailySummary] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one message per file not counted


def summary_files(folders: Iterable[Path]) -> Iterator[Path]:
    """Every summary file in the folders given and one level below (a hub keeps one outbox per kiosk).

    Names that are not ours (Syncthing's `.syncthing.*.tmp` while a file arrives, editors' files) are
    never read; a conflict copy (`summary-….sync-conflict-….json`) is read and caught as a duplicate.
    """
    for folder in folders:
        below = sorted(e.name for e in _entries(folder) if e.is_dir() and not e.name.startswith("."))
        for top in (folder, *(folder / name for name in below)):
            # DirEntry answers is_file() from the listing itself: no stat per file (36,500 of them).
            names = sorted(
                e.name for e in _entries(top) if e.name.startswith(PREFIX) and e.name.endswith(".json") and e.is_file()
            )
            yield from (top / name for name in names)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def merge(folders: Iterable[Path]) -> Report:
    report = Report()
    counted: dict[tuple[str, date], Path] = {}
    for path in summary_files(folders):
        try:
            data = read_file(path, MAX_SUMMARY_BYTES)
            day_summary = summary.loads(data)
        except OSError as error:
            report.skipped.append(f"{path}: skipped: cannot be read ({error.strerror or error})")
            continue
        except SummaryError as error:
            report.skipped.append(f"{path}: skipped: {error}")
            continue
        if not path.name.startswith(f"{PREFIX}{day_summary.day.isoformat()}"):  # conflict copies keep the day
            report.skipped.append(f"{path}: skipped: holds day {day_summary.day} under another day's name")
            continue
        key = (day_summary.kiosk, day_summary.day)
        if key in counted:
            report.skipped.append(
                f"{path}: skipped: kiosk {key[0]} day {key[1]} is already counted from {counted[key]}"
            )
            continue
        counted[key] = path
        report.summaries.append(day_summary)
        report.kiosks.setdefault(day_summary.kiosk, Totals()).add(day_summary)
    for totals in report.kiosks.values():  # all kiosks: a hundred additions, not one per file
        report.everything.add_totals(totals)
    return report


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def text_report(report: Report) -> str:
    """The statistics screen's figures as text: per kiosk, then all kiosks together."""
    lines: list[str] = []
    for name, totals in [*sorted(report.kiosks.items()), (ALL, report.everything)]:
        total = totals.total
        span = _(" ({first} to {last})").format(first=min(totals.days), last=max(totals.days)) if totals.days else ""
        lines.append(
            _("{name}: {visits} visits on {days} days{span}").format(
                name=_(ALL) if name == ALL else name, visits=total.visits, days=len(totals.days), span=span
            )
        )
        for (lesson, language), group in sorted(totals.groups.items()):
            lines.append(
                _(
                    "  {lesson} / {language}: {visits} visits, finished the lesson {finished}, took the quiz {quiz}"
                ).format(
                    lesson=lesson or "-",
                    language=language,
                    visits=group.visits,
                    finished=_share(group.finished_lesson, group.visits),
                    quiz=_share(group.started_quiz, group.visits),
                )
            )
            for question, (answered, right) in sorted(group.questions.items()):
                lines.append(
                    _("    {question}: right at the first answer {share} of {answered}").format(
                        question=question, share=_share(right, answered), answered=answered
                    )
                )
    lines.extend(report.skipped)
    lines.append(
        _("{summaries} summaries from {kiosks} kiosks, {skipped} skipped").format(
            summaries=len(report.summaries), kiosks=len(report.kiosks), skipped=len(report.skipped)
        )
    )
    return "\n".join(lines)


def csv_report(report: Report) -> str:
    """One row per kiosk, day, lesson and language (and a row per kiosk and for all kiosks in total)."""
    questions = sorted({q for s in report.summaries for g in s.groups.values() for q in g.questions})
    head = ["kiosk", "day", "lesson", "language", "visits", "finished_lesson", "started_quiz", "reached_result"]
    head += [f"progress_{b}" for b in PROGRESS_BUCKETS]
    head += [f"{q}_{part}" for q in questions for part in ("answered", "right")]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)

    def row(kiosk: str, day: str, lesson: str, language: str, group: Group) -> list[object]:
        cells: list[object] = [kiosk, day, lesson, language, group.visits, group.finished_lesson]
        cells += [group.started_quiz, group.reached_result, *group.progress]
        for question in questions:
            cells += group.questions.get(question, [0, 0])
        return cells

    for day_summary in sorted(report.summaries, key=lambda s: (s.kiosk, s.day)):
        for (lesson, language), group in sorted(day_summary.groups.items()):
            writer.writerow(row(day_summary.kiosk, day_summary.day.isoformat(), lesson, language, group))
    for name, totals in [*sorted(report.kiosks.items()), (ALL, report.everything)]:
        for (lesson, language), group in sorted(totals.groups.items()):
            writer.writerow(row(name, "total", lesson, language, group))
    return "\ufeff" + out.getvalue()  # a BOM so that Excel reads UTF-8, as the kiosk's own export does
