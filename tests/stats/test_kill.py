"""Killing the writer at any moment (a power cut as far as the process knows) never damages the file.

A child process adds visits as fast as it can; the test kills it with SIGKILL at a random moment, again and
again on the same file, and after every kill checks that SQLite finds the file sound and that every visit
kept has all of its answers (the visit and its answers are one transaction).
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stats.kill_writer import ANSWERS

WRITER = Path(__file__).with_name("kill_writer.py")
KILLS = 100
SEED = 20250303
STARTUP_TIMEOUT_S = 30.0


def _check(path: Path) -> int:
    """Assert the file is sound and every visit whole; return the number of visits."""
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        per_visit = conn.execute(
            "SELECT COUNT(a.visit_key) FROM visit v LEFT JOIN answer a USING (visit_key) GROUP BY v.visit_key"
        ).fetchall()
        assert {count for (count,) in per_visit} <= {ANSWERS}, "a visit was kept without all of its answers"
        orphans = conn.execute("SELECT COUNT(*) FROM answer WHERE visit_key NOT IN (SELECT visit_key FROM visit)")
        assert orphans.fetchone() == (0,)
        return len(per_visit)


def _run_and_kill(path: Path, delay_s: float, kill: int) -> None:
    """Start the writer, wait until it writes, let it write for delay_s, then SIGKILL it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    try:
        assert child.stdout is not None and child.stderr is not None
        ready, _, _ = select.select([child.stdout], [], [], STARTUP_TIMEOUT_S)
        line = child.stdout.readline() if ready else b""
        if line != b"writing\n":
            child.kill()
            child.wait()
            pytest.fail(f"kill {kill}: the writer did not start: {line!r} {child.stderr.read()!r}")
        try:
            child.wait(timeout=delay_s)  # the random moment; waiting on the child also notices an early exit
        except subprocess.TimeoutExpired:
            pass
        else:
            pytest.fail(f"kill {kill}: the writer stopped by itself: {child.stderr.read()!r}")
    finally:
        child.kill()  # SIGKILL: no handler, no cleanup, no final checkpoint
        child.wait()
        for pipe in (child.stdout, child.stderr):
            if pipe is not None:
                pipe.close()
    assert child.returncode == -signal.SIGKILL


@pytest.mark.slow  # ~17 s: 100 writer processes killed
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and select on pipes are POSIX")
def test_sigkill_at_random_moments_never_damages_the_file_or_splits_a_visit(tmp_path: Path) -> None:
    """100 SIGKILLs at random moments leave the file sound every time, with every kept visit whole and none lost."""
    path = tmp_path / "stats.db"
    rng = random.Random(SEED)
    kept = 0
    started = time.monotonic()
    for kill in range(KILLS):
        _run_and_kill(path, rng.uniform(0.005, 0.060), kill)
        visits = _check(path)
        assert visits >= kept, f"kill {kill}: committed visits were lost ({kept} -> {visits})"
        kept = visits
    elapsed = time.monotonic() - started
    print(f"{KILLS} kills, {kept} visits kept, {elapsed:.1f} s")
    assert kept >= KILLS  # the writer really was writing when it was killed
    assert [p.name for p in tmp_path.iterdir() if "damaged" in p.name] == []  # no file was ever set aside
