"""The pairing code (six digits, expires, a few tries in all) and the per-address back-off."""

from __future__ import annotations

from kiosk.remote.limiter import MAX_ADDRESSES, RateLimiter
from kiosk.remote.pairing import MAX_TRIES, Pairing, PairingResult


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_right_code_pairs_once() -> None:
    """The shown code pairs one device; used, it is gone."""
    pairing = Pairing(300, Clock())
    code = pairing.open()
    assert len(code) == 6 and code.isdigit()
    assert pairing.try_code(code) is PairingResult.PAIRED
    assert pairing.try_code(code) is PairingResult.CLOSED


def test_no_code_until_staff_show_one() -> None:
    """Before staff open pairing, and after they close it, no code pairs."""
    pairing = Pairing(300, Clock())
    assert pairing.try_code("000000") is PairingResult.CLOSED
    code = pairing.open()
    pairing.close()
    assert pairing.try_code(code) is PairingResult.CLOSED


def test_the_code_expires() -> None:
    """A code is valid for its minutes only."""
    clock = Clock()
    pairing = Pairing(300, clock)
    code = pairing.open()
    clock.now += 299
    assert pairing.seconds_left() == 1
    clock.now += 2
    assert pairing.try_code(code) is PairingResult.CLOSED


def test_wrong_codes_from_many_addresses_use_the_code_up() -> None:
    """After MAX_TRIES wrong codes in all (a spread attack) the code is void, even the right one no longer pairs."""
    pairing = Pairing(300, Clock())
    code = pairing.open()
    wrong = "111111" if code != "111111" else "222222"
    for number in range(MAX_TRIES):
        assert pairing.try_code(wrong, f"10.0.{number}.1") is PairingResult.WRONG
    assert pairing.try_code(code, "10.0.0.200") is PairingResult.CLOSED


def test_failures_block_an_address_then_double() -> None:
    """Five failures block the address for a minute; the next block after it ends is twice as long."""
    clock = Clock()
    limiter = RateLimiter(max_failures=5, block_seconds=60, clock=clock)
    for _ in range(4):
        assert limiter.failure("10.0.0.5") == 0
    assert limiter.failure("10.0.0.5") == 60
    assert limiter.blocked_for("10.0.0.5") == 60
    assert limiter.blocked_for("10.0.0.6") == 0  # another address is not punished
    clock.now += 61
    assert limiter.blocked_for("10.0.0.5") == 0
    for _ in range(4):
        limiter.failure("10.0.0.5")
    assert limiter.failure("10.0.0.5") == 120


def test_old_failures_fall_out_of_the_window_and_success_clears() -> None:
    """Failures spread over more than the window never block; a success forgets the address."""
    clock = Clock()
    limiter = RateLimiter(max_failures=3, block_seconds=60, clock=clock)
    for _ in range(10):
        assert limiter.failure("a") == 0
        clock.now += 400
    limiter.failure("b")
    limiter.failure("b")
    limiter.success("b")
    assert limiter.failure("b") == 0


def test_memory_is_bounded_by_addresses() -> None:
    """A flood of addresses keeps at most MAX_ADDRESSES records, blocked ones first kept."""
    clock = Clock()
    limiter = RateLimiter(max_failures=1, block_seconds=60, clock=clock)
    limiter.failure("blocked")
    clock.now += 700
    for n in range(MAX_ADDRESSES + 50):
        limiter.failure(f"x{n}")
    assert limiter.addresses <= MAX_ADDRESSES


def test_one_address_cannot_void_the_code_for_everyone() -> None:
    """A neighbour sending wrong codes is stopped after MAX_TRIES_PER_ADDRESS; the desk still pairs with it."""
    from kiosk.remote.pairing import MAX_TRIES_PER_ADDRESS

    pairing = Pairing(300, Clock())
    code = pairing.open()
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(MAX_TRIES_PER_ADDRESS):
        assert pairing.try_code(wrong, "10.0.0.66") is PairingResult.WRONG
    assert pairing.try_code(code, "10.0.0.66") is PairingResult.BLOCKED  # even the right code, from there
    assert pairing.is_open
    assert pairing.try_code(code, "10.0.0.5") is PairingResult.PAIRED
