"""The short pairing code shown on the staff menu: six digits, valid for a few minutes, a few tries in all.

The code space is small (a million), so the tries are counted for the code itself, whoever sends them:
after MAX_TRIES wrong codes it is void and staff show a new one. Valid only while the staff screen that
shows it is open.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from enum import Enum

MAX_TRIES = 5
CODE_DIGITS = 6


class PairingResult(Enum):
    PAIRED = "paired"
    WRONG = "wrong"
    CLOSED = "closed"  # no code is being shown, it expired, or it used up its tries


class Pairing:
    def __init__(self, valid_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.valid_seconds = valid_seconds
        self._clock = clock
        self.code = ""
        self._until = 0.0
        self._tries = 0

    def open(self) -> str:
        """A fresh code, valid from now."""
        self.code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        self._until = self._clock() + self.valid_seconds
        self._tries = 0
        return self.code

    def close(self) -> None:
        self.code = ""
        self._until = 0.0

    @property
    def is_open(self) -> bool:
        return bool(self.code) and self._clock() < self._until and self._tries < MAX_TRIES

    def seconds_left(self) -> float:
        return max(0.0, self._until - self._clock()) if self.is_open else 0.0

    def try_code(self, attempt: str) -> PairingResult:
        """Compare in constant time; a right code is used up, so it pairs one device only."""
        if not self.is_open:
            return PairingResult.CLOSED
        if hmac.compare_digest(attempt.strip().encode("utf-8"), self.code.encode("utf-8")):
            self.close()
            return PairingResult.PAIRED
        self._tries += 1
        return PairingResult.WRONG
