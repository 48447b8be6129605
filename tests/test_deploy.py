"""The shipped systemd unit: restarts forever (not after 'leave the kiosk'), a watchdog, and a tight sandbox."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.app.kiosk import EXIT_STAFF_LEFT
from tests.conftest import ROOT

UNIT = ROOT / "deploy" / "clinic-kiosk.service"
MAX_EXPOSURE = 5.0


def _service() -> configparser.SectionProxy:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read(UNIT, encoding="utf-8")
    return unit["Service"]


def test_systemd_unit_restarts_forever() -> None:
    """Restart=always, RestartSec >= 1 s, StartLimitIntervalSec=0, and it starts main.py."""
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(UNIT, encoding="utf-8")
    assert unit["Service"]["Restart"] == "always"
    assert float(unit["Service"]["RestartSec"]) >= 1
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    assert unit["Service"]["ExecStart"].endswith("main.py")


def test_the_unit_has_a_watchdog_and_does_not_restart_after_leave() -> None:
    """Type=notify with WatchdogSec, and the exit status of 'leave the kiosk' prevents the restart."""
    service = _service()
    assert service["Type"] == "notify" and int(service["WatchdogSec"]) >= 10
    assert str(EXIT_STAFF_LEFT) in service["RestartPreventExitStatus"].split()


def test_the_unit_is_sandboxed() -> None:
    """The settings the audit found missing are there (NoNewPrivileges, ProtectSystem, UMask, ...)."""
    service = _service()
    assert service["NoNewPrivileges"] == "yes" and service["ProtectSystem"] == "strict"
    assert service["ProtectHome"] == "read-only" and service["PrivateTmp"] == "yes"
    assert service["UMask"] == "0077"
    assert service["RestrictAddressFamilies"].split() == ["AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_rates_the_unit_at_most_5(tmp_path: Path) -> None:
    """`systemd-analyze security --offline=yes --user` rates the unit's exposure 5.0 or less (it was 9.8)."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}  # the user manager's tables need one, even offline
    done = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", "--user", str(UNIT)],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )  # fmt: skip
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d)", done.stdout)
    assert match, done.stdout + done.stderr
    assert float(match.group(1)) <= MAX_EXPOSURE


def test_the_unit_sets_a_file_descriptor_limit_above_the_desk_pages_cap() -> None:
    """LimitNOFILE set (it was unset: ~1,060 slow connections ran the kiosk out of descriptors), with room for
    the desk page's whole connection cap beside the kiosk's own files, sockets and GPU handles."""
    from kiosk.app.remote_guard import ConnectionLimits

    limit = int(_service()["LimitNOFILE"].split(":")[-1])
    assert limit >= 4 * ConnectionLimits().total + 1024
