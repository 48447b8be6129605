"""The staff PIN file: format rules, salted scrypt hashing, owner-only atomic writes, corrupt files."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.core.errors import KioskError
from kiosk.staff.pin import (
    MIN_DIGITS,
    PinError,
    check_pin,
    pin_is_set,
    save_pin,
    validate_pin_format,
)


@pytest.fixture
def pin_path(tmp_path: Path) -> Path:
    """Where the PIN goes, in a folder that does not exist yet."""
    return tmp_path / "staff" / "pin.json"


def test_min_digits_is_four():
    """The shortest PIN allowed has four digits."""
    assert MIN_DIGITS == 4


@pytest.mark.parametrize("pin", ["1234", "123456", "000000", "123456789012"])
def test_valid_formats_pass(pin):
    """4 to 12 ASCII digits are accepted, leading zeros included."""
    validate_pin_format(pin)


@pytest.mark.parametrize(
    ("pin", "words"),
    [
        ("", "empty"),
        ("123", "at least 4"),
        ("1234567890123", "at most 12"),
        ("12a4", "only the digits"),
        ("12 34", "only the digits"),
        ("-1234", "only the digits"),
        ("١٢٣٤", "only the digits"),  # Arabic-Indic digits: isdigit() but not typeable on the pad
        ("12²4", "only the digits"),
    ],
)
def test_bad_formats_raise(pin, words):
    """Empty, short, long and non-digit PINs raise PinError with a clear message."""
    with pytest.raises(PinError, match=words):
        validate_pin_format(pin)


def test_short_pin_message_suggests_six_digits():
    """The message for a short PIN suggests six digits."""
    with pytest.raises(PinError, match="6 are suggested"):
        validate_pin_format("12")


def test_format_message_never_repeats_the_pin():
    """A rejected PIN is not echoed in the message, which may end up on screen or in a log."""
    with pytest.raises(PinError) as info:
        validate_pin_format("9876543210987")
    assert "9876543210987" not in str(info.value)


def test_pin_error_is_a_kiosk_error():
    """PinError is reported to a person like every other kiosk error."""
    assert issubclass(PinError, KioskError)


def test_save_then_check(pin_path):
    """A saved PIN verifies, a wrong one does not, and the parent folder was created."""
    save_pin(pin_path, "482916")
    assert pin_path.is_file()
    assert check_pin(pin_path, "482916") is True
    assert check_pin(pin_path, "482917") is False
    assert check_pin(pin_path, "") is False
    assert check_pin(pin_path, "4829160") is False


def test_save_rejects_bad_format(pin_path):
    """save_pin refuses a badly formed PIN and writes nothing."""
    with pytest.raises(PinError):
        save_pin(pin_path, "12")
    assert not pin_path.exists()


def test_odd_attempt_does_not_crash(pin_path):
    """Attempts with letters, non-ASCII or lone surrogates are simply wrong."""
    save_pin(pin_path, "482916")
    for attempt in ("abcd", "４８２９１６", "\ud800", "4" * 1000):
        assert check_pin(pin_path, attempt) is False


def test_pin_is_set(pin_path):
    """pin_is_set follows the file's existence."""
    assert pin_is_set(pin_path) is False
    save_pin(pin_path, "4829")
    assert pin_is_set(pin_path) is True


def test_corrupt_file_still_counts_as_set(pin_path):
    """A corrupt PIN file is still "set", so it cannot be bypassed by choosing a new PIN."""
    pin_path.parent.mkdir()
    pin_path.write_text("garbage")
    assert pin_is_set(pin_path) is True


def test_missing_file_checks_false(pin_path):
    """With no PIN file every attempt is wrong rather than an error."""
    assert check_pin(pin_path, "1234") is False


@pytest.mark.real_scrypt
def test_file_holds_scrypt_record(pin_path):
    """The file is the documented JSON record with the current scrypt parameters (OWASP: N=2^17, r=8, p=1)."""
    save_pin(pin_path, "482916")
    data = json.loads(pin_path.read_text())
    assert data["version"] == 1
    assert data["kdf"] == "scrypt"
    assert (data["n"], data["r"], data["p"]) == (2**17, 8, 1)
    assert len(bytes.fromhex(data["salt"])) == 16
    assert len(bytes.fromhex(data["hash"])) == 32


def test_two_saves_differ(tmp_path):
    """The same PIN saved twice gets a different salt and so a different hash."""
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    save_pin(first, "482916")
    save_pin(second, "482916")
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a["salt"] != b["salt"]
    assert a["hash"] != b["hash"]


def test_no_plain_pin_in_file(pin_path, capsys, caplog):
    """Neither the file nor the output nor the log contains the PIN."""
    save_pin(pin_path, "739251")
    check_pin(pin_path, "739251")
    assert "739251" not in pin_path.read_text()
    assert b"739251".hex() not in pin_path.read_text()
    out, err = capsys.readouterr()
    assert "739251" not in out + err
    assert "739251" not in caplog.text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_is_owner_only(pin_path):
    """The PIN file is created with mode 0o600, even replacing a world-readable one."""
    pin_path.parent.mkdir()
    pin_path.write_text("{}")
    os.chmod(pin_path, 0o644)
    save_pin(pin_path, "482916")
    assert stat.S_IMODE(pin_path.stat().st_mode) == 0o600


