"""What the staff screen of the desk remote shows: on or off and where, the pairing code, the devices."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RemoteView:
    on: bool
    url: str  # the pairing address the QR code holds; "" when off
    problem: str  # why it could not start; "" when it did
    code: str  # the pairing code shown now; "" when none
    code_minutes: int  # minutes the code stays valid (rounded up)
    devices: tuple[tuple[str, str], ...]  # (id, name) of each paired device, oldest first
    fingerprint: str = ""  # SHA-256 of the TLS certificate, to compare with the browser's; "" without TLS
