"""`kiosk install` / `uninstall` in a staging root: the user, the units, the files; dry run; idempotent; reversed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.deploy.install import DEBIAN_PACKAGES, install, uninstall
from kiosk.deploy.layout import Layout
from kiosk.deploy.units import pam_session, service_unit
from tests.conftest import ROOT
from tests.deploy.conftest import REAL_UNIT, empty_root, target

LAYOUT = Layout()
MAX_EXPOSURE = 2.5


@pytest.mark.slow  # one venv is built per session (about a minute on a busy machine)
def test_install_makes_the_user_the_units_and_the_files_in_the_staging_root(installed):
    """The kiosk user (no login, home in /var/lib), the unit, PAM, owner-only folders and the venv, all under root."""
    root = installed
    passwd = (root / "etc/passwd").read_text()
    assert re.search(r"^kiosk:x:(\d+):\1:clinic kiosk:/var/lib/clinic-kiosk:/usr/sbin/nologin$", passwd, re.M)
    assert "kiosk:!:" in (root / "etc/shadow").read_text()
    assert "video:x:44:kiosk" in (root / "etc/group").read_text().splitlines()
    assert (root / "etc/systemd/system/clinic-kiosk.service").read_text() == service_unit(LAYOUT)
    assert (root / "etc/pam.d/clinic-kiosk").read_text() == pam_session(LAYOUT)
    for folder in ("etc/clinic-kiosk", "var/lib/clinic-kiosk", "var/cache/clinic-kiosk", "var/log/clinic-kiosk"):
        assert (root / folder).stat().st_mode & 0o777 == 0o700, folder
    current = root / "opt/clinic-kiosk/current"
    assert current.is_symlink() and re.fullmatch(r"venv-\d[^/]*-[0-9a-f]{8}", os.readlink(current))
    shebang = (current / "bin/kiosk").read_text().splitlines()[0]  # a venv cannot move: built where it stays
    assert shebang.endswith(f"/opt/clinic-kiosk/{os.readlink(current)}/bin/python"), shebang
    assert paths.installed_folder("config", {}, prefix=str(current)) == Path("/etc/clinic-kiosk")
    assert paths.installed_folder("data", {}, prefix=str(current)) == Path("/var/lib/clinic-kiosk")
    assert not REAL_UNIT.exists()  # the test machine is untouched


@pytest.mark.slow  # one venv is built per session (about a minute on a busy machine)
def test_dry_run_prints_the_same_list_as_the_install_and_changes_nothing(template, tmp_path, wheel, requirements):
    """--dry-run lists every change the install then makes, line for line, and writes nothing."""
    assert template.dry_run[1:] == template.printed[1:-1]  # less the heading and the closing "start it" line
    assert any("file /etc/systemd/system/clinic-kiosk.service" in line for line in template.dry_run)
    assert any(line.startswith("  run systemctl enable clinic-kiosk.service") for line in template.dry_run)
    root = empty_root(tmp_path / "root")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    install(LAYOUT, target(root, [], dry_run=True), wheel, requirements)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


@pytest.mark.slow  # one venv is built per session (about a minute on a busy machine)
def test_a_second_install_changes_nothing(installed, wheel, requirements):
    """Idempotent: run again, every change is reported unchanged and the user is not added twice."""
    again: list[str] = []
    install(LAYOUT, target(installed, again), wheel, requirements)
    assert all(line.startswith("  unchanged: ") for line in again[1:-1]), again
    assert (installed / "etc/passwd").read_text().count("\nkiosk:") == 1


@pytest.mark.slow  # one venv is built per session (about a minute on a busy machine)
def test_uninstall_reverses_the_install_and_keeps_the_clinics_files(installed):
    """Uninstall removes the unit, PAM file, venvs and user; settings and statistics stay; a dry run does nothing."""
    root = installed
    (root / "etc/clinic-kiosk/settings.toml").write_text('default_language = "en"\n')
    (root / "var/lib/clinic-kiosk/visits.sqlite3").write_bytes(b"stats")
    lines: list[str] = []
    uninstall(LAYOUT, target(root, lines, dry_run=True))
    assert (root / "etc/systemd/system/clinic-kiosk.service").exists()
    assert any("remove user kiosk" in line for line in lines)
    assert uninstall(LAYOUT, target(root, [])) == 0
    for gone in ("etc/systemd/system/clinic-kiosk.service", "etc/pam.d/clinic-kiosk", "opt/clinic-kiosk",
                 "var/cache/clinic-kiosk"):  # fmt: skip
        assert not (root / gone).exists(), gone
    assert "kiosk" not in (root / "etc/passwd").read_text() + (root / "etc/shadow").read_text()
    assert "video:x:44:" in (root / "etc/group").read_text().splitlines()
    assert (root / "etc/clinic-kiosk/settings.toml").exists()
    assert (root / "var/lib/clinic-kiosk/visits.sqlite3").exists()


@pytest.mark.slow  # one venv is built per session (about a minute on a busy machine)
def test_uninstall_purge_removes_the_clinics_files_too(installed, wheel, requirements):
    """--purge also removes settings, PIN, lessons, statistics and logs, even folders a reinstall found there."""
    install(LAYOUT, target(installed, []), wheel, requirements)  # a second install: the folders were there already
    uninstall(LAYOUT, target(installed, []), purge=True)
    for gone in ("etc/clinic-kiosk", "var/lib/clinic-kiosk", "var/log/clinic-kiosk", "opt"):
        assert not (installed / gone).exists() or (gone == "opt" and not any((installed / gone).iterdir())), gone


def test_the_installer_runs_from_the_wheel_alone(wheel, tmp_path):
    """`python3 -S -m kiosk.deploy` with only the wheel on the path (no site packages): what a fresh machine has."""
    root = tmp_path / "root"
    root.mkdir()
    argv = [
        sys.executable,
        "-S",
        "-m",
        "kiosk.deploy",
        "install",
        "--dry-run",
        "--root",
        str(root),
        "--wheel",
        str(wheel),
    ]
    done = subprocess.run(
        argv, env={"PYTHONPATH": str(wheel)}, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "file /etc/systemd/system/clinic-kiosk.service (mode 0644) [new]" in done.stdout
    assert list(root.iterdir()) == []


def test_the_installer_asks_debian_for_every_package_setup_sh_installs():
    """scripts/setup.sh's Debian packages for the kiosk (not the test tools) are all in the installer's list."""
    text = (ROOT / "scripts/setup.sh").read_text()
    block = re.search(r"DEB_PACKAGES=\((.*?)\)", text, re.S)
    assert block
    wanted = {word for line in block.group(1).splitlines() for word in line.split("#")[0].split()}
    assert wanted <= set(DEBIAN_PACKAGES), wanted - set(DEBIAN_PACKAGES)
    assert {"cage", "python3-venv", "libpam-systemd"} <= set(DEBIAN_PACKAGES)


def test_an_installed_kiosk_takes_its_folders_from_systemd_first():
    """$CONFIGURATION_DIRECTORY and friends (set by the unit) win; without them the platform's folders are used."""
    environ = {"CONFIGURATION_DIRECTORY": "/etc/clinic-kiosk", "STATE_DIRECTORY": "/var/lib/clinic-kiosk:/other"}
    assert paths.installed_folder("config", environ) == Path("/etc/clinic-kiosk")
    assert paths.installed_folder("data", environ) == Path("/var/lib/clinic-kiosk")
    assert paths.installed_folder("logs", {}, prefix="/nonexistent") is None
    assert LAYOUT.folders_file == paths.INSTALLED_FOLDERS


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_verifies_the_unit_and_rates_its_exposure(tmp_path):
    """`systemd-analyze verify` accepts the generated unit and `security --offline` rates it 2.5 or less (1.9)."""
    if shutil.which("cage") is None:
        pytest.skip("verify checks that ExecStart's /usr/bin/cage exists")
    unit = tmp_path / "clinic-kiosk.service"
    unit.write_text(service_unit(LAYOUT))
    verify = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0 and not verify.stderr.strip(), verify.stderr
    done = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", str(unit)], capture_output=True, text=True, timeout=60
    )
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d)", done.stdout)
    assert match, done.stdout + done.stderr
    assert float(match.group(1)) <= MAX_EXPOSURE
