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
import hashlib
import io
import marshal
import os
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Final, NamedTuple, TextIO

import kiosk.fleet.periods as periods
import kiosk.fleet.summary as summary
from kiosk.core.files import read_listed, spool
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

    def add(self, day_summary: DailySummary, period: tuple[date, str] | None = None) -> None:
        """`period`: (day, period) as a key shared by every kiosk (the merge keeps one per kiosk and period)."""
        groups = self.groups
        for key, group in day_summary.groups.items():
            mine = groups.get(key)
            if mine is None:
                mine = groups[key] = Group()
            mine.add(group)
        period = period or (day_summary.day, day_summary.period)
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


# One lesson and language of a summary: lesson, language, 8 counts, then (question, 2 counts)*
Row = tuple[str | int, ...]


class Counted(NamedTuple):
    """One summary counted, as the CSV needs it: its groups as plain rows, sorted by lesson and language."""

    kiosk: str
    day: date
    period: str
    groups: tuple[Row, ...]


_DAY_SHIFT: Final = 40  # a spooled summary's entry: its first day's ordinal above, its offset in the spool below
_OFFSET: Final = (1 << _DAY_SHIFT) - 1


class DayRows:
    """The counted summaries' rows for the CSV, written (marshal, its length first) to a private scratch file
    (kiosk.core.files.spool) as the merge read them, so memory stays flat (8 bytes a summary here); read back one
    at a time, by kiosk, then day."""

    def __init__(self, rows: IO[bytes], parts: list[tuple[str, array[int]]]) -> None:
        self._rows = rows
        self._parts = sorted(parts, key=lambda part: part[0])

    def __len__(self) -> int:
        return sum(len(entries) for _, entries in self._parts)

    def __iter__(self) -> Iterator[Counted]:
        rows = self._rows
        rows.flush()
        for name, entries in self._parts:
            for entry in sorted(entries):  # by day; a day's periods in the order they were read
                rows.seek(entry & _OFFSET)
                size = int.from_bytes(rows.read(4), "little")
                period, groups = marshal.loads(rows.read(size))  # noqa: S302 (written by _count, owner-only)
                yield Counted(name, date.fromordinal(entry >> _DAY_SHIFT), period, groups)


@dataclass
class Report:
    kiosks: dict[str, Totals] = field(default_factory=dict)
    everything: Totals = field(default_factory=Totals)
    # Only when merge(rows=True): the CSV's day rows, spooled to a scratch file (DayRows).
    summaries: list[Counted] | DayRows = field(default_factory=list)
    counted: int = 0  # summaries counted
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
    for top, name, _link in _listed(folders):
        yield Path(top + name)


def _listed(folders: Iterable[Path]) -> Iterator[tuple[str, str, bool]]:
    """summary_files as (its folder as text with the separator, its name, whether it is a symbolic link)."""
    for folder in folders:
        below = sorted(e.name for e in _entries(folder) if e.is_dir() and not e.name.startswith("."))
        for top in (folder, *(folder / name for name in below)):
            prefix = str(top / "x")[:-1]  # as str(top / name) spells it ("." gives "", "/" gives "/")
            # DirEntry answers is_file() from the listing itself: no stat per file (36,500 of them).
            found = [e for e in _entries(top) if e.name.startswith(PREFIX) and e.name.endswith(".json") and e.is_file()]
            for entry in sorted(found, key=lambda e: e.name):
                yield prefix, entry.name, entry.is_symlink()


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


@dataclass
class _Outbox:
    """One kiosk name in one folder while the merge runs: its running totals and what tells two folders apart."""

    kiosk: str
    folder: str
    prefix: str  # its files' paths are prefix + name
    totals: Totals = field(default_factory=Totals)  # its days are the periods counted (first file of each here)
    rows: array[int] = field(default_factory=lambda: array("q"))  # where its day rows are in the spool (DayRows)
    content: int = 0  # the sum of its counted files' digests: equal for two folders holding the same files
    renamed: dict[tuple[str, date], str] = field(default_factory=dict)  # counted from a file not named for it
    first: bool = True  # the first folder seen with this kiosk name


class _Pending(NamedTuple):
    """A file that is a duplicate (or is one if its folder turns out to hold the same files as another)."""

    path: str
    outbox: _Outbox
    period: str
    day: date
    label: str
    again: bool  # a second file of this period in its own folder: a duplicate whatever the names turn out


def merge(folders: Iterable[Path], today: date | None = None, rows: bool = True) -> Report:
    """Every sound summary under the folders; `today` is the hub's date (default: the hub's clock).

    rows: keep each summary's counts for write_csv (in a private scratch file; 8 bytes each in memory).
    """
    return merge_files(_listed(folders), today, rows)


