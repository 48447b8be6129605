"""Who may open the staff menu: the PIN check with its lockout, as plain Python."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kiosk.config.settings import Settings
from kiosk.staff.lockout import Lockout, LockoutPolicy
from kiosk.staff.pin import PinError, check_pin, pin_is_set

log = logging.getLogger("kiosk.staff")


class Verdict(Enum):
    OPEN = "open"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "no pin"


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    seconds_locked: float = 0.0
    tries_left: int = 0


class StaffGate:
    """Checks PINs against the stored hash; wrong ones back off through the persistent lockout."""

    def __init__(self, pin_path: Path, lockout_path: Path, settings: Settings) -> None:
        self.pin_path = pin_path
        self.max_attempts = settings.pin_max_attempts
        policy = LockoutPolicy(max_attempts=settings.pin_max_attempts, first_lockout_s=settings.pin_lockout_seconds)
        self.lockout = Lockout(lockout_path, policy)

    def status(self) -> Outcome:
        """What the pad should say when it opens."""
        if not pin_is_set(self.pin_path):
            log.warning("no staff PIN is set (%s): the staff menu cannot be opened; run 'kiosk set-pin'", self.pin_path)
            return Outcome(Verdict.NO_PIN)
        locked = self.lockout.locked_for()
        return Outcome(Verdict.LOCKED, locked) if locked > 0 else Outcome(Verdict.WRONG, 0.0, self._left())

    def try_pin(self, attempt: str) -> Outcome:
        if not pin_is_set(self.pin_path):
            return Outcome(Verdict.NO_PIN)
        locked = self.lockout.begin_attempt()  # the try is on disk before the PIN is checked
        if locked > 0:
            return Outcome(Verdict.LOCKED, locked)
        try:
            right = check_pin(self.pin_path, attempt)
        except PinError as error:
            log.error("staff PIN file unusable: %s", error)
            return Outcome(Verdict.NO_PIN)
        if right:
            self.lockout.record_success()
            log.info("staff menu opened")
            return Outcome(Verdict.OPEN)
        locked = self.lockout.record_failure()
        log.info("wrong staff PIN (%d in a row)", self.lockout.failures)
        return Outcome(Verdict.LOCKED, locked) if locked > 0 else Outcome(Verdict.WRONG, 0.0, self._left())

    def _left(self) -> int:
        return max(0, self.max_attempts - self.lockout.failures)
