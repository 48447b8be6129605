"""Every run-time file is owner-only (0600) in an owner-only folder (0700), whatever the umask says."""

from __future__ import annotations

import faulthandler
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config.settings import save_override
from kiosk.content.cache import load_content
from kiosk.core import logs
from kiosk.core.files import replace_file
from kiosk.staff.lockout import Lockout, LockoutPolicy
from kiosk.staff.pin import save_pin
from kiosk.stats.store import StatsStore
from tests.conftest import SHIPPED_CONTENT, kiosk_logger_restored
from tests.stats.samples import make_record

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual desktop umask (022), under which files are created readable by every user."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def fresh_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """setup_logging as on a first start (crash.log not yet open); the kiosk logger restored afterwards."""
    previous = logs._fault_file
    monkeypatch.setattr(logs, "_fault_file", None)
    with kiosk_logger_restored():
        yield
        if logs._fault_file is not None:
            faulthandler.disable()
            logs._fault_file.close()
        if previous is not None:
            faulthandler.enable(previous)


def test_logs_and_crash_trace_are_owner_only(tmp_path: Path, open_umask: None, fresh_logging: None) -> None:
    """kiosk.log, crash.log and a rotated kiosk.log.1 are 0600 in a 0700 log folder (they were 0644)."""
    folder = tmp_path / "state" / "log"
    path = logs.setup_logging(folder)
    assert path is not None
    logging.getLogger("kiosk.test").info("hello")
    handler = next(h for h in logging.getLogger("kiosk").handlers if isinstance(h, logs.RotatingFile))
    handler.rotate()
    assert mode(folder) == 0o700
    assert {p.name: mode(p) for p in folder.iterdir()} == {"kiosk.log": 0o600, "kiosk.log.1": 0o600, "crash.log": 0o600}


@pytest.mark.allow_warnings
def test_a_world_readable_log_from_before_is_made_owner_only(
    tmp_path: Path, open_umask: None, fresh_logging: None
) -> None:
    """Files and folders left readable by an older version are narrowed when the kiosk opens them."""
    folder = tmp_path / "log"
    folder.mkdir(mode=0o755)
    for name in ("kiosk.log", "crash.log"):
        (folder / name).write_text("old\n")
        os.chmod(folder / name, 0o644)
    logs.setup_logging(folder)
    assert mode(folder) == 0o700
    assert mode(folder / "kiosk.log") == mode(folder / "crash.log") == 0o600


def test_statistics_file_is_owner_only(tmp_path: Path, open_umask: None) -> None:
    """visits.sqlite3 (and its rollback journal, which takes the file's mode) is 0600 in a 0700 folder."""
    path = tmp_path / "data" / "visits.sqlite3"
    with StatsStore(path) as store:
        assert store.add(make_record())
    assert (mode(path.parent), mode(path)) == (0o700, 0o600)


def test_settings_pin_lockout_and_cache_are_owner_only(tmp_path: Path, open_umask: None) -> None:
    """Everything written through replace_file is 0600 in a 0700 folder: settings, PIN, lockout, content cache."""
    config, data, cache = tmp_path / "config", tmp_path / "data", tmp_path / "cache"
    assert save_override(config / "settings.toml", "default_language", "en")
    save_pin(config / "pin.json", "135790")
    Lockout(data / "lockout.json", LockoutPolicy()).record_failure()
    library, _ = load_content(SHIPPED_CONTENT, cache)
    assert library is not None
    replace_file(data / "other.bin", b"x")
    for folder in (config, data, cache):
        assert mode(folder) == 0o700, folder
        for path in folder.iterdir():
            assert mode(path) == 0o600, path


def test_replace_file_can_still_write_a_shared_file(tmp_path: Path, open_umask: None) -> None:
    """private=False (the clinic chain's outbox, read by the sync engine) follows the umask as before."""
    replace_file(tmp_path / "shared" / "summary.json", b"{}", private=False)
    assert mode(tmp_path / "shared" / "summary.json") == 0o644
