"""The shipped systemd unit restarts the kiosk always, after a delay, with no start limit."""

from __future__ import annotations

import configparser

from tests.conftest import ROOT


def test_systemd_unit_restarts_forever() -> None:
    """Restart=always, RestartSec >= 1 s, StartLimitIntervalSec=0, and it starts main.py."""
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read(ROOT / "deploy" / "clinic-kiosk.service", encoding="utf-8")
    assert unit["Service"]["Restart"] == "always"
    assert float(unit["Service"]["RestartSec"]) >= 1
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    assert unit["Service"]["ExecStart"].endswith("main.py")
