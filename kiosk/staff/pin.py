"""The staff PIN: stored only as a salted scrypt hash, checked in constant time.

The file holds the key-derivation parameters beside the hash, so a later version can raise the cost
for new PINs while files written today keep verifying.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from kiosk.core.errors import KioskError
from kiosk.core.files import read_file, replace_file
from kiosk.core.i18n import _

log = logging.getLogger("kiosk.staff")

MIN_DIGITS = 4
SUGGESTED_DIGITS = 6
MAX_DIGITS = 12

FORMAT_VERSION = 1
KDF = "scrypt"
# OWASP's minimum for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1, i.e. 128 MiB per check.
# One check took 0.78 s (best of 5) on the shared 2-core build machine, 8x the 0.13 s of N=2^14; every
# guess against a stolen file costs an attacker the same.
# Files written at a lower cost (N=2^14 before) still verify and are rehashed at the next right PIN.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32
SALT_BYTES = 16
# A file asking for more memory than this is treated as corrupt rather than allowed to stall the kiosk.
MAX_SCRYPT_MEMORY = 256 * 1024 * 1024
# scrypt's time grows with n*r*p; memory only with n*r. A tampered p=64 stays under the memory bound and one try
# took 27 s, so the work is bounded too: never more than OWASP's parameters ask (0.78 s measured above).
MAX_SCRYPT_WORK = SCRYPT_N * SCRYPT_R * SCRYPT_P

# A PIN file is about 250 bytes; anything much larger is refused from its size, never read whole.
MAX_PIN_FILE_BYTES = 4096

_REQUIRED_KEYS = ("version", "kdf", "n", "r", "p", "salt", "hash")


class PinError(KioskError):
    """A PIN in the wrong format, or a PIN file that cannot be read or makes no sense."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path is not None else message)


def validate_pin_format(pin: str) -> None:
    """Raise PinError unless `pin` is 4 to 12 ASCII digits (the message never repeats the PIN)."""
    # isdigit alone would accept "²" or Arabic-Indic digits, which the keypad cannot type back.
    if not pin:
        message = _("the PIN is empty; use at least {least} digits ({suggested} are suggested)")
        raise PinError(message.format(least=MIN_DIGITS, suggested=SUGGESTED_DIGITS))
    if not (pin.isascii() and pin.isdigit()):
        raise PinError(_("the PIN must contain only the digits 0-9"))
    if len(pin) < MIN_DIGITS:
        message = _("the PIN has {count} digits; use at least {least} ({suggested} are suggested)")
        raise PinError(message.format(count=len(pin), least=MIN_DIGITS, suggested=SUGGESTED_DIGITS))
    if len(pin) > MAX_DIGITS:
        raise PinError(_("the PIN has {count} digits; use at most {most}").format(count=len(pin), most=MAX_DIGITS))


def save_pin(path: Path, pin: str) -> None:
    """Store a salted scrypt hash of `pin` in `path` (atomically, owner-only).

    Raises PinError for a badly formed PIN or a file that cannot be written; the old PIN then stays.
    """
    validate_pin_format(pin)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_DKLEN)
    record = {
        "version": FORMAT_VERSION,
        "kdf": KDF,
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": salt.hex(),
        "hash": digest.hex(),
    }
    try:
        replace_file(path, (json.dumps(record, indent=2) + "\n").encode("utf-8"))
    except OSError as exc:
        raise PinError(_("cannot write the PIN file: {why}").format(why=exc.strerror or exc), path) from exc
    log.info("staff PIN saved to %s", path)


def pin_is_set(path: Path) -> bool:
    """Whether a PIN file exists; a corrupt one still counts, so it cannot be bypassed by setting a new PIN.

    One that cannot even be looked at (its folder unsearchable) counts too: failing closed, never an exception."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


def check_pin(path: Path, attempt: str) -> bool:
    """Whether `attempt` matches the stored PIN; False when no PIN is set, PinError when the file is corrupt."""
    record = _load(path)
    if record is None:
        return False
    salt, expected, n, r, p = record
    try:
        actual = _scrypt(attempt, salt, n, r, p, len(expected))
    except ValueError as exc:  # parameters OpenSSL refuses
        message = _("corrupt PIN file: scrypt refuses its parameters ({error})").format(error=exc)
        raise PinError(message, path) from exc
    # Constant-time, so response time does not reveal how much of the hash matched.
    if not hmac.compare_digest(actual, expected):
        return False
    if (n, r, p) != (SCRYPT_N, SCRYPT_R, SCRYPT_P):  # a lower cost, or other parameters of no more work
        _upgrade(path, attempt)
    return True


def _upgrade(path: Path, pin: str) -> None:
    """Rehash a right PIN stored at a lower cost than today's; a failure leaves the old file, which still works."""
    try:
        save_pin(path, pin)
    except PinError as error:
        log.warning("the staff PIN could not be rehashed at the current cost: %s", error)
        return
    log.info("staff PIN rehashed at the current scrypt cost (n=%d, r=%d, p=%d)", SCRYPT_N, SCRYPT_R, SCRYPT_P)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    """scrypt with enough memory allowed for the given parameters (OpenSSL's default stops at 32 MiB)."""
    # surrogatepass: an odd attempt string should simply not match, never crash the pad.
    secret = pin.encode("utf-8", "surrogatepass")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=_scrypt_memory(n, r, p) + 2**20)


