"""`kiosk stats merge`: the outboxes of many kiosks read into one report, per kiosk and all together.

A file that is damaged, half-synced, from a newer kiosk or a second copy of a period already counted is
skipped with a message naming it; a period is counted once per kiosk, whichever file it came from. A
summary of a period that has not ended by the hub's clock (a kiosk whose clock is ahead) is refused and
reported. Two outbox folders under one kiosk name with different summaries are two kiosks: both are
counted, each under its name and folder, and the collision is reported (an outbox synced twice, with the
same files, is counted once).
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

import kiosk.fleet.periods as periods
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
    days: dict[tuple[date, str], int] = field(default_factory=dict)  # visits per period (its first day, its kind)

    def add(self, day_summary: DailySummary) -> None:
        for key, group in day_summary.groups.items():
            self.groups.setdefault(key, Group()).add(group)
        period = (day_summary.day, day_summary.period)
        self.days[period] = self.days.get(period, 0) + day_summary.visits

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
    future: list[str] = field(default_factory=list)  # summaries of periods not yet ended by the hub's clock
    collisions: list[str] = field(default_factory=list)  # kiosk names used by two kiosks

    @property
    def trouble(self) -> bool:
        """What an operator must act on: a kiosk's clock ahead, or two kiosks with one name."""
        return bool(self.future or self.collisions)


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


def merge(folders: Iterable[Path], today: date | None = None) -> Report:
    """Every sound summary under the folders; `today` is the hub's date (default: the hub's clock)."""
    today = today or date.today()
    report = Report()
    found: list[tuple[Path, str, DailySummary, bytes]] = []  # (file, its folder as text: no Path made per file)
    for path in summary_files(folders):
        try:
            data = read_file(path, MAX_SUMMARY_BYTES)
            day_summary = summary.loads(data)
        except OSError as error:
            why = _("{path}: skipped: cannot be read ({why})").format(path=path, why=error.strerror or error)
            report.skipped.append(why)
            continue
        except SummaryError as error:
            report.skipped.append(_("{path}: skipped: {error}").format(path=path, error=error))
            continue
        name = periods.label(day_summary.period, day_summary.day)
        if (
            not path.name.startswith(f"{PREFIX}{name}.")
            or day_summary.day != periods.span(day_summary.period, day_summary.day)[0]
        ):  # conflict copies keep the name up to its first dot
            message = _("{path}: skipped: holds {period} {name} under another name")
            report.skipped.append(message.format(path=path, period=day_summary.period, name=name))
            continue
        last = periods.span(day_summary.period, day_summary.day)[1]
        if last >= today:
            message = _(
                "{path}: refused: {period} {name} has not ended by the hub's clock ({today});"
                " the clock of kiosk {kiosk} is probably ahead"
            ).format(path=path, period=day_summary.period, name=name, today=today, kiosk=day_summary.kiosk)
            report.future.append(message)
            continue
        found.append((path, str(path).rpartition(os.sep)[0], day_summary, data))
    names = _names(found, report)
    counted: dict[tuple[str, str, date], Path] = {}
    for path, folder, day_summary, _data in found:
        kiosk = names[(day_summary.kiosk, folder)]
        key = (kiosk, day_summary.period, day_summary.day)
        if key in counted:
            what = f"{day_summary.period} {periods.label(day_summary.period, day_summary.day)}"
            message = _("{path}: skipped: kiosk {kiosk} {what} is already counted from {other}")
            report.skipped.append(message.format(path=path, kiosk=kiosk, what=what, other=counted[key]))
            continue
        counted[key] = path
        if kiosk != day_summary.kiosk:
            day_summary = DailySummary(kiosk, day_summary.day, day_summary.groups, day_summary.period)
        report.summaries.append(day_summary)
        report.kiosks.setdefault(kiosk, Totals()).add(day_summary)
    for totals in report.kiosks.values():  # all kiosks: a hundred additions, not one per file
        report.everything.add_totals(totals)
    return report


