"""Paired devices: tokens stored only as hashes, owner-only file, revoke, damaged file pairs nobody."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.remote.devices import MAX_DEVICES, MAX_NAME, DeviceStore, token_hash


def test_a_paired_token_is_found_and_never_stored(tmp_path: Path) -> None:
    """The token finds its device; the file holds its SHA-256, never the token itself."""
    store = DeviceStore(tmp_path / "devices.json")
    device, token = store.pair("受付PC")
    assert len(token) >= 40
    assert store.find(token) == device
    text = (tmp_path / "devices.json").read_text(encoding="utf-8")
    assert token not in text
    assert token_hash(token) in text
    assert DeviceStore(tmp_path / "devices.json").find(token) == device  # survives a restart


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_file_is_owner_only(tmp_path: Path) -> None:
    """The devices file is readable by its owner only."""
    store = DeviceStore(tmp_path / "devices.json")
    store.pair("x")
    assert stat.S_IMODE(os.stat(tmp_path / "devices.json").st_mode) == 0o600


def test_wrong_and_revoked_tokens_find_nothing(tmp_path: Path) -> None:
    """A made-up token finds no device, and a revoked device's token stops working at once."""
    store = DeviceStore(tmp_path / "devices.json")
    device, token = store.pair("phone")
    other, other_token = store.pair("pc")
    assert store.find("x" * 43) is None
    assert store.revoke(device.id)
    assert store.find(token) is None
    assert store.find(other_token) == other
    assert DeviceStore(tmp_path / "devices.json").find(token) is None
    assert not store.revoke(device.id)


def test_names_are_cleaned_and_renamed(tmp_path: Path) -> None:
    """A name loses control characters and is cut to MAX_NAME; an empty one gets a neutral default."""
    store = DeviceStore(tmp_path / "devices.json")
    device, _ = store.pair("受付\n\x1b[31mPC" + "x" * 100)
    assert "\n" not in device.name and "\x1b" not in device.name
    assert len(device.name) == MAX_NAME
    blank, _ = store.pair("   ")
    assert blank.name.startswith("device ")
    assert store.rename(blank.id, "診察室")
    assert [d.name for d in DeviceStore(tmp_path / "devices.json").devices][-1] == "診察室"


def test_the_list_is_bounded(tmp_path: Path) -> None:
    """Pairing beyond MAX_DEVICES drops the oldest device, so the file cannot grow without end."""
    store = DeviceStore(tmp_path / "devices.json")
    _first, first_token = store.pair("first")
    for n in range(MAX_DEVICES):
        store.pair(f"d{n}")
    assert len(store.devices) == MAX_DEVICES
    assert store.find(first_token) is None


@pytest.mark.allow_warnings
@pytest.mark.parametrize(
    "text",
    ["not json", json.dumps({"version": 99, "devices": []}), json.dumps({"version": 1, "devices": [{"id": 1}]}),
     json.dumps({"version": 1, "devices": [{"id": "a", "name": "n", "token_hash": "short", "paired_at": 0}]}), "[]"],
)  # fmt: skip
def test_a_damaged_file_pairs_nobody(tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture) -> None:
    """A file that is not what the kiosk wrote pairs no device, and the log says why."""
    path = tmp_path / "devices.json"
    path.write_text(text, encoding="utf-8")
    assert DeviceStore(path).devices == []
    assert "no device is paired" in caplog.text
