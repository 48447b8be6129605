"""`kiosk update`: a newer package beside the running one, kept only if it reaches READY; clinic files untouched."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from kiosk.deploy.layout import Layout
from kiosk.deploy.ready import reaches_ready
from kiosk.deploy.update import update
from tests.deploy.conftest import target

LAYOUT = Layout()
CLINIC_FILES = ("etc/clinic-kiosk/settings.toml", "etc/clinic-kiosk/pin.json", "var/lib/clinic-kiosk/visits.sqlite3",
                "var/lib/clinic-kiosk/content/stretching/lesson.toml")  # fmt: skip


def _clinic_files(root: Path) -> dict[str, bytes]:
    """Settings, PIN, statistics and a lesson, as a clinic would have them."""
    for name in CLINIC_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(f"{name} of the clinic".encode())
    return {name: (root / name).read_bytes() for name in CLINIC_FILES}


def _link(root: Path, name: str) -> str:
    path = root / "opt/clinic-kiosk" / name
    return os.readlink(path) if path.is_symlink() else ""


@pytest.mark.slow  # builds a venv
def test_update_switches_to_the_new_package_keeps_the_last_and_removes_older_ones(installed, rebuilt, requirements):
    """READY in time: current is the new venv, previous the one it replaced, anything older is gone; files untouched."""
    before = _clinic_files(installed)
    first = _link(installed, "current")
    older = installed / "opt/clinic-kiosk/venv-0.0.1-0badc0de"
    older.mkdir()
    lines: list[str] = []
    assert update(LAYOUT, target(installed, lines), rebuilt("b"), requirements, ready=lambda: True) == 0
    assert _link(installed, "current") != first and _link(installed, "previous") == first
    assert (installed / "opt/clinic-kiosk/current/bin/kiosk").is_file()
    assert not older.exists()
    assert {p.name for p in (installed / "opt/clinic-kiosk").glob("venv-*")} == {first, _link(installed, "current")}
    assert {name: (installed / name).read_bytes() for name in CLINIC_FILES} == before


@pytest.mark.slow  # builds a venv, and starts it
def test_update_rolls_back_when_the_new_package_does_not_reach_ready(installed, rebuilt, requirements):
    """The staged package cannot start (its requirements are not there), so it never says READY: current goes back."""
    before = _clinic_files(installed)
    first = _link(installed, "current")
    lines: list[str] = []
    assert update(LAYOUT, target(installed, lines), rebuilt("broken"), requirements) == 1  # the real READY check
    assert _link(installed, "current") == first and _link(installed, "previous") == ""
    assert [p.name for p in (installed / "opt/clinic-kiosk").glob("venv-*")] == [first]
    assert any("did not reach READY: rolling back" in line for line in lines)
    assert {name: (installed / name).read_bytes() for name in CLINIC_FILES} == before


def test_update_of_the_running_package_changes_nothing(installed, wheel, requirements):
    """The same wheel again: nothing is built, switched or restarted."""
    called: list[bool] = []
    lines: list[str] = []
    assert update(LAYOUT, target(installed, lines), wheel, requirements, ready=lambda: called.append(True) or True) == 0
    assert not called and lines[0].startswith("unchanged:")


def test_update_dry_run_says_what_it_would_do_and_does_nothing(installed, rebuilt, requirements):
    """--dry-run: the new venv, the links and the READY rule are printed; nothing is built or switched."""
    first = _link(installed, "current")
    lines: list[str] = []
    assert update(LAYOUT, target(installed, lines, dry_run=True), rebuilt("c"), requirements) == 0
    assert _link(installed, "current") == first
    assert any("must say READY within 60 s" in line for line in lines)


def test_reaches_ready_hears_the_kiosk_and_not_a_program_that_exits_or_hangs(tmp_path):
    """The READY check: the real kiosk (offscreen) says READY=1; a program that exits or stays silent does not."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for kind in ("CONFIGURATION", "STATE", "CACHE", "LOGS"):
        (tmp_path / kind).mkdir()
        env[f"{kind}_DIRECTORY"] = str(tmp_path / kind)
    assert reaches_ready([sys.executable, "-m", "kiosk", "run"], env, seconds=60)
    assert not reaches_ready([sys.executable, "-c", "pass"], env, seconds=60)
    assert not reaches_ready([sys.executable, "-c", "import time; time.sleep(60)"], env, seconds=1)