def _names(found: list[tuple[Path, str, DailySummary, bytes]], report: Report) -> dict[tuple[str, str], str]:
    """The name each (kiosk, folder) is counted under: its own, or "name (folder)" when two kiosks share it."""
    files: dict[str, dict[str, dict[tuple[str, date], bytes]]] = {}
    for _path, folder, day_summary, data in found:
        in_folder = files.setdefault(day_summary.kiosk, {}).setdefault(folder, {})
        in_folder.setdefault((day_summary.period, day_summary.day), data)
    names: dict[tuple[str, str], str] = {}
    for kiosk, by_folder in files.items():
        contents = list(by_folder.values())
        apart = len(by_folder) > 1 and any(other != contents[0] for other in contents[1:])
        for folder in by_folder:
            names[(kiosk, folder)] = f"{kiosk} ({folder})" if apart else kiosk
        if apart:
            where = ", ".join(str(folder) for folder in sorted(by_folder))
            report.collisions.append(
                _(
                    "kiosk name {kiosk} is used by {count} kiosks ({where}): each is counted apart;"
                    " give each kiosk its own kiosk_name"
                ).format(kiosk=kiosk, count=len(by_folder), where=where)
            )
    return names


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def text_report(report: Report) -> str:
    """The statistics screen's figures as text: per kiosk, then all kiosks together."""
    lines: list[str] = []
    for name, totals in [*sorted(report.kiosks.items()), (ALL, report.everything)]:
        total = totals.total
        starts = [start for start, _kind in totals.days]
        span = _(" ({first} to {last})").format(first=min(starts), last=max(starts)) if starts else ""
        lines.append(
            _("{name}: {visits} visits in {count} summaries{span}").format(
                name=_(ALL) if name == ALL else name, visits=total.visits, count=len(totals.days), span=span
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
    lines.extend(report.future)
    lines.extend(f"COLLISION: {line}" for line in report.collisions)
    lines.append(
        _(
            "{summaries} summaries from {kiosks} kiosks, {skipped} skipped, {future} dated in the future, "
            "{collisions} name collisions"
        ).format(
            summaries=len(report.summaries),
            kiosks=len(report.kiosks),
            skipped=len(report.skipped),
            future=len(report.future),
            collisions=len(report.collisions),
        )
    )
    return "\n".join(lines)


def csv_report(report: Report) -> str:
    """One row per kiosk, day, lesson and language (and a row per kiosk and for all kiosks in total)."""
    questions = sorted({q for s in report.summaries for g in s.groups.values() for q in g.questions})
    head = ["kiosk", "day", "period", "lesson", "language", "visits", "finished_lesson", "started_quiz"]
    head += ["reached_result"]
    head += [f"progress_{b}" for b in PROGRESS_BUCKETS]
    head += [f"{q}_{part}" for q in questions for part in ("answered", "right")]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)

    def row(kiosk: str, day: str, period: str, lesson: str, language: str, group: Group) -> list[object]:
        cells: list[object] = [kiosk, day, period, lesson, language, group.visits, group.finished_lesson]
        cells += [group.started_quiz, group.reached_result, *group.progress]
        for question in questions:
            cells += group.questions.get(question, [0, 0])
        return cells

    for day_summary in sorted(report.summaries, key=lambda s: (s.kiosk, s.day)):
        for (lesson, language), group in sorted(day_summary.groups.items()):
            start = day_summary.day.isoformat()
            writer.writerow(row(day_summary.kiosk, start, day_summary.period, lesson, language, group))
    for name, totals in [*sorted(report.kiosks.items()), (ALL, report.everything)]:
        for (lesson, language), group in sorted(totals.groups.items()):
            writer.writerow(row(name, "total", "", lesson, language, group))
    return "\ufeff" + out.getvalue()  # a BOM so that Excel reads UTF-8, as the kiosk's own export does