def _scrypt_memory(n: int, r: int, p: int) -> int:
    """Bytes scrypt needs for these parameters (its V and B arrays)."""
    return 128 * r * (n + p + 2)


def _read_json(path: Path) -> dict[str, Any] | None:
    """The PIN file's JSON object, or None when there is no file; PinError when it cannot be read or parsed."""
    try:
        text = read_file(path, MAX_PIN_FILE_BYTES).decode("utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise PinError(_("corrupt PIN file: not UTF-8 text"), path) from exc
    except OSError as exc:  # FileRefusedError too: a FIFO, a device, a huge file, a link out of its folder
        raise PinError(_("cannot read the PIN file: {why}").format(why=exc.strerror or exc), path) from exc
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        message = _("corrupt PIN file: not valid JSON ({error} at line {line})").format(error=exc.msg, line=exc.lineno)
        raise PinError(message, path) from exc
    except RecursionError as exc:  # absurdly deep nesting
        raise PinError(_("corrupt PIN file: not valid JSON (nested too deeply)"), path) from exc
    if not isinstance(data, dict):
        raise PinError(_("corrupt PIN file: expected a JSON object"), path)
    return data


def _check_format(path: Path, data: dict[str, Any]) -> None:
    """Every key there, this format's version, this key-derivation function."""
    missing = [key for key in _REQUIRED_KEYS if key not in data]
    if missing:
        raise PinError(_("corrupt PIN file: missing {keys}").format(keys=", ".join(missing)), path)
    if data["version"] != FORMAT_VERSION:
        message = _("unsupported PIN file version {version!r} (expected {expected})")
        raise PinError(message.format(version=data["version"], expected=FORMAT_VERSION), path)
    if data["kdf"] != KDF:
        message = _("unknown key-derivation function {kdf!r} (expected {expected!r})")
        raise PinError(message.format(kdf=data["kdf"], expected=KDF), path)


def _check_cost(path: Path, n: int, r: int, p: int) -> None:
    """scrypt's parameters: n a power of two, and never more memory or work than a tampered file could ask."""
    if n < 2 or n & (n - 1):
        raise PinError(_("corrupt PIN file: n must be a power of two above 1, not {n}").format(n=n), path)
    if _scrypt_memory(n, r, p) > MAX_SCRYPT_MEMORY:
        message = _("corrupt PIN file: n={n}, r={r}, p={p} would need more than 256 MiB")
        raise PinError(message.format(n=n, r=r, p=p), path)
    if n * r * p > MAX_SCRYPT_WORK:
        message = _(
            "corrupt PIN file: n={n}, r={r}, p={p} asks more work than n={most_n}, r={most_r}, p={most_p};"
            " set the PIN again with 'kiosk set-pin'"
        ).format(n=n, r=r, p=p, most_n=SCRYPT_N, most_r=SCRYPT_R, most_p=SCRYPT_P)
        raise PinError(message, path)


def _load(path: Path) -> tuple[bytes, bytes, int, int, int] | None:
    """Read and check a PIN file: (salt, hash, n, r, p), or None when there is no file."""
    data = _read_json(path)
    if data is None:
        return None
    _check_format(path, data)
    n, r, p = (_positive_int(path, data, key) for key in ("n", "r", "p"))
    _check_cost(path, n, r, p)
    salt = _hex(path, data, "salt")
    digest = _hex(path, data, "hash")
    # The hash length sets scrypt's output length; a tampered huge one must not stall the pad.
    if not 16 <= len(digest) <= 64:
        raise PinError(_("corrupt PIN file: hash must be 16 to 64 bytes, not {size}").format(size=len(digest)), path)
    return salt, digest, n, r, p


def _positive_int(path: Path, data: dict[str, Any], key: str) -> int:
    """An integer parameter of at least 1 (bool is rejected: JSON true is not a cost)."""
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        message = _("corrupt PIN file: {key} must be a positive integer, not {value!r}")
        raise PinError(message.format(key=key, value=value), path)
    return value


def _hex(path: Path, data: dict[str, Any], key: str) -> bytes:
    """A non-empty hex string decoded to bytes."""
    value = data[key]
    try:
        decoded = bytes.fromhex(value) if isinstance(value, str) else b""
    except ValueError as exc:
        raise PinError(_("corrupt PIN file: {key} is not valid hex").format(key=key), path) from exc
    if not decoded:
        raise PinError(_("corrupt PIN file: {key} must be a non-empty hex string").format(key=key), path)
    return decoded
