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
    installs = [call for call in after[len(before) :] if " install -e " in call]
    return done.stdout + done.stderr, installs


def stamps(checkout: Path) -> set[str]:
    return {path.name for path in (checkout / ".venv").glob(".installed-*")}


def test_tests_then_kiosk_then_tests_installs_once(checkout: Path) -> None:
    """./run-tests installs the test tools; ./run-kiosk and ./run-tests after it install and print nothing."""
    output, installs = setup(checkout, "--tests")
    assert [call.split()[-1] for call in installs] == [".[test]"] and "installing Python packages" in output
    assert setup(checkout) == ("", [])
    assert setup(checkout, "--tests") == ("", [])


def test_kiosk_then_tests_keeps_both_stamps(checkout: Path) -> None:
    """A kiosk install then a tests install: each adds its stamp, neither deletes the other's, then silence."""
    assert [call.split()[-1] for call in setup(checkout)[1]] == ["."]
    assert [call.split()[-1] for call in setup(checkout, "--tests")[1]] == [".[test]"]
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


def test_a_failing_install_shows_its_log_and_stamps_nothing(checkout: Path) -> None:
    """When pip fails, its output is shown, the script fails, and the next run tries again."""
    (checkout / ".venv" / "pip-fails").touch()
    done = subprocess.run(["bash", str(checkout / "scripts" / "setup.sh")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no such package" in done.stderr and stamps(checkout) == set()
