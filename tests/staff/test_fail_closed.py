"""The PIN gate fails closed: no PIN is checked unless its try is on disk first; scrypt at OWASP's cost."""

from __future__ import annotations

import errno
import json
import time
from pathlib import Path

import pytest

from kiosk.config.settings import Settings
from kiosk.core import files
from kiosk.staff import gate as gate_module
from kiosk.staff import lockout as lockout_module
from kiosk.staff import pin as pin_module
from kiosk.staff.gate import StaffGate, Verdict
from kiosk.staff.pin import check_pin, save_pin

PIN = "135790"


@pytest.fixture
def paths(tmp_path: Path) -> tuple[Path, Path]:
    pin_path, lockout_path = tmp_path / "config" / "pin.json", tmp_path / "data" / "lockout.json"
    save_pin(pin_path, PIN)
    return pin_path, lockout_path


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every PIN the gate actually checks against the hash."""
    seen: list[str] = []
    real = gate_module.check_pin

    def spy(path: Path, attempt: str) -> bool:
        seen.append(attempt)
        return real(path, attempt)

    monkeypatch.setattr(gate_module, "check_pin", spy)
    return seen


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data folder takes no more writes (full, or remounted read-only)."""

    def full(path: Path, data: bytes, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lockout_module, "replace_file", full)


@pytest.mark.allow_warnings
def test_no_pin_is_checked_while_the_lockout_cannot_be_saved(
    paths: tuple[Path, Path], checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a full or read-only disk every try is refused, across restarts ('pulling the plug' gives no new tries)."""
    pin_path, lockout_path = paths
    _disk_full(monkeypatch)
    for _restart in range(3):
        gate = StaffGate(pin_path, lockout_path, Settings())
        for attempt in ("000000", "111111", "222222", "333333", "444444", PIN):
            assert gate.try_pin(attempt).verdict is Verdict.LOCKED
        assert gate.status().verdict is Verdict.LOCKED
    assert checked == []
    monkeypatch.undo()  # room on the disk again: after the lock, the right PIN opens
    gate = StaffGate(pin_path, lockout_path, Settings())
    assert gate.try_pin(PIN).verdict is Verdict.OPEN


def test_a_try_is_on_disk_before_its_pin_is_checked(paths: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """While a PIN is being checked the file already counts it as wrong (a plug pulled mid-check costs the try)."""
    pin_path, lockout_path = paths
    seen: list[int] = []
    real = gate_module.check_pin

    def spy(path: Path, attempt: str) -> bool:
        seen.append(json.loads(lockout_path.read_text())["failures"])
        return real(path, attempt)

    monkeypatch.setattr(gate_module, "check_pin", spy)
    gate = StaffGate(pin_path, lockout_path, Settings(pin_max_attempts=3))
    for _ in range(2):
        gate.try_pin("000000")
    gate.try_pin(PIN)
    assert seen == [1, 2, 3]
    assert json.loads(lockout_path.read_text())["failures"] == 0  # the right PIN reset it


def test_the_try_that_would_lock_is_saved_locked(paths: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The last allowed try is written as a lock before it is checked, so a restart mid-check comes back locked."""
    pin_path, lockout_path = paths
    gate = StaffGate(pin_path, lockout_path, Settings(pin_max_attempts=3))
    gate.try_pin("000000")
    gate.try_pin("000000")

    def killed(path: Path, attempt: str) -> bool:
        raise KeyboardInterrupt  # the process dies while scrypt runs

    monkeypatch.setattr(gate_module, "check_pin", killed)
    with pytest.raises(KeyboardInterrupt):
        gate.try_pin("000000")
    monkeypatch.undo()
    assert StaffGate(pin_path, lockout_path, Settings(pin_max_attempts=3)).try_pin(PIN).verdict is Verdict.LOCKED


@pytest.mark.real_scrypt
def test_new_pins_use_owasp_scrypt_parameters(tmp_path: Path) -> None:
    """N=2^17, r=8, p=1 (128 MiB), within maxmem, and a check still verifies."""
    path = tmp_path / "pin.json"
    started = time.perf_counter()
    save_pin(path, PIN)
    data = json.loads(path.read_text())
    assert (data["n"], data["r"], data["p"]) == (2**17, 8, 1)
    assert check_pin(path, PIN) and not check_pin(path, "000000")
    assert time.perf_counter() - started < 30  # a bound against a runaway cost, not a timing test


def test_an_old_hash_is_upgraded_on_the_next_right_pin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of N=2^14 (the old cost) verifies, and the right PIN rewrites it at the current cost; a wrong one not."""
    path = tmp_path / "pin.json"
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2**10)
    save_pin(path, PIN)
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2**11)  # the kiosk was updated: the current cost is higher
    before = path.read_bytes()
    assert check_pin(path, "000000") is False
    assert path.read_bytes() == before
    assert check_pin(path, PIN) is True
    assert json.loads(path.read_text())["n"] == 2**11
    assert check_pin(path, PIN) is True and check_pin(path, "000000") is False
    assert files.read_file(path, 4096) != before
