"""The statistics file: add visits, read the summaries the staff screen shows, export CSV.

A kiosk must keep running whatever happens to this file. So a damaged file is moved aside and a new one
started; a file that cannot be opened turns recording off instead of raising, and `notes` says so in words
staff can pass on (the same text is logged at WARNING). A write that fails (a busy file, a full disk) raises
nothing either: `write` answers LATER and the caller keeps the visit to try again (kiosk.stats.background).

A store's connection belongs to the thread that opened it (sqlite3's rule): the kiosk reads and writes only
through `BackgroundRecorder`'s one connection, so nothing in the kiosk waits for a lock of its own making;
the command line opens its own short-lived reader.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Final

import kiosk.stats.export as export
from kiosk.core.files import FileRefusedError, private_folder, private_opener, read_head
from kiosk.core.i18n import _
from kiosk.stats.record import VisitRecord
from kiosk.stats.schema import NewerSchemaError, connect, migrate, transaction

log = logging.getLogger("kiosk.stats")

_SQLITE_HEADER: Final = b"SQLite format 3\x00"
_DAMAGE_CODES: Final = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
# Questions in quiz order; the id breaks ties so the order never depends on storage order.
_QUESTION_ORDER: Final = "GROUP BY a.question_id ORDER BY MIN(a.position), a.question_id"


WRITER_WAIT_S: Final = 5.0
READER_WAIT_S: Final = 30.0
_WARNED: set[str] = set()  # notes already logged at WARNING in this run


class _DamagedError(Exception):
    """The file exists but is not a sound statistics database."""


class WriteResult(Enum):
    WRITTEN = "written"
    REFUSED = "refused"  # the record itself cannot be stored (a bug), or recording is off for good
    LATER = "later"  # the file is busy, full or unwritable now: keep the visit and try again


@dataclass(frozen=True)
class QuestionSummary:
    question_id: str
    answered: int  # visits that answered it
    right_share: float  # of those, the share whose first answer was right (0.0-1.0)


@dataclass(frozen=True)
class Summary:
    """Visits since a day, and how far they got; shares are 0.0-1.0 (0.0 when there were no visits)."""

    since: date
    visits: int
    finished_lesson_share: float
    started_quiz_share: float
    reached_result_share: float
    questions: tuple[QuestionSummary, ...]  # in quiz order


class StatsStore:
    """One connection to the statistics file, opened (and if need be repaired) on creation.

    repair=False is for readers next to a running writer: they report damage but never move the file.
    """

    def __init__(self, path: Path | str, *, repair: bool = True, clock: Callable[[], datetime] = datetime.now) -> None:
        self.path = Path(path)
        self.notes: list[str] = []  # for staff: what went wrong with statistics, in plain words
        self.available = False  # True while visits are being recorded
        self.retryable = False  # not available for a reason that may pass (a busy, full or missing folder)
        self.fault: str | None = None  # why the last write had to wait, if it did
        self.damaged = False  # the file went bad while open: reopen (with repair) to set it aside
        self.rebuild_owed = False  # a VACUUM after a write could not run yet
        self._written_day: date | None = None  # the day of the last visit written: the file's times say only that
        self._repair = repair
        self._clock = clock
        self._conn: sqlite3.Connection | None = None
        self._open()

    # -- opening ------------------------------------------------------------------------------------
    def _open(self) -> None:
        try:
            private_folder(self.path.parent)
            # Created owner-only before SQLite opens it; its rollback journal takes the same mode.
            with contextlib.suppress(FileRefusedError):  # not a regular file: the header check sets it aside
                os.close(private_opener(str(self.path), os.O_RDWR | os.O_CREAT))
            try:
                self._conn = self._connect_checked()
            except _DamagedError as damage:
                if not self._repair:
                    self._disable(
                        _(
                            "The statistics file {name} is damaged ({damage}); it will be set aside when the kiosk"
                            " restarts."
                        ).format(name=self.path.name, damage=damage)
                    )
                    return
                self._set_aside(str(damage))
                self._conn = self._connect_checked()
            self.available = True
        except NewerSchemaError as exc:
            self._disable(
                _(
                    "The statistics file {path} comes from a newer kiosk version ({error});"
                    " statistics are not recorded."
                ).format(path=self.path, error=exc)
            )
        except (sqlite3.Error, OSError, _DamagedError) as exc:
            self.retryable = not isinstance(exc, _DamagedError)
            self.fault = _("cannot be opened: {error}").format(error=exc)
            if _is_busy(exc):  # another process holds the file for a moment: load, not a fault to report
                self.available = False
                log.info("statistics file %s is busy (%s); opening it again later", self.path, exc)
                return
            message = _("Statistics are not being recorded: {path} cannot be opened ({error}).")
            self._disable(message.format(path=self.path, error=exc))

    def _connect_checked(self) -> sqlite3.Connection:
        """Connect, check the file and bring its schema up to date; _DamagedError when the file is unsound."""
        _check_header(self.path)
        try:
            # A reader waits out the writer's short exclusive moments (a commit, a rebuild); the writer itself
            # gives up sooner and keeps the visit to try again, so it never holds up the queue behind it.
            conn = connect(self.path, timeout=WRITER_WAIT_S if self._repair else READER_WAIT_S)
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                raise _DamagedError(str(exc)) from exc
            raise
        try:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise _DamagedError("; ".join(problems[:3]))
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _is_damage(exc):
                raise _DamagedError(str(exc)) from exc
            raise
        except BaseException:
            conn.close()
            raise
        return conn

    def _set_aside(self, problem: str) -> None:
        """Rename the file (and its -wal/-shm) to <name>.damaged-YYYYMMDD-HHMMSS so a fresh one can start."""
        stem = f"{self.path.name}.damaged-{self._clock().strftime('%Y%m%d-%H%M%S')}"
        target, number = self.path.with_name(stem), 2
        while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm", "-journal")):  # twice in one second
            target, number = self.path.with_name(f"{stem}-{number}"), number + 1
        # The journal files go first: a stale -wal or -journal next to a new file could be replayed into it.
        for suffix in ("-wal", "-shm", "-journal", ""):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                os.replace(source, Path(f"{target}{suffix}"))
        self._note(
            _(
                "The statistics file was damaged ({problem}). It was moved aside as {name} and a new, empty one was"
                " started."
            ).format(problem=problem, name=target.name)
        )

    # -- writing -------------------------------------------------------------------------------------
    def add(self, record: VisitRecord) -> bool:
        """Write one visit and rebuild the file; True when written. Never raises on faults (see `write`)."""
        written = self.write(record) is WriteResult.WRITTEN
        if written:
            self.rebuild()
        return written

    def write(self, record: VisitRecord) -> WriteResult:
        """Write one visit and its answers in one transaction, whole or not at all; never raises on faults.

        LATER (with `fault` saying why) when the file is busy, full or unwritable: nothing of the visit is
        in the file and the store stays usable, so the same record can be written again later. A written
        visit leaves `rebuild_owed` set: call `rebuild` once after the visits at hand are written.
        """
        if not self.available or self._conn is None:
            return WriteResult.LATER if self.retryable else WriteResult.REFUSED
        # A random key, not a counter: nothing in the file says which visit came before which.
        key = secrets.token_bytes(16)
        try:
            with transaction(self._conn):
                _insert_visit(self._conn, key, record)
                _insert_answers(self._conn, key, record)
        except sqlite3.IntegrityError as exc:  # a record the schema refuses: a bug, not a fault of the disk
            log.warning("a visit was not recorded: the statistics file refused it (%s)", exc)
            return WriteResult.REFUSED
        except (sqlite3.Error, OSError) as exc:
            self.fault = str(exc)
            self.damaged = isinstance(exc, sqlite3.DatabaseError) and _is_damage(exc)
            return WriteResult.LATER
        self.fault = None
        self.rebuild_owed = True
        self._written_day = record.day
        self._date_to_day(record.day)
        return WriteResult.WRITTEN

    def _date_to_day(self, day: date) -> None:
        """Set the file's and its folder's times to the day's start: the last write's time would date the last visit
        (to the nanosecond). The change time (ctime) cannot be set by a program; it is the one time left."""
        start = datetime(day.year, day.month, day.day).timestamp()
        for path in (self.path, self.path.parent):
            try:
                os.utime(path, (start, start))
            except OSError as exc:
                log.info("statistics file times not set to the day (%s)", exc)

    def reset_times(self) -> None:
        """Set the file's and its folder's times again to what they are: only their change time moves, to now.

        Called on a clock tick, visits or not (kiosk.stats.background), so the change time tells the tick."""
        for path in (self.path, self.path.parent):
            try:
                info = os.stat(path)
                os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
            except OSError as exc:
                log.info("statistics file times not set again (%s)", exc)

    def rebuild(self) -> bool:
        """Rewrite the file in key order, so where a row sits in a page says nothing of when it was added.

        SQLite fills a page from its end in the order rows arrive; VACUUM copies the tables in key order,
        and the keys are random. It needs room for a second copy and a moment alone with the file: when it
        cannot run, `rebuild_owed` stays set and the caller tries again (the visit itself is kept).
        """
        if self._conn is None:
            return False
        try:
            self._conn.execute("VACUUM")
        except sqlite3.Error as exc:
            self.rebuild_owed = True
            log.info("statistics file not rebuilt after a visit (%s); trying again later", exc)
            return False
        self.rebuild_owed = False
        if self._written_day is not None:  # VACUUM wrote the file again: date it to the day once more
            self._date_to_day(self._written_day)
        return True

    def _disable(self, message: str) -> None:
        """Stop recording; the connection stays open (if there is one) so staff can still read and export."""
        self.available = False
        self._note(message)

    def _note(self, message: str) -> None:
        self.notes.append(message)
        # Once a run at WARNING: a writer that opens the file again every half minute must not fill the log.
        log.log(logging.INFO if message in _WARNED else logging.WARNING, "%s", message)
        _WARNED.add(message)

    def close(self) -> None:
        """Close the connection; the store records nothing afterwards."""
        self.available = False
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    def __enter__(self) -> StatsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------------
    def visits_per_day(self, days: int, today: date, lesson: str | None = None) -> list[tuple[date, int]]:
        """Visits (of one lesson, when given) on each of the last `days` days up to today, oldest first,
        days without visits as 0."""
        if days < 0:
            raise ValueError(f"days must not be negative, not {days}")
        first = today - timedelta(days=days - 1)
        parameters: tuple[str, ...] = (first.isoformat(), today.isoformat())
        where = "" if lesson is None else "AND lesson = ?"
        rows = self._read(
            f"SELECT day, COUNT(*) FROM visit WHERE day BETWEEN ? AND ? {where} GROUP BY day",
            parameters if lesson is None else (*parameters, lesson),
        )
        counts = {day: count for day, count in rows}
        return [
            (first + timedelta(days=i), counts.get((first + timedelta(days=i)).isoformat(), 0)) for i in range(days)
        ]

    def summary(self, since: date, lesson: str | None = None) -> Summary:
        """How many visits there were since that day (inclusive), how far they got, which questions they miss;
        of one lesson only when `lesson` is given."""
        parameters: tuple[str, ...] = (since.isoformat(),) if lesson is None else (since.isoformat(), lesson)
        where = "" if lesson is None else "AND v.lesson = ?"
        totals = self._read(
            "SELECT COUNT(*), TOTAL(finished_lesson), TOTAL(started_quiz), TOTAL(reached_result) "
            f"FROM visit v WHERE v.day >= ? {where}",
            parameters,
        )
        visits, finished, started, reached = totals[0] if totals else (0, 0.0, 0.0, 0.0)
        rows = self._read(
            "SELECT a.question_id, COUNT(*), TOTAL(a.first_right) FROM answer a JOIN visit v USING (visit_key) "
            f"WHERE v.day >= ? {where} {_QUESTION_ORDER}",
            parameters,
        )
        return Summary(
            since=since,
            visits=visits,
            finished_lesson_share=_share(finished, visits),
            started_quiz_share=_share(started, visits),
            reached_result_share=_share(reached, visits),
            questions=tuple(QuestionSummary(qid, answered, _share(right, answered)) for qid, answered, right in rows),
        )

    def lessons_since(self, since: date) -> list[str]:
        """The lesson ids visits were of since that day, most visited first ('' for visits before lessons had ids)."""
        rows = self._read(
            "SELECT lesson FROM visit WHERE day >= ? GROUP BY lesson ORDER BY COUNT(*) DESC, lesson",
            (since.isoformat(),),
        )
        return [row[0] for row in rows]

    def day_visits(self, day: date) -> list[tuple[tuple[object, ...], tuple[tuple[str, bool], ...]]]:
        """Every visit of one day as (language, slides_seen, slide_count, finished_lesson, started_quiz,
        reached_result, lesson) with its (question id, first answer right) pairs, in no meaningful order.

        For the daily summary a kiosk sends to its clinic chain (kiosk.fleet.summary), which adds them up.
        """
        answers: dict[bytes, list[tuple[str, bool]]] = {}
        for key, question_id, right in self._read(
            "SELECT a.visit_key, a.question_id, a.first_right FROM answer a JOIN visit v USING (visit_key) "
            "WHERE v.day = ? ORDER BY a.position",
            (day.isoformat(),),
        ):
            answers.setdefault(key, []).append((question_id, bool(right)))
        rows = self._read(
            "SELECT visit_key, language, slides_seen, slide_count, finished_lesson, started_quiz, reached_result, "
            "lesson FROM visit WHERE day = ?",
            (day.isoformat(),),
        )
        return [(tuple(row[1:]), tuple(answers.get(row[0], ()))) for row in rows]

    def _read(self, sql: str, parameters: tuple[object, ...]) -> list[tuple[Any, ...]]:
        """Rows of a query; none when there is no file to read (the notes already say why)."""
        if self._conn is None:
            return []
        try:
            return self._conn.execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            self._note(_("The statistics could not be read from {path} ({error}).").format(path=self.path, error=exc))
            return []

    def export_csv(self, path: Path | str) -> int:
        """Write every visit to a CSV file (layout in kiosk.stats.export); returns the number of visits.

        Raises OSError or sqlite3.Error when it cannot, so the staff screen can say the export failed.
        """
        if self._conn is None:
            return export.write_csv(Path(path), (), ())
        conn = self._conn
        # With visits of several lessons a question column names its lesson too: two lessons may share an id.
        several = conn.execute("SELECT COUNT(DISTINCT lesson) FROM visit").fetchone()[0] > 1

        def column(lesson: str, question_id: str) -> str:
            return f"{lesson}/{question_id}" if several else question_id

        question_ids = [
            column(lesson, question_id)
            for lesson, question_id in conn.execute(
                "SELECT v.lesson, a.question_id FROM answer a JOIN visit v USING (visit_key) "
                "GROUP BY v.lesson, a.question_id ORDER BY v.lesson, MIN(a.position), a.question_id"
            )
        ]
        answers: dict[bytes, dict[str, bool]] = {}
        for key, lesson, question_id, right in conn.execute(
            "SELECT a.visit_key, v.lesson, a.question_id, a.first_right FROM answer a JOIN visit v USING (visit_key)"
        ):
            answers.setdefault(key, {})[column(lesson, question_id)] = bool(right)
        columns = ", ".join(export.VISIT_COLUMNS)
        # Ordered by the random key within an hour: the file keeps no trace of the visits' order.
        rows = conn.execute(f"SELECT visit_key, {columns} FROM visit ORDER BY day, hour, visit_key").fetchall()
        return export.write_csv(Path(path), question_ids, ((row[1:], answers.get(row[0], {})) for row in rows))


def _check_header(path: Path) -> None:
    """A missing or empty file is a new database; anything else must start like one (100-byte header).

    The journal files beside it must be regular files too: SQLite opens them, and a FIFO would block that.
    """
    for suffix in ("-journal", "-wal", "-shm"):
        sidecar = Path(f"{path}{suffix}")
        try:
            mode = os.lstat(sidecar).st_mode
        except FileNotFoundError:  # none, or another connection's journal just ended with its transaction
            continue
        if not stat.S_ISREG(mode):
            raise _DamagedError(_("{name} is not a regular file").format(name=sidecar.name))
    try:
        head = read_head(path, 100)
    except FileNotFoundError:
        return
    except FileRefusedError as error:  # a FIFO would block sqlite's open for ever: set it aside like damage
        raise _DamagedError(error.strerror) from None
    if not head:
        return
    if len(head) < 100:
        raise _DamagedError(_("the file is too short to be a database"))
    if not head.startswith(_SQLITE_HEADER):
        raise _DamagedError(_("the file is not an SQLite database"))


def _is_busy(exc: BaseException) -> bool:
    """Another connection holds the file (SQLITE_BUSY or SQLITE_LOCKED): it passes by itself."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """SQLite's own verdict: corrupt or not a database means damage; anything else (full, locked) is a fault."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGE_CODES


def _insert_visit(conn: sqlite3.Connection, key: bytes, record: VisitRecord) -> None:
    conn.execute(
        "INSERT INTO visit (visit_key, day, hour, language, slides_seen, slide_count, finished_lesson, "
        "started_quiz, reached_result, duration_min, ended_by, lesson) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            record.day.isoformat(),
            record.hour,
            record.language,
            record.slides_seen,
            record.slide_count,
            int(record.finished_lesson),
            int(record.started_quiz),
            int(record.reached_result),
            record.duration_min,
            record.ended_by,
            record.lesson,
        ),
    )


def _insert_answers(conn: sqlite3.Connection, key: bytes, record: VisitRecord) -> None:
    conn.executemany(
        "INSERT INTO answer (visit_key, question_id, position, first_right) VALUES (?, ?, ?, ?)",
        [(key, question_id, position, int(right)) for position, (question_id, right) in enumerate(record.answers)],
    )


def _share(part: float, whole: int) -> float:
    return part / whole if whole else 0.0
