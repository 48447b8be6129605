"""Back-off after wrong staff PINs: thresholds, doubling, cap, reset, persistence, bad state files."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.staff.lockout import Lockout, LockoutPolicy

START = 1_700_000_000.0


class FakeClock:
    """Wall-clock seconds that only move when a test says so."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    """Where the state goes, in a folder that does not exist yet."""
    return tmp_path / "state" / "lockout.json"


def make(state_path: Path, clock: FakeClock, **policy: float) -> Lockout:
    return Lockout(state_path, LockoutPolicy(**policy), clock)


def fail_times(lockout: Lockout, count: int) -> list[float]:
    return [lockout.record_failure() for _ in range(count)]


def test_default_policy():
    """The defaults are five attempts, then 30 s, capped at an hour."""
    assert LockoutPolicy() == LockoutPolicy(max_attempts=5, first_lockout_s=30.0, max_lockout_s=3600.0)


@pytest.mark.parametrize(
    "policy",
    [
        {"max_attempts": 0},
        {"first_lockout_s": 0.0},
        {"first_lockout_s": 100.0, "max_lockout_s": 50.0},
    ],
)
def test_nonsense_policy_is_refused(policy):
    """A policy that would never lock, or lock for nothing, raises ValueError."""
    with pytest.raises(ValueError, match="must be"):
        LockoutPolicy(**policy)


def test_fresh_state_is_open(state_path, clock):
    """With no state file the pad is open, nothing is counted and nothing is written."""
    lockout = make(state_path, clock)
    assert lockout.locked_for() == 0.0
    assert lockout.failures == 0
    assert not state_path.exists()


def test_five_failures_lock(state_path, clock):
    """Four wrong PINs do not lock; the fifth locks for first_lockout_s."""
    lockout = make(state_path, clock)
    assert fail_times(lockout, 4) == [0.0, 0.0, 0.0, 0.0]
    assert lockout.locked_for() == 0.0
    assert lockout.record_failure() == 30.0
    assert lockout.locked_for() == 30.0
    assert lockout.failures == 5


def test_attempt_while_locked_is_refused_without_extending(state_path, clock):
    """A sixth attempt while locked is not counted and does not extend the lock."""
    lockout = make(state_path, clock)
    fail_times(lockout, 5)
    clock.advance(10)
    assert lockout.record_failure() == 20.0  # the time still left, unchanged
    assert lockout.failures == 5
    assert lockout.locked_for() == 20.0
    assert json.loads(state_path.read_text())["locked_until"] == START + 30


def test_lock_expires(state_path, clock):
    """The pad opens again exactly when the lockout ends."""
    lockout = make(state_path, clock)
    fail_times(lockout, 5)
    clock.advance(29.5)
    assert lockout.locked_for() == 0.5
    clock.advance(0.5)
    assert lockout.locked_for() == 0.0


def test_failure_after_expiry_doubles(state_path, clock):
    """After a lockout ends, one more wrong PIN locks again for twice as long."""
    lockout = make(state_path, clock)
    fail_times(lockout, 5)
    clock.advance(30)
    assert lockout.record_failure() == 60.0
    assert lockout.locked_for() == 60.0
    clock.advance(60)
    assert lockout.record_failure() == 120.0
    assert lockout.failures == 7


def test_lockout_is_capped(state_path, clock):
    """Doubling stops at max_lockout_s."""
    lockout = make(state_path, clock, first_lockout_s=30.0, max_lockout_s=100.0)
    lengths = fail_times(lockout, 5)[-1:]
    for _ in range(4):
        clock.advance(lockout.locked_for())
        lengths.append(lockout.record_failure())
    assert lengths == [30.0, 60.0, 100.0, 100.0, 100.0]


def test_success_resets(state_path, clock):
    """A right PIN after a lockout clears the count and the doubling: five more attempts are allowed."""
    lockout = make(state_path, clock)
    fail_times(lockout, 5)
    clock.advance(30)
    lockout.record_failure()
    clock.advance(60)
    lockout.record_success()
    assert lockout.failures == 0
    assert lockout.locked_for() == 0.0
    assert fail_times(lockout, 5) == [0.0, 0.0, 0.0, 0.0, 30.0]
    assert json.loads(state_path.read_text())["failures"] == 5


def test_success_before_lock_resets_count(state_path, clock):
    """A right PIN after a few wrong ones starts the count again."""
    lockout = make(state_path, clock)
    fail_times(lockout, 4)
    lockout.record_success()
    assert fail_times(lockout, 4) == [0.0, 0.0, 0.0, 0.0]
    assert make(state_path, clock).failures == 4


def test_success_while_locked_is_ignored(state_path, clock):
    """A right PIN guessed during a lock does not lift it (the core is safe even if the UI submits it)."""
    lockout = make(state_path, clock)
    fail_times(lockout, 5)
    lockout.record_success()
    assert lockout.locked_for() == 30.0
    assert lockout.failures == 5


def test_lockout_survives_restart(state_path, clock):
    """A new Lockout on the same file sees the same remaining time, count and doubling."""
    lockout = make(state_path, clock)
    fail_times(lockout, 5)
    clock.advance(12)
    again = make(state_path, clock)
    assert again.locked_for() == 18.0
    assert again.failures == 5
    clock.advance(18)
    assert again.record_failure() == 60.0


def test_failures_survive_restart(state_path, clock):
    """Restarting does not buy more attempts: the count is carried over."""
    fail_times(make(state_path, clock), 4)
    assert make(state_path, clock).record_failure() == 30.0


def test_state_file_is_valid_json_and_owner_only(state_path, clock):
    """The state is plain JSON with wall-clock epoch seconds, owner-only on POSIX, no temp files left."""
    fail_times(make(state_path, clock), 5)
    assert json.loads(state_path.read_text()) == {
        "version": 1,
        "failures": 5,
        "locked_until": START + 30,
        "lockout_s": 30.0,
    }
    assert [p.name for p in state_path.parent.iterdir()] == ["lockout.json"]
    if sys.platform != "win32":
        assert stat.S_IMODE(state_path.stat().st_mode) == 0o600


@pytest.mark.allow_warnings
@pytest.mark.parametrize(
    "content",
    [
        "",
        "{broken",
        "[" * 100_000,
        "[]",
        '{"version": 1}',
        '{"version": 2, "failures": 0, "locked_until": 0, "lockout_s": 0}',
        '{"version": 1, "failures": -1, "locked_until": 0, "lockout_s": 0}',
        '{"version": 1, "failures": true, "locked_until": 0, "lockout_s": 0}',
        '{"version": 1, "failures": 0, "locked_until": "soon", "lockout_s": 0}',
        '{"version": 1, "failures": 0, "locked_until": NaN, "lockout_s": 0}',
        '{"version": 1, "failures": 0, "locked_until": 0, "lockout_s": Infinity}',
    ],
)
def test_corrupt_state_locks_safely(state_path, clock, caplog, content):
    """A corrupt state file locks for first_lockout_s, warns naming the file and is replaced by a valid one."""
    state_path.parent.mkdir()
    state_path.write_text(content)
    lockout = make(state_path, clock)
    assert lockout.locked_for() == 30.0
    assert f"lockout state {state_path} is corrupt" in caplog.text
    assert "locking the PIN pad for 30 s" in caplog.text
    assert json.loads(state_path.read_text())["locked_until"] == START + 30
    # Once the lock ends, a wrong PIN locks again (doubled): the bad file bought no attempts.
    clock.advance(30)
    assert lockout.record_failure() == 60.0


@pytest.mark.allow_warnings
def test_unreadable_state_locks_safely(state_path, clock, caplog):
    """A state path that cannot be read (here a folder) locks and warns rather than crashing."""
    state_path.mkdir(parents=True)
    lockout = make(state_path, clock)
    assert lockout.locked_for() == 30.0
    assert f"lockout state {state_path} cannot be read" in caplog.text
    # It cannot be replaced by a file either; that is a second warning, not an exception.
    assert "cannot save lockout state" in caplog.text


def test_clock_jumped_backwards_is_clamped(state_path, clock):
    """A lock ending more than max_lockout_s ahead (clock set back) is cut to max_lockout_s and saved."""
    state_path.parent.mkdir()
    state = {"version": 1, "failures": 9, "locked_until": START + 86_400, "lockout_s": 3600.0}
    state_path.write_text(json.dumps(state))
    lockout = make(state_path, clock)
    assert lockout.locked_for() == 3600.0
    assert json.loads(state_path.read_text())["locked_until"] == START + 3600


def test_clock_jump_during_run_is_clamped(state_path, clock):
    """The clock going back while running also cannot stretch the lock beyond max_lockout_s."""
    lockout = make(state_path, clock, max_lockout_s=100.0)
    fail_times(lockout, 5)
    clock.advance(-10_000)
    assert lockout.locked_for() == 100.0


def test_expired_lock_in_file_is_open(state_path, clock):
    """A lock that ended while the kiosk was off leaves the pad open, but the next failure doubles."""
    fail_times(make(state_path, clock), 5)
    clock.advance(3 * 3600)
    lockout = make(state_path, clock)
    assert lockout.locked_for() == 0.0
    assert lockout.record_failure() == 60.0


@pytest.mark.allow_warnings
def test_full_disk_locks_until_the_state_can_be_saved(state_path, clock, caplog, monkeypatch):
    """A full disk on save warns naming the file and locks the pad (fails closed), without raising."""

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    monkeypatch.setattr(Path, "write_text", full)
    lockout = make(state_path, clock)
    assert fail_times(lockout, 2) == [30.0, 30.0]  # the first unsaved failure locks; the second is refused
    assert lockout.failures == 1
    clock.advance(30)
    assert lockout.begin_attempt() == 30.0  # still cannot be saved: locked again, nothing is checked
    assert f"cannot save lockout state to {state_path} (No space left on device)" in caplog.text
    assert "the PIN pad stays locked until they can" in caplog.text
    assert not state_path.exists()
    assert list(state_path.parent.iterdir()) == []  # the temporary files were removed


@pytest.mark.allow_warnings
def test_full_disk_while_writing_locks_and_keeps_the_old_file(state_path, clock, caplog, monkeypatch):
    """A write that fails part-way (ENOSPC reported by fsync) locks the pad, and leaves no temp file."""

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    lockout = make(state_path, clock)
    lockout.record_failure()
    monkeypatch.setattr(os, "fsync", full)
    assert lockout.record_failure() == 30.0
    assert lockout.failures == 2
    assert "No space left on device" in caplog.text
    monkeypatch.undo()
    assert json.loads(state_path.read_text())["failures"] == 1  # the last good state is intact
    assert [p.name for p in state_path.parent.iterdir()] == ["lockout.json"]


@pytest.mark.allow_warnings
@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_does_not_raise(state_path, clock, caplog):
    """A read-only state folder only warns; the lock still works in memory."""
    state_path.parent.mkdir()
    os.chmod(state_path.parent, 0o500)
    try:
        lockout = make(state_path, clock)
        assert fail_times(lockout, 5)[-1] == 30.0
        assert lockout.locked_for() == 30.0
    finally:
        os.chmod(state_path.parent, 0o700)
    assert "cannot save lockout state" in caplog.text
    assert not state_path.exists()
