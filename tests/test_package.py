"""The kiosk as a package: the wheel carries the assets and the shipped lesson, and an installed kiosk works
from any folder without writing into its own installation."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    return done


def _tree(folder: Path) -> dict[str, str]:
    """Every file under folder with a hash of its bytes (what 'nothing changed' is checked against)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the checkout's tracked files (the build writes nothing in the checkout)."""
    source = tmp_path_factory.mktemp("source")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", out, ".", cwd=source)
    [built] = out.glob("clinic_kiosk-*.whl")
    return built


def test_the_wheel_carries_the_assets_and_the_shipped_lesson(wheel: Path) -> None:
    """Every tracked file of assets/ and content/ is in the wheel under kiosk/_shipped/, byte for byte."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        tracked = subprocess.run(
            ["git", "ls-files", "assets", "content"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        assert tracked
        for name in tracked:
            assert f"kiosk/_shipped/{name}" in names, name
            assert archive.read(f"kiosk/_shipped/{name}") == (ROOT / name).read_bytes(), name
        assert "kiosk/content/interface/ja.toml" in names  # the interface words, as before


@pytest.mark.slow
def test_an_installed_kiosk_works_from_any_folder_and_writes_nothing_into_itself(wheel: Path, tmp_path: Path) -> None:
    """A fresh virtual environment with the wheel: --version, validate, render, handout and new-lesson work from a
    folder outside the checkout, and no file under the installed package is added or changed."""
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    # The dependencies come from the test environment (exactly the locked ones), not from a package index.
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "locked-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    package = site / "kiosk"
    assert (package / "_shipped" / "content" / "stretching" / "ja" / "deck.md").is_file()
    before = _tree(package)
    work = tmp_path / "elsewhere"
    work.mkdir()
    home = tmp_path / "home"  # the platform's folders (config, data, cache) for this run only
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("PYTHONPATH", None)
    kiosk = venv / "bin" / "kiosk"

    version = _run(kiosk, "--version", cwd=work, env=env).stdout
    assert version.strip() == "kiosk 0.1.0"
    where = _run(python, "-c", "import kiosk.core.paths as p; print(p.SHIPPED_CONTENT)", cwd=work, env=env).stdout
    assert Path(where.strip()) == package / "_shipped" / "content"  # the installed lesson, not a checkout's
    assert "lesson stretching: ja " in _run(kiosk, "validate", cwd=work, env=env).stdout
    _run(kiosk, "render", "--out", work / "png", "--size", "1280x800", "--lang", "ja", cwd=work, env=env)
    assert len(list((work / "png").glob("*.png"))) > 20
    _run(kiosk, "handout", "--out", work / "handout.pdf", cwd=work, env=env)
    assert (work / "handout.pdf").read_bytes().startswith(b"%PDF")
    _run(kiosk, "new-lesson", "x", "--content", work / "lessons", cwd=work, env=env)
    assert (work / "lessons" / "x" / "ja" / "deck.md").is_file()
    refused = subprocess.run(
        [kiosk, "new-lesson", "y", "--content", package / "_shipped" / "content"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1 and "inside the installed kiosk" in refused.stderr
    assert _tree(package) == before
