"""Paired desk devices: a name and the hash of a long random token each, in one owner-only file.

The token itself is shown to the device once, at pairing, and never stored: a stolen file pairs nothing.
A token is 32 random bytes, so a plain SHA-256 is enough (a slow hash only matters for guessable secrets
such as the PIN). A damaged file pairs nobody, and says so in the log: it can only make the kiosk stricter.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.core.files import read_file, replace_file

log = logging.getLogger("kiosk.remote")

FILE_VERSION = 1
MAX_DEVICES = 20
MAX_NAME = 40
MAX_FILE_BYTES = 64 * 1024  # 20 devices of about 200 bytes each


@dataclass(frozen=True)
class Device:
    id: str  # short random id, for the staff menu and the log; not a secret
    name: str
    token_hash: str
    paired_at: float  # epoch seconds


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def clean_name(name: str, fallback: str) -> str:
    """A device name as staff will read it: printable, one line, at most MAX_NAME characters."""
    shown = " ".join("".join(ch for ch in name if ch.isprintable()).split())[:MAX_NAME]
    return shown or fallback


class DeviceStore:
    """The paired devices, saved after every change (pair, rename, revoke)."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._devices: dict[str, Device] = {}
        self._load()

    @property
    def devices(self) -> list[Device]:
        return sorted(self._devices.values(), key=lambda d: d.paired_at)

    def pair(self, name: str) -> tuple[Device, str]:
        """A new device and its token (returned once, never stored); the oldest goes when the list is full."""
        while len(self._devices) >= MAX_DEVICES:
            oldest = self.devices[0]
            log.info("remote: device %r unpaired to make room", oldest.name)
            del self._devices[oldest.id]
        token = secrets.token_urlsafe(32)
        device_id = secrets.token_hex(4)
        device = Device(device_id, clean_name(name, f"device {device_id}"), token_hash(token), self._clock())
        self._devices[device_id] = device
        self._save()
        return device, token

    def find(self, token: str) -> Device | None:
        """The device holding `token`; every stored hash is compared in constant time."""
        wanted = token_hash(token)
        found = None
        for device in self._devices.values():
            if hmac.compare_digest(device.token_hash, wanted):
                found = device
        return found

    def rename(self, device_id: str, name: str) -> bool:
        device = self._devices.get(device_id)
        if device is None:
            return False
        self._devices[device_id] = Device(device.id, clean_name(name, device.name), device.token_hash, device.paired_at)
        self._save()
        return True

    def revoke(self, device_id: str) -> bool:
        """Forget a device: its token stops working at once."""
        device = self._devices.pop(device_id, None)
        if device is None:
            return False
        log.info("remote: device %r revoked", device.name)
        self._save()
        return True

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            data = json.loads(read_file(self.path, MAX_FILE_BYTES).decode("utf-8"))
            if data.get("version") != FILE_VERSION:
                raise ValueError(f"unknown version {data.get('version')!r}")
            for item in data["devices"]:
                device = Device(str(item["id"]), str(item["name"]), str(item["token_hash"]), float(item["paired_at"]))
                if len(device.token_hash) != 64:
                    raise ValueError(f"device {device.id}: token_hash is not a SHA-256 hex digest")
                self._devices[device.id] = device
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            self._devices = {}
            log.warning("remote: paired devices file %s unusable (%s): no device is paired", self.path, error)

    def _save(self) -> None:
        data = {"version": FILE_VERSION, "devices": [asdict(d) for d in self.devices]}
        try:
            replace_file(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), private=True)
        except OSError as error:  # kept in memory: the pairing works until the kiosk restarts
            log.warning("remote: cannot save paired devices to %s (%s)", self.path, error)