def merge_files(files: Iterable[tuple[str, str, bool]], today: date | None = None, rows: bool = True) -> Report:
    """merge over (folder prefix, name, is a link) as _listed gives them, each file parsed, added up and dropped.

    Held while it runs: the totals, per kiosk and folder the periods counted (with a 16-byte digest sum to tell
    two folders apart), and a note per duplicate file; never a parsed summary or a file's bytes.
    """
    today = today or date.today()
    report = Report()
    outboxes: dict[tuple[str, str], _Outbox] = {}
    by_name: dict[str, list[_Outbox]] = {}
    pending: list[_Pending] = []
    # (period, day) -> its label, first and last day, file name, and key in Totals.days: one per period, not per file
    periods_seen: dict[tuple[str, date], tuple[str, date, date, str, tuple[date, str]]] = {}
    folders: dict[str, str] = {}  # prefix -> the folder as text, as the messages spell it
    strings: dict[str, str] = {}  # one copy of each lesson, language and question id
    spooled = spool() if rows else None  # the day rows, a marshal record per summary counted
    for prefix, name, link in files:
        path = prefix + name
        try:
            data = read_listed(path, MAX_SUMMARY_BYTES, link=link)  # quick for a listed file that is no link
            day_summary = summary.loads(data)
        except OSError as error:
            why = _("{path}: skipped: cannot be read ({why})").format(path=path, why=error.strerror or error)
            report.skipped.append(why)
            continue
        except SummaryError as error:
            report.skipped.append(_("{path}: skipped: {error}").format(path=path, error=error))
            continue
        period, day = day_summary.period, day_summary.day
        known = periods_seen.get((period, day))
        if known is None:
            first_day, last_day = periods.span(period, day)
            label = periods.label(period, day)
            own_name = f"{PREFIX}{label}.json"
            known = periods_seen[(period, day)] = (label, first_day, last_day, own_name, (day, period))
        label, first_day, last_day, own_name, key = known
        # a conflict copy keeps the name up to its first dot
        if not (name == own_name or name.startswith(own_name[:-4])) or day != first_day:
            message = _("{path}: skipped: holds {period} {name} under another name")
            report.skipped.append(message.format(path=path, period=period, name=label))
            continue
        if last_day >= today:
            message = _(
                "{path}: refused: {period} {name} has not ended by the hub's clock ({today});"
                " the clock of kiosk {kiosk} is probably ahead"
            ).format(path=path, period=period, name=label, today=today, kiosk=day_summary.kiosk)
            report.future.append(message)
            continue
        folder = folders.get(prefix)
        if folder is None:
            folder = folders[prefix] = prefix.rpartition(os.sep)[0]
        outbox = outboxes.get((day_summary.kiosk, folder))
        if outbox is None:
            outbox = outboxes[(day_summary.kiosk, folder)] = _Outbox(day_summary.kiosk, folder, prefix)
            same_name = by_name.setdefault(day_summary.kiosk, [])
            outbox.first = not same_name
            same_name.append(outbox)
        if key in outbox.totals.days:
            pending.append(_Pending(path, outbox, period, day, label, True))
            continue
        if not outbox.first:
            pending.append(_Pending(path, outbox, period, day, label, False))
        _count(outbox, day_summary, key, data, path, name != own_name, strings, spooled)
        del day_summary, data  # the summary is dropped here: only its sums stay
    _finish(report, list(outboxes.values()), by_name, pending, spooled)
    return report


_MOD: Final = 1 << 128


def _count(
    outbox: _Outbox,
    day_summary: DailySummary,
    key: tuple[date, str],
    data: bytes,
    path: str,
    renamed: bool,
    strings: dict[str, str],
    spooled: IO[bytes] | None,
) -> None:
    """A summary's counts added to its outbox's totals (and its rows to the spool), its file's digest to the
    outbox's."""
    outbox.totals.add(day_summary, key)
    outbox.content = (outbox.content + int.from_bytes(hashlib.blake2b(data, digest_size=16).digest())) % _MOD
    if renamed:  # a conflict copy counted: the original was damaged or missing
        outbox.renamed[(day_summary.period, day_summary.day)] = path
    if spooled is not None:
        # marshal: the rows are tuples of str and int, written and read back by this process only (the spool is
        # nameless and owner-only), and it is several times quicker than JSON both ways
        record = marshal.dumps((key[1], _rows(day_summary, strings)))
        outbox.rows.append(key[0].toordinal() << _DAY_SHIFT | spooled.tell())
        spooled.write(len(record).to_bytes(4, "little") + record)