def test_save_replaces_and_leaves_no_temp_file(pin_path):
    """A second save replaces the PIN and leaves only the PIN file in the folder."""
    save_pin(pin_path, "1111")
    save_pin(pin_path, "2222")
    assert check_pin(pin_path, "2222") is True
    assert check_pin(pin_path, "1111") is False
    assert [p.name for p in pin_path.parent.iterdir()] == ["pin.json"]


def test_failed_save_keeps_old_pin(pin_path, monkeypatch):
    """A full disk during save raises PinError naming the file, keeps the old PIN and cleans up."""
    save_pin(pin_path, "1111")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(PinError, match="cannot write the PIN file: No space left") as info:
        save_pin(pin_path, "2222")
    assert str(pin_path) in str(info.value)
    monkeypatch.undo()
    assert check_pin(pin_path, "1111") is True
    assert [p.name for p in pin_path.parent.iterdir()] == ["pin.json"]


def _hand_written(path: Path, pin: str, n: int, r: int = 8, p: int = 1, dklen: int = 32) -> None:
    """A PIN file written by hand with chosen parameters, as an older or newer version might."""
    salt = bytes(range(16))
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=2**28)
    record = {"version": 1, "kdf": "scrypt", "n": n, "r": r, "p": p, "salt": salt.hex(), "hash": digest.hex()}
    path.write_text(json.dumps(record))


def test_stored_parameters_are_used(tmp_path):
    """A file written with n=2**10 still verifies: the stored cost is used, not the current one."""
    path = tmp_path / "pin.json"
    _hand_written(path, "5555", n=2**10)
    assert check_pin(path, "5555") is True
    assert check_pin(path, "5556") is False


def test_higher_cost_beyond_openssl_default_verifies(tmp_path):
    """A future file with n=2**15 (above OpenSSL's default 32 MiB limit) verifies too."""
    path = tmp_path / "pin.json"
    _hand_written(path, "5555", n=2**15)
    assert check_pin(path, "5555") is True


def test_stored_hash_length_is_used(tmp_path):
    """A 64-byte hash is compared as 64 bytes."""
    path = tmp_path / "pin.json"
    _hand_written(path, "5555", n=2**10, dklen=64)
    assert check_pin(path, "5555") is True


def _record(**changes: object) -> dict:
    """A valid record (n=2**10) with some keys changed; a value of ... deletes the key."""
    salt = bytes(16)
    record = {
        "version": 1,
        "kdf": "scrypt",
        "n": 2**10,
        "r": 8,
        "p": 1,
        "salt": salt.hex(),
        "hash": hashlib.scrypt(b"1234", salt=salt, n=2**10, r=8, p=1, dklen=32).hex(),
    }
    for key, value in changes.items():
        if value is ...:
            del record[key]
        else:
            record[key] = value
    return record


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "not valid JSON"),
        ("{not json", "not valid JSON"),
        ("[" * 4000, "not valid JSON"),  # nested too deeply for the decoder, yet under the size cap
        ("[" * 100_000, "at most 4,096 are read"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps(_record(hash=...)), "missing hash"),
        (json.dumps(_record(salt=..., n=...)), "missing n, salt"),
        (json.dumps(_record(kdf="pbkdf2")), "unknown key-derivation function 'pbkdf2'"),
        (json.dumps(_record(version=2)), "unsupported PIN file version 2"),
        (json.dumps(_record(salt="zz")), "salt is not valid hex"),
        (json.dumps(_record(hash="abc")), "hash is not valid hex"),
        (json.dumps(_record(hash="")), "hash must be a non-empty"),
        (json.dumps(_record(salt=12)), "salt must be a non-empty"),
        (json.dumps(_record(hash="00" * 8)), "hash must be 16 to 64 bytes"),
        (json.dumps(_record(n=1000)), "power of two"),
        (json.dumps(_record(n="16384")), "n must be a positive integer"),
        (json.dumps(_record(r=0)), "r must be a positive integer"),
        (json.dumps(_record(p=True)), "p must be a positive integer"),
        (json.dumps(_record(n=2**30)), "more than 256 MiB"),
    ],
)
def test_corrupt_file_raises_naming_file(tmp_path, content, words):
    """Each kind of corrupt PIN file raises PinError that names the file and the problem."""
    path = tmp_path / "pin.json"
    path.write_text(content)
    with pytest.raises(PinError, match=words) as info:
        check_pin(path, "1234")
    assert str(info.value).startswith(f"{path}: ")
    assert info.value.path == path


def test_undecodable_file_raises_naming_file(tmp_path):
    """A PIN file of binary junk raises PinError naming the file."""
    path = tmp_path / "pin.json"
    path.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(PinError, match="not UTF-8") as info:
        check_pin(path, "1234")
    assert str(path) in str(info.value)


def test_unreadable_file_raises_naming_file(tmp_path):
    """A PIN path that cannot be read (here a folder) raises PinError naming it."""
    path = tmp_path / "pin.json"
    path.mkdir()
    with pytest.raises(PinError, match="cannot read the PIN file") as info:
        check_pin(path, "1234")
    assert str(path) in str(info.value)


def test_valid_hand_record_matches(tmp_path):
    """The record the corrupt-file cases start from is itself valid (so each case tests one fault)."""
    path = tmp_path / "pin.json"
    path.write_text(json.dumps(_record()))
    assert check_pin(path, "1234") is True
