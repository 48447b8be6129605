"""scripts/setup.sh stays set up: a second run of either command installs nothing and prints nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

FAKE_PYTHON = """#!/usr/bin/env bash
# Stands in for .venv/bin/python: records each call instead of running pip.
echo "$*" >> "$(dirname "$0")/../calls.log"
[ -e "$(dirname "$0")/../pip-fails" ] && [ "$2" = "pip" ] && { echo "no such package" >&2; exit 1; }
exit 0
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the set-up script and pyproject.toml, with a fake .venv whose python only records calls."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(0o755)
    return tmp_path


def setup(checkout: Path, *args: str) -> tuple[str, list[str]]:
    """Run the script; its output, and the pip installs it made (what it would have installed)."""
    log = checkout / ".venv" / "calls.log"
    before = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    done = subprocess.run(
        ["bash", str(checkout / "scripts" / "setup.sh"), *args], capture_output=True, text=True, timeout=120
    )
    after = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    installs = [call.split()[-1] for call in after[len(before) :] if " install --require-hashes " in call]
    return done.stdout + done.stderr, installs


def stamps(checkout: Path) -> set[str]:
    return {path.name for path in (checkout / ".venv").glob(".installed-*")}


def test_tests_then_kiosk_then_tests_installs_once(checkout: Path) -> None:
    """./run-tests installs the test tools; ./run-kiosk and ./run-tests after it install and print nothing."""
    output, installs = setup(checkout, "--tests")
    assert installs == ["requirements/tests.txt"] and "installing Python packages" in output
    assert setup(checkout) == ("", [])
    assert setup(checkout, "--tests") == ("", [])


def test_kiosk_then_tests_keeps_both_stamps(checkout: Path) -> None:
    """A kiosk install then a tests install: each adds its stamp, neither deletes the other's, then silence."""
    assert setup(checkout)[1] == ["requirements/kiosk.txt"]
    assert setup(checkout, "--tests")[1] == ["requirements/tests.txt"]
    assert len(stamps(checkout)) == 2
    assert setup(checkout) == ("", []) and setup(checkout, "--tests") == ("", [])


def test_a_changed_pyproject_installs_again_and_drops_stale_stamps(checkout: Path) -> None:
    """Editing pyproject.toml (a new dependency) reinstalls once; the old version's stamps are removed."""
    setup(checkout, "--tests")
    old = stamps(checkout)
    with (checkout / "pyproject.toml").open("a", encoding="utf-8") as file:
        file.write("\n# a new dependency\n")
    assert len(setup(checkout)[1]) == 1
    assert not old & stamps(checkout)
    assert setup(checkout) == ("", [])


def test_a_changed_lock_installs_again(checkout: Path) -> None:
    """A refreshed lock file (scripts/lock.sh) reinstalls once, from the new lock."""
    setup(checkout, "--tests")
    with (checkout / "requirements" / "tests.txt").open("a", encoding="utf-8") as file:
        file.write("\n# refreshed\n")
    assert setup(checkout, "--tests")[1] == ["requirements/tests.txt"]
    assert setup(checkout, "--tests") == ("", [])


def test_every_install_is_locked(checkout: Path) -> None:
    """pip installs only hashed pins, and the kiosk itself with the locked setuptools, never fetching a newer one."""
    setup(checkout, "--tests")
    calls = [c for c in (checkout / ".venv" / "calls.log").read_text(encoding="utf-8").splitlines() if " install " in c]
    assert len(calls) == 2
    assert "--require-hashes -r requirements/tests.txt" in calls[0]
    assert "--no-deps --no-build-isolation -e ." in calls[1]
    assert not [c for c in calls if "--upgrade" in c]


def test_every_lock_pin_is_exact_and_hashed() -> None:
    """Each requirement in the lock files is `name==version` followed by at least one sha256 hash."""
    for lock in ("kiosk.txt", "tests.txt"):
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        entries = [e for e in text.replace("\\\n", " ").splitlines() if e.strip() and not e.lstrip().startswith("#")]
        assert entries, lock
        for entry in entries:
            assert "==" in entry.split(";")[0] and "--hash=sha256:" in entry, f"{lock}: {entry[:80]}"


def test_a_failing_install_shows_its_log_and_stamps_nothing(checkout: Path) -> None:
    """When pip fails, its output is shown, the script fails, and the next run tries again."""
    (checkout / ".venv" / "pip-fails").touch()
    done = subprocess.run(["bash", str(checkout / "scripts" / "setup.sh")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no such package" in done.stderr and stamps(checkout) == set()
