"""Back-off for wrong tokens and wrong pairing codes, per client address.

After MAX_FAILURES within WINDOW seconds an address is refused for BLOCK seconds, doubling with each
further block up to MAX_BLOCK. Only failures count: a page that polls with a good token is never slowed.
Kept in memory: a restart forgets it, which is fine because the pairing code and tokens do not get weaker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_FAILURES = 5
WINDOW = 600.0
BLOCK = 60.0
MAX_BLOCK = 3600.0
MAX_ADDRESSES = 1000  # a flood of addresses cannot grow memory without bound


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)
    blocked_until: float = 0.0
    block: float = 0.0  # length of the latest block


class RateLimiter:
    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        block_seconds: float = BLOCK,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.block_seconds = block_seconds
        self._clock = clock
        self._records: dict[str, _Record] = {}

    @property
    def addresses(self) -> int:
        """How many addresses it keeps a record of (at most MAX_ADDRESSES: memory stays bounded)."""
        return len(self._records)

    def blocked_for(self, address: str) -> float:
        """Seconds `address` must still wait; 0 when it may try."""
        record = self._records.get(address)
        return max(0.0, record.blocked_until - self._clock()) if record else 0.0

    def failure(self, address: str) -> float:
        """Count one failure; returns the seconds of the block it started, or 0."""
        now = self._clock()
        if address not in self._records and len(self._records) >= MAX_ADDRESSES:
            self._forget_idle(now)
        record = self._records.setdefault(address, _Record())
        record.failures = [t for t in record.failures if now - t < WINDOW] + [now]
        if len(record.failures) < self.max_failures:
            return 0.0
        record.block = min(MAX_BLOCK, record.block * 2 if record.block else self.block_seconds)
        record.blocked_until = now + record.block
        record.failures = []
        return record.block

    def success(self, address: str) -> None:
        self._records.pop(address, None)

    def _forget_idle(self, now: float) -> None:
        """Drop the addresses that are neither blocked nor recently failing (the oldest first if none is)."""
        for address, record in list(self._records.items()):
            if record.blocked_until <= now and not any(now - t < WINDOW for t in record.failures):
                del self._records[address]
        while len(self._records) >= MAX_ADDRESSES:
            self._records.pop(next(iter(self._records)))
