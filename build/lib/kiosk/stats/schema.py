"""The statistics file's schema, its migrations, and the one way a connection to it is opened.

Schema version 1 (PRAGMA user_version = 1):

    visit   one row per visit, WITHOUT ROWID, keyed by a random 16-byte blob, so neither a row id nor the
            storage order reveals in which order visits happened
      visit_key BLOB, day TEXT (YYYY-MM-DD), hour INTEGER (0-23), language TEXT, slides_seen INTEGER,
      slide_count INTEGER, finished_lesson INTEGER (0/1), started_quiz INTEGER (0/1),
      reached_result INTEGER (0/1), duration_min INTEGER (0-60), ended_by TEXT (finished/home/idle/staff/error)
    answer  one row per quiz question answered in a visit, WITHOUT ROWID
      visit_key BLOB (-> visit), question_id TEXT, position INTEGER (the question's place in the quiz),
      first_right INTEGER (0/1)

Schema version 2 adds to visit:
      lesson TEXT (the id of the lesson the visit saw; '' for visits recorded before lessons had ids)

Neither the file nor anything beside it keeps the order in which visits were written: no WAL, and after
every write the file is rebuilt (VACUUM) so rows sit in the order of their random keys (see StatsStore.add).

CHECK constraints repeat the record's validation so that not even a bug elsewhere can store a timestamp.
A migration takes the file from version N to N+1 inside one transaction; MIGRATIONS[N] does it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Final

log = logging.getLogger("kiosk.stats")

_V1_VISIT: Final = """
CREATE TABLE visit (
    visit_key BLOB NOT NULL PRIMARY KEY CHECK (typeof(visit_key) = 'blob' AND length(visit_key) = 16),
    day TEXT NOT NULL CHECK (typeof(day) = 'text' AND day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    hour INTEGER NOT NULL CHECK (typeof(hour) = 'integer' AND hour BETWEEN 0 AND 23),
    language TEXT NOT NULL CHECK (typeof(language) = 'text' AND length(language) BETWEEN 1 AND 16),
    slides_seen INTEGER NOT NULL CHECK (typeof(slides_seen) = 'integer' AND slides_seen BETWEEN 1 AND slide_count),
    slide_count INTEGER NOT NULL CHECK (typeof(slide_count) = 'integer' AND slide_count >= 1),
    finished_lesson INTEGER NOT NULL CHECK (finished_lesson IN (0, 1)),
    started_quiz INTEGER NOT NULL CHECK (started_quiz IN (0, 1)),
    reached_result INTEGER NOT NULL CHECK (reached_result IN (0, 1)),
    duration_min INTEGER NOT NULL CHECK (typeof(duration_min) = 'integer' AND duration_min BETWEEN 0 AND 60),
    ended_by TEXT NOT NULL CHECK (ended_by IN ('finished', 'home', 'idle', 'staff', 'error'))
) WITHOUT ROWID
"""
_V1_ANSWER: Final = """
CREATE TABLE answer (
    visit_key BLOB NOT NULL REFERENCES visit (visit_key) ON DELETE CASCADE,
    question_id TEXT NOT NULL CHECK (typeof(question_id) = 'text' AND length(question_id) BETWEEN 1 AND 64),
    position INTEGER NOT NULL CHECK (typeof(position) = 'integer' AND position >= 0),
    first_right INTEGER NOT NULL CHECK (first_right IN (0, 1)),
    PRIMARY KEY (visit_key, question_id)
) WITHOUT ROWID
"""


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    """Version 0 is an empty (or never initialised) file: create the first schema."""
    conn.execute(_V1_VISIT)
    conn.execute(_V1_ANSWER)
    conn.execute("CREATE INDEX visit_by_day ON visit (day)")  # summaries and the day chart filter by day


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Several lessons on one kiosk: each visit says which lesson it saw. Older visits keep ''."""
    conn.execute(
        "ALTER TABLE visit ADD COLUMN lesson TEXT NOT NULL DEFAULT '' "
        "CHECK (typeof(lesson) = 'text' AND length(lesson) <= 40)"
    )


# MIGRATIONS[n] takes a file from version n to n + 1; append, never edit a shipped step.
MIGRATIONS: Final[list[Callable[[sqlite3.Connection], None]]] = [_v0_to_v1, _v1_to_v2]
SCHEMA_VERSION: Final = len(MIGRATIONS)


class NewerSchemaError(Exception):
    """The file was written by a newer kiosk; it is kept untouched rather than guessed at."""

    def __init__(self, version: int) -> None:
        self.version = version
        super().__init__(f"the file has schema version {version}; this kiosk knows up to {SCHEMA_VERSION}")


def connect(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """Open a connection with the settings every connection needs.

    journal_mode=DELETE, not WAL: a WAL file keeps the frames of past transactions in the order they were
    written, which gives away the order of visits; a rollback journal is deleted when each write ends.
    journal_mode is stored in the file but synchronous is not: a connection that skipped it would fall
    back to NORMAL and could lose the last visits on a power cut. So both are set every time.
    """
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT) and nothing is implied.
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    if mode != "delete":  # another connection still has the file open in WAL mode; the next open converts it
        log.info("statistics file %s uses journal mode %s instead of DELETE", path, mode)
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """All or nothing: commit when the block ends normally, roll back on any exception (and re-raise)."""
    conn.execute("BEGIN IMMEDIATE")  # take the write lock now, not half-way through
    try:
        yield
        conn.execute("COMMIT")  # inside the try: a COMMIT that fails (disk full) must be rolled back too
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # the original error is the one worth reporting
                conn.execute("ROLLBACK")
        raise


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to SCHEMA_VERSION one step at a time; returns the version it started at."""
    start = user_version(conn)
    if start > SCHEMA_VERSION:
        raise NewerSchemaError(start)
    if start == SCHEMA_VERSION:
        return start  # the common case takes no write lock, so a reader never waits for the writer
    while True:
        with transaction(conn):
            # Read again under the write lock: another process may have migrated in the meantime.
            version = user_version(conn)
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(version)
            if version == SCHEMA_VERSION:
                return start
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1:d}")
            log.info("statistics file migrated from schema version %d to %d", version, version + 1)
