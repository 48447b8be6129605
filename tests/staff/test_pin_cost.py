"""A PIN file's scrypt parameters are bounded in time as well as memory (issue 27, item 8).

A tampered pin.json with n=2^17, r=8, p=64 needs only 128 MiB, which the memory bound let through, and one
try took 27 s. Work beyond OWASP's cost (n=2^17, r=8, p=1) is now refused; a right PIN stored with other
parameters of no more work is rehashed at today's."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kiosk.staff import pin
from kiosk.staff.pin import PinError, check_pin, save_pin

PIN = "135790"


def _rewrite(path: Path, n: int, r: int, p: int) -> None:
    """The PIN file re-hashed with other parameters (as a tampered or an older file would be)."""
    record = json.loads(path.read_text())
    salt = bytes.fromhex(record["salt"])
    record.update(n=n, r=r, p=p, hash=pin._scrypt(PIN, salt, n, r, p, 32).hex())
    path.write_text(json.dumps(record))


def test_p_64_is_refused_at_once(tmp_path: Path) -> None:
    """n=2^17, r=8, p=64 (27 s a try): refused as corrupt without running scrypt."""
    path = tmp_path / "pin.json"
    save_pin(path, PIN)
    record = json.loads(path.read_text())
    record.update(p=64)
    path.write_text(json.dumps(record))
    started = time.monotonic()
    with pytest.raises(PinError, match="more work than"):
        check_pin(path, PIN)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(("n", "r", "p"), [(2**17, 8, 2), (2**18, 8, 1), (2**17, 9, 1)])
def test_one_step_above_owasps_cost_is_refused(tmp_path: Path, n: int, r: int, p: int) -> None:
    """Just above n*r*p = 2^17*8*1 in any parameter: refused (n=2^18 by the memory bound as well)."""
    path = tmp_path / "pin.json"
    save_pin(path, PIN)
    record = json.loads(path.read_text())
    record.update(n=n, r=r, p=p)
    path.write_text(json.dumps(record))
    with pytest.raises(PinError, match=r"more work than|more than 256 MiB"):
        check_pin(path, PIN)


def test_other_parameters_of_the_same_work_are_rehashed(tmp_path: Path) -> None:
    """n=2^16, r=8, p=2 (the same work as today's): the right PIN opens, and the file is rehashed at today's."""
    path = tmp_path / "pin.json"
    save_pin(path, PIN)
    _rewrite(path, 2**16, 8, 2)
    assert check_pin(path, PIN)
    record = json.loads(path.read_text())
    assert (record["n"], record["r"], record["p"]) == (pin.SCRYPT_N, pin.SCRYPT_R, pin.SCRYPT_P)
    assert check_pin(path, PIN)
