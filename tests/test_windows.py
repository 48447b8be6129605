"""The code paths that differ on Windows, checked here: folders, no watchdog, no installer.

What cannot be checked without Windows (Assigned Access, Shell Launcher, Task Scheduler, autologon) is listed in
docs/deploy-windows.md as unverified.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest

from kiosk.core import paths
from kiosk.core.sdnotify import Notifier, watchdog_interval_ms
from kiosk.deploy import command
from tests.conftest import ROOT

LOCAL = r"C:\Users\kiosk\AppData\Local"


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs answering as on Windows (its folders from the environment, as when ctypes cannot ask)."""
    for name in ("CONFIGURATION_DIRECTORY", "STATE_DIRECTORY", "CACHE_DIRECTORY", "LOGS_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LOCALAPPDATA", LOCAL)
    monkeypatch.setenv("APPDATA", r"C:\Users\kiosk\AppData\Roaming")
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", platformdirs.windows.get_win_folder_from_env_vars)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)


def test_on_windows_every_folder_is_the_users_local_app_data(windows: None) -> None:
    """Settings, PIN, statistics, cache and logs under %LOCALAPPDATA%\\clinic-kiosk, never in the program's folder."""
    found = (paths.config_dir(), paths.data_dir(), paths.cache_dir(), paths.log_dir())
    for folder in found:
        assert str(folder).replace("\\", "/").startswith(LOCAL.replace("\\", "/") + "/clinic-kiosk"), folder
        assert ROOT not in Path(folder).parents


def test_on_windows_there_is_no_watchdog_and_no_unix_socket_is_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without $NOTIFY_SOCKET (never set on Windows) the notifier is inert, even where socket has no AF_UNIX."""
    monkeypatch.delattr(socket, "AF_UNIX", raising=False)
    notifier = Notifier({})
    assert not notifier.active and not notifier.send("WATCHDOG=1")
    assert watchdog_interval_ms({}) is None
    notifier.close()


def test_the_installer_says_it_is_for_debian_only_on_windows(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """`kiosk install` on Windows changes nothing and points to docs/deploy-windows.md."""
    monkeypatch.setattr(sys, "platform", "win32")
    args = argparse.Namespace(command="install", root=Path("C:/"), dry_run=False, wheel=None, requirements=None)
    assert command.run(args) == 1
    assert "docs/deploy-windows.md" in capsys.readouterr().err
    assert (ROOT / "docs/deploy-windows.md").is_file()
