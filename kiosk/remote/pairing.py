"""The short pairing code shown on the staff menu: six digits, valid for a few minutes, a few tries each.

The code space is small (a million), so the tries are counted per address: after MAX_TRIES_PER_ADDRESS wrong
codes an address may not try this code again, while the desk at another address still pairs with it (one
neighbour voided every code as it appeared). Only a spread attack, MAX_TRIES wrong codes from any addresses,
voids the code for everyone (a 1 in 33,000 chance of a guess). Valid only while the staff screen shows it.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from enum import Enum

MAX_TRIES = 30
MAX_TRIES_PER_ADDRESS = 3
CODE_DIGITS = 6


class PairingResult(Enum):
    PAIRED = "paired"
    WRONG = "wrong"
    CLOSED = "closed"  # no code is being shown, it expired, or it used up its tries
    BLOCKED = "blocked"  # this address used up its tries for the code shown


class Pairing:
    def __init__(self, valid_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.valid_seconds = valid_seconds
        self._clock = clock
        self.code = ""
        self._until = 0.0
        self._tries = 0
        self._by_address: dict[str, int] = {}

    def open(self) -> str:
        """A fresh code, valid from now."""
        self.code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        self._until = self._clock() + self.valid_seconds
        self._tries = 0
        self._by_address = {}
        return self.code

    def close(self) -> None:
        self.code = ""
        self._until = 0.0

    @property
    def is_open(self) -> bool:
        return bool(self.code) and self._clock() < self._until and self._tries < MAX_TRIES

    def seconds_left(self) -> float:
        return max(0.0, self._until - self._clock()) if self.is_open else 0.0

    def try_code(self, attempt: str, address: str = "") -> PairingResult:
        """Compare in constant time; a right code is used up, so it pairs one device only."""
        if not self.is_open:
            return PairingResult.CLOSED
        if self._by_address.get(address, 0) >= MAX_TRIES_PER_ADDRESS:
            return PairingResult.BLOCKED
        if hmac.compare_digest(attempt.strip().encode("utf-8"), self.code.encode("utf-8")):
            self.close()
            return PairingResult.PAIRED
        self._tries += 1
        if address in self._by_address or len(self._by_address) < MAX_TRIES:  # bounded: then void anyway
            self._by_address[address] = self._by_address.get(address, 0) + 1
        return PairingResult.WRONG
