"""A FIFO, a huge file or a link in place of a run-time file (settings, PIN, lockout, statistics) never hangs
or stops the kiosk: each is refused at once with a message, and the kiosk goes on with safe values."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.config.settings import Settings, load_settings
from kiosk.staff.lockout import Lockout, LockoutPolicy
from kiosk.staff.pin import PinError, check_pin, pin_is_set
from kiosk.stats.store import StatsStore
from tests.bounded import within_seconds


@pytest.mark.allow_warnings
def test_settings_fifo_gives_defaults_at_once(tmp_path: Path) -> None:
    """settings.toml as a FIFO: defaults and a located message, without waiting for a writer."""
    path = tmp_path / "settings.toml"
    os.mkfifo(path)
    with within_seconds(5):
        values, problems = load_settings(path)
    assert values == Settings()
    assert str(problems[0]).startswith(f"{path}:1: file: ") and "FIFO" in str(problems[0])


def test_pin_fifo_is_an_unusable_pin_file(tmp_path: Path) -> None:
    """pin.json as a FIFO: the check fails closed (PinError) at once, and still counts as a PIN being set."""
    path = tmp_path / "pin.json"
    os.mkfifo(path)
    with within_seconds(5), pytest.raises(PinError, match="FIFO"):
        check_pin(path, "1234")
    assert pin_is_set(path)


def test_a_400_mb_pin_file_is_never_read_whole(tmp_path: Path) -> None:
    """A 400 MB pin.json is refused from its size (it was read whole on every try)."""
    path = tmp_path / "pin.json"
    with path.open("wb") as handle:
        handle.truncate(400_000_000)
    with within_seconds(5), pytest.raises(PinError, match="400,000,000 bytes"):
        check_pin(path, "1234")


@pytest.mark.allow_warnings
def test_lockout_fifo_locks_at_once(tmp_path: Path) -> None:
    """lockout.json as a FIFO: the pad locks (fails closed) and the FIFO is replaced by a real state file."""
    path = tmp_path / "lockout.json"
    os.mkfifo(path)
    with within_seconds(5):
        lockout = Lockout(path, LockoutPolicy(), clock=lambda: 1000.0)
    assert lockout.locked_for() == 30.0
    assert path.is_file()


@pytest.mark.allow_warnings
def test_statistics_fifo_is_set_aside_at_once(tmp_path: Path) -> None:
    """visits.sqlite3 as a FIFO: moved aside like a damaged file, and a fresh file records visits."""
    path = tmp_path / "visits.sqlite3"
    os.mkfifo(path)
    with within_seconds(10), StatsStore(path) as store:
        assert store.available
        assert any("FIFO" in note for note in store.notes)
    assert path.is_file()


@pytest.mark.allow_warnings
def test_a_fifo_for_the_log_falls_back_to_the_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kiosk.log as a FIFO (opening it to write would block for ever): logs go to the console, at once."""
    import logging

    from kiosk.core import logs

    folder = tmp_path / "log"
    folder.mkdir()
    os.mkfifo(folder / "kiosk.log")
    root = logging.getLogger("kiosk")
    handlers = list(root.handlers)
    monkeypatch.setattr(logs, "_fault_file", object())  # crash.log is already open in this test process
    try:
        with within_seconds(5):
            assert logs.setup_logging(folder) is None
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)


@pytest.mark.allow_warnings
@pytest.mark.parametrize("suffix", ["-journal", "-wal", "-shm"])
def test_a_fifo_beside_the_statistics_file_is_set_aside_at_once(tmp_path: Path, suffix: str) -> None:
    """A FIFO as visits.sqlite3-journal (or -wal, -shm), which SQLite would open and block on, is set aside too."""
    path = tmp_path / "visits.sqlite3"
    with StatsStore(path) as store:
        assert store.available
    os.mkfifo(f"{path}{suffix}")
    with within_seconds(10), StatsStore(path) as store:
        assert store.available
        assert any("not a regular file" in note for note in store.notes)
    assert not os.path.lexists(f"{path}{suffix}")
