"""A wheel of this checkout, and staging roots to install it into (never the test machine itself)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from kiosk.deploy.changes import Target
from kiosk.deploy.install import install
from kiosk.deploy.layout import Layout
from tests.conftest import ROOT

REAL_UNIT = Path("/etc/systemd/system/clinic-kiosk.service")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkout's package as `pip wheel` builds it (the lead's release builds the same)."""
    folder = tmp_path_factory.mktemp("wheel")
    argv = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(ROOT), "-w", str(folder)]
    subprocess.run(argv, check=True, timeout=300)
    return next(folder.glob("clinic_kiosk-*.whl"))


@pytest.fixture
def rebuilt(wheel: Path, tmp_path: Path) -> Callable[[str], Path]:
    """Another build of the wheel (same version, other bytes: a new venv name), as a newer package would be."""

    def make(mark: str) -> Path:
        folder = tmp_path / f"wheel-{mark}"
        folder.mkdir()
        copy = folder / wheel.name
        shutil.copy(wheel, copy)
        with zipfile.ZipFile(copy, "a") as archive:
            archive.writestr("kiosk/deploy/build-mark.txt", mark)
        return copy

    return make


@pytest.fixture(scope="session")
def requirements(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A locked requirements file with nothing in it: the tests install the wheel alone, with no download."""
    path = tmp_path_factory.mktemp("requirements") / "requirements.txt"
    path.write_text("# locked: nothing (tests)\n", encoding="utf-8")
    return path


def empty_root(root: Path) -> Path:
    """A staging root with a minimal etc/passwd and etc/group."""
    (root / "etc").mkdir(parents=True)
    (root / "etc/passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (root / "etc/group").write_text("root:x:0:\nvideo:x:44:\nrender:x:105:\ninput:x:101:\n", encoding="utf-8")
    return root


class Installed(NamedTuple):
    root: Path
    dry_run: list[str]  # what --dry-run printed before the install
    printed: list[str]  # what the install printed


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory, wheel: Path, requirements: Path) -> Installed:
    """One real install into a staging root per test session (building a venv takes a while); tests get copies."""
    assert not REAL_UNIT.exists()
    root = empty_root(tmp_path_factory.mktemp("template") / "root")
    dry: list[str] = []
    install(Layout(), Target(root, True, dry.append), wheel, requirements)
    printed: list[str] = []
    assert install(Layout(), Target(root, False, printed.append), wheel, requirements) == 0
    assert not REAL_UNIT.exists()  # the test machine is untouched
    return Installed(root, dry, printed)


@pytest.fixture
def installed(template: Installed, tmp_path: Path) -> Path:
    """A staging root as the install left it (a copy of the session's)."""
    root = tmp_path / "root"
    shutil.copytree(template.root, root, symlinks=True)
    return root


def target(root: Path, lines: list[str], dry_run: bool = False) -> Target:
    return Target(root, dry_run, lines.append)