def _rows(day_summary: DailySummary, strings: dict[str, str]) -> tuple[Row, ...]:
    """A summary's groups as the CSV's rows need them, sorted, each string kept once for the whole merge."""
    out: list[Row] = []
    for (lesson, language), group in sorted(day_summary.groups.items()):
        row: list[str | int] = [strings.setdefault(lesson, lesson), strings.setdefault(language, language)]
        row += [group.visits, group.finished_lesson, group.started_quiz, group.reached_result, *group.progress]
        for question, (answered, right) in group.questions.items():
            row += [strings.setdefault(question, question), answered, right]
        out.append(tuple(row))
    return tuple(out)


def _finish(
    report: Report,
    outboxes: list[_Outbox],
    by_name: dict[str, list[_Outbox]],
    pending: list[_Pending],
    spooled: IO[bytes] | None,
) -> None:
    """The names each kiosk is counted under, the duplicates' messages and the totals for all kiosks."""
    names: dict[int, str] = {}  # id(outbox) -> name
    counting: dict[int, _Outbox] = {}  # id(outbox) -> the outbox whose files count for it
    for kiosk, same_name in by_name.items():
        first = same_name[0]
        apart = len(same_name) > 1 and any(
            other.content != first.content or len(other.totals.days) != len(first.totals.days)
            for other in same_name[1:]
        )
        for outbox in same_name:
            names[id(outbox)] = f"{kiosk} ({outbox.folder})" if apart else kiosk
            counting[id(outbox)] = outbox if apart else first
        if apart:
            where = ", ".join(sorted(outbox.folder for outbox in same_name))
            report.collisions.append(
                _(
                    "kiosk name {kiosk} is used by {count} kiosks ({where}): each is counted apart;"
                    " give each kiosk its own kiosk_name"
                ).format(kiosk=kiosk, count=len(same_name), where=where)
            )
    for note in pending:
        counts = counting[id(note.outbox)]
        if not note.again and counts is note.outbox:  # a second folder of this name, counted apart
            continue
        other = counts.renamed.get((note.period, note.day)) or f"{counts.prefix}{PREFIX}{note.label}.json"
        what = f"{note.period} {note.label}"
        message = _("{path}: skipped: kiosk {kiosk} {what} is already counted from {other}")
        report.skipped.append(message.format(path=note.path, kiosk=names[id(note.outbox)], what=what, other=other))
    kept: list[tuple[str, array[int]]] = []
    for outbox in outboxes:  # in the order their first files came, as the kiosks were always listed
        if counting[id(outbox)] is outbox:
            name = names[id(outbox)]
            report.kiosks[name] = outbox.totals
            report.counted += len(outbox.totals.days)
            kept.append((name, outbox.rows))
    for totals in report.kiosks.values():  # all kiosks: a hundred additions, not one per file
        report.everything.add_totals(totals)
    if spooled is not None:
        report.summaries = DayRows(spooled, kept)


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
            summaries=report.counted,
            kiosks=len(report.kiosks),
            skipped=len(report.skipped),
            future=len(report.future),
            collisions=len(report.collisions),
        )
    )
    return "\n".join(lines)


def csv_report(report: Report) -> str:
    """write_csv's text (tests; the command writes the file as it goes)."""
    out = io.StringIO()
    write_csv(report, out)
    return out.getvalue()


def write_csv(report: Report, out: TextIO) -> None:
    """One row per kiosk, day, lesson and language (and a row per kiosk and for all kiosks in total), written
    as they come (the day rows are read back from the spool one summary at a time).

    The day rows are those merge kept (rows=True); the totals' questions are every summary's questions."""
    questions = sorted({q for totals in report.kiosks.values() for g in totals.groups.values() for q in g.questions})
    head = ["kiosk", "day", "period", "lesson", "language", "visits", "finished_lesson", "started_quiz"]
    head += ["reached_result"]
    head += [f"progress_{b}" for b in PROGRESS_BUCKETS]
    head += [f"{q}_{part}" for q in questions for part in ("answered", "right")]
    out.write("\ufeff")  # a BOM so that Excel reads UTF-8, as the kiosk's own export does
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)
    counts = 4 + len(PROGRESS_BUCKETS)
    for counted in report.summaries:
        start = counted.day.isoformat()
        for row in counted.groups:
            answers = {row[i]: row[i + 1 : i + 3] for i in range(2 + counts, len(row), 3)}
            cells = [counted.kiosk, start, counted.period, *row[: 2 + counts]]
            for question in questions:
                cells += answers.get(question, (0, 0))
            writer.writerow(cells)
    for name, totals in [*sorted(report.kiosks.items()), (ALL, report.everything)]:
        for (lesson, language), group in sorted(totals.groups.items()):
            cells = [name, "total", "", lesson, language, group.visits, group.finished_lesson, group.started_quiz]
            cells += [group.reached_result, *group.progress]
            for question in questions:
                cells += group.questions.get(question, [0, 0])
            writer.writerow(cells)
