"""Back-off after wrong staff PINs, kept on disk so that restarting the kiosk does not reset it.

After `max_attempts` wrong PINs in a row the pad locks for `first_lockout_s`; every wrong PIN after a
lockout has ended locks it again for twice as long, up to `max_lockout_s`. A right PIN resets everything.
The state file can only ever make the kiosk stricter: a corrupt one locks it, it never opens it.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.files import FileTooLargeError, read_file, replace_file

log = logging.getLogger("kiosk.staff")

STATE_VERSION = 1
MAX_STATE_BYTES = 4096  # the state is about 100 bytes


@dataclass
class LockoutPolicy:
    """How many wrong PINs are allowed, and how long the pad then locks."""

    max_attempts: int = 5
    first_lockout_s: float = 30.0
    max_lockout_s: float = 3600.0

    def __post_init__(self) -> None:
        """Refuse a policy that would never lock or would lock for nothing."""
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, not {self.max_attempts}")
        if not self.first_lockout_s > 0:
            raise ValueError(f"first_lockout_s must be positive, not {self.first_lockout_s}")
        if not self.max_lockout_s >= self.first_lockout_s:
            raise ValueError(f"max_lockout_s ({self.max_lockout_s}) must be at least first_lockout_s")


class Lockout:
    """The failure count and lock of the staff PIN pad, saved to `state_path` after every change.

    The clock is wall-clock epoch seconds (injectable for tests), because the lock must survive a restart.
    Saving never raises; on a full or read-only disk the pad stays locked until the state can be saved.
    """

    def __init__(self, state_path: Path, policy: LockoutPolicy, clock: Callable[[], float] = time.time) -> None:
        self.state_path = state_path
        self.policy = policy
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0
        self._lockout_s = 0.0  # length of the latest lockout; 0 until the first one in this streak
        self._load()

    @property
    def failures(self) -> int:
        """Wrong PINs since the last right one (attempts made while locked are not counted)."""
        return self._failures

    def locked_for(self) -> float:
        """Seconds until the pad opens again; 0.0 when it is open."""
        now = self._clock()
        if self._clamp(now):
            self._save()
        return max(0.0, self._locked_until - now)

    def begin_attempt(self) -> float:
        """Call before checking a PIN: 0.0 when it may be checked, else the seconds the pad stays locked.

        The try is written to disk as a wrong one (with the lock it would cause) before the PIN is checked,
        so pulling the plug during the check costs the try; a right PIN then resets it. When that write
        fails (a full or read-only disk) the pad locks instead, in memory, until a write succeeds: a try
        that cannot be counted is never made.
        """
        remaining = self.locked_for()
        if remaining > 0:
            return remaining
        if self._save(*self._after_failure(self._clock())):
            return 0.0
        return self._hold_unsaved()

    def record_failure(self) -> float:
        """Count a wrong PIN; returns the seconds now locked, 0.0 if this failure does not lock yet.

        While locked the attempt is ignored (neither counted nor extending the lock) and the seconds
        still left are returned. A failure that cannot be saved locks the pad until one can (fail closed).
        """
        remaining = self.locked_for()
        if remaining > 0:
            return remaining
        now = self._clock()
        self._failures, self._locked_until, self._lockout_s = self._after_failure(now)
        if not self._save():
            return self._hold_unsaved()
        return max(0.0, self._locked_until - now)

    def record_success(self) -> None:
        """Reset everything after a right PIN; ignored while locked, so guessing during a lock gains nothing."""
        if self.locked_for() > 0:
            return
        self._failures = 0
        self._locked_until = 0.0
        self._lockout_s = 0.0
        self._save()  # begin_attempt wrote this try as wrong; if this write fails the file stays stricter

    def _after_failure(self, now: float) -> tuple[int, float, float]:
        """(failures, locked_until, lockout_s) once one more wrong PIN is counted at `now`."""
        failures, locked_until, lockout_s = self._failures + 1, self._locked_until, self._lockout_s
        if lockout_s > 0:
            # A previous lockout in this streak has ended: any further wrong PIN locks again, twice as long.
            lockout_s = min(lockout_s * 2, self.policy.max_lockout_s)
            locked_until = now + lockout_s
        elif failures >= self.policy.max_attempts:
            lockout_s = self.policy.first_lockout_s
            locked_until = now + lockout_s
        return failures, locked_until, lockout_s

    def _hold_unsaved(self) -> float:
        """The state could not be saved: lock the pad in memory for first_lockout_s (tried again after that)."""
        now = self._clock()
        self._locked_until = max(self._locked_until, now + self.policy.first_lockout_s)
        log.warning(
            "PIN tries cannot be recorded in %s; the PIN pad stays locked until they can (free space on the disk)",
            self.state_path,
        )
        return self._locked_until - now

    def _lock(self, now: float, seconds: float) -> None:
        """Lock for `seconds` from `now`, remembering the length so the next lockout can double it."""
        self._lockout_s = seconds
        self._locked_until = now + seconds

    def _clamp(self, now: float) -> bool:
        """Pull back a lock that ends further ahead than the longest allowed; True when something changed.

        That happens when the wall clock jumped backwards after the lock was saved.
        """
        changed = False
        if self._locked_until - now > self.policy.max_lockout_s:
            self._locked_until = now + self.policy.max_lockout_s
            changed = True
        if self._lockout_s > self.policy.max_lockout_s:
            self._lockout_s = self.policy.max_lockout_s
            changed = True
        return changed

    def _load(self) -> None:
        """Read the saved state; a missing file is a clean state, a bad one locks for first_lockout_s."""
        try:
            text = read_file(self.state_path, MAX_STATE_BYTES).decode("utf-8")
        except FileNotFoundError:
            return
        except FileTooLargeError as exc:
            self._lock_after_bad_state(f"is corrupt ({exc.strerror})")
            return
        except (OSError, UnicodeDecodeError) as exc:  # a FIFO or a link out of its folder too
            self._lock_after_bad_state(f"cannot be read ({exc})")
            return
        try:
            failures, locked_until, lockout_s = _parse_state(json.loads(text))
        except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError; deep nesting recurses
            self._lock_after_bad_state(f"is corrupt ({exc})")
            return
        self._failures = failures
        self._locked_until = locked_until
        self._lockout_s = lockout_s
        if self._clamp(self._clock()):
            self._save()

    def _lock_after_bad_state(self, problem: str) -> None:
        """Lock as if the allowed attempts were used up, and replace the bad file with a valid one."""
        log.warning(
            "lockout state %s %s; locking the PIN pad for %g s to be safe",
            self.state_path,
            problem,
            self.policy.first_lockout_s,
        )
        self._failures = self.policy.max_attempts
        self._lock(self._clock(), self.policy.first_lockout_s)
        self._save()

    def _save(
        self, failures: int | None = None, locked_until: float | None = None, lockout_s: float | None = None
    ) -> bool:
        """Write the state (or the one given) atomically; False, with a warning, when it cannot be written."""
        state = {
            "version": STATE_VERSION,
            "failures": self._failures if failures is None else failures,
            "locked_until": self._locked_until if locked_until is None else locked_until,
            "lockout_s": self._lockout_s if lockout_s is None else lockout_s,
        }
        try:
            replace_file(self.state_path, (json.dumps(state, indent=2) + "\n").encode("utf-8"))
        except OSError as exc:
            log.warning("cannot save lockout state to %s (%s)", self.state_path, exc.strerror or exc)
            return False
        return True


def _parse_state(data: Any) -> tuple[int, float, float]:
    """(failures, locked_until, lockout_s) from the decoded JSON; ValueError when anything is off."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    if data.get("version") != STATE_VERSION:
        raise ValueError(f"unsupported version {data.get('version')!r}")
    missing = [key for key in ("failures", "locked_until", "lockout_s") if key not in data]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    failures = data["failures"]
    if isinstance(failures, bool) or not isinstance(failures, int) or failures < 0:
        raise ValueError(f"failures must be a whole number of at least 0, not {failures!r}")
    locked_until = _number(data, "locked_until")
    lockout_s = _number(data, "lockout_s")
    return failures, locked_until, lockout_s


def _number(data: dict[str, Any], key: str) -> float:
    """A finite, non-negative number (NaN would make every comparison false, i.e. unlock the pad)."""
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{key} must be a finite number of at least 0, not {value!r}")
    return float(value)
