"""The kiosk under cage's headless backend, started exactly as the installed service starts it, and its watchdog.

systemd is not PID 1 in this sandbox, so tests/deploy/supervisor.py plays systemd's part (notify socket,
watchdog, restart); the command line and environment are the generated unit's own.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.deploy.layout import Layout
from kiosk.deploy.units import service_unit
from tests.conftest import ROOT
from tests.deploy.supervisor import Supervisor, children

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("cage") and shutil.which("grim")), reason="Debian's cage and grim needed"),
]
NOBODY = 65534
BACKGROUND = (0xF7, 0xF4, 0xEE)  # the attract screen's paper colour (kiosk/ui/theme)


def _unit_values(key: str) -> list[str]:
    return [line.split("=", 1)[1] for line in service_unit(Layout()).splitlines() if line.startswith(key + "=")]


def _python_for(uid: int) -> str:
    """A Python the service's user can run: this one, or Debian's of the same version when this one is root's."""
    if uid == os.getuid():
        return sys._base_executable  # type: ignore[attr-defined]
    system = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
    if not system.exists():
        pytest.skip(f"as root the kiosk runs as nobody, which needs {system}")
    return str(system)


@pytest.fixture
def staged() -> Iterator[tuple[Path, int]]:
    """A staging root with /opt/clinic-kiosk/current as the install makes it: a venv whose kiosk is this checkout."""
    uid = NOBODY if os.getuid() == 0 else os.getuid()  # cage refuses to run as root
    root = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    root.chmod(0o755)
    try:
        venv = root / "opt/clinic-kiosk/venv-test"
        subprocess.run([_python_for(uid), "-m", "venv", "--without-pip", str(venv)], check=True)
        site = next(venv.glob("lib/python3*/site-packages"))
        ours = sysconfig.get_paths()["purelib"]
        (site / "checkout.pth").write_text(f"import site; site.addsitedir({ours!r})\n{ROOT}\n", encoding="utf-8")
        (venv / "bin/kiosk").write_text(
            f"#!{venv}/bin/python\nimport sys\nfrom kiosk.cli import main\nsys.exit(main())\n", encoding="utf-8"
        )
        (venv / "bin/kiosk").chmod(0o755)
        (root / "opt/clinic-kiosk/current").symlink_to("venv-test")
        folders = ("run", "etc/clinic-kiosk", "var/lib/clinic-kiosk", "var/cache/clinic-kiosk", "var/log/clinic-kiosk")
        for name in folders:
            (root / name).mkdir(parents=True, exist_ok=True)
            (root / name).chmod(0o700)
            os.chown(root / name, uid, uid)
        yield root, uid
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _service(root: Path, uid: int) -> Supervisor:
    """The unit's ExecStart and Environment, with the install's paths under the staging root."""
    layout = Layout()
    exec_start = _unit_values("ExecStart")[0].replace(str(layout.prefix), str(root / "opt/clinic-kiosk"))
    argv = shlex.split(exec_start)
    if uid != os.getuid():
        argv = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *argv]
    env = {key: os.environ[key] for key in ("PATH", "LANG") if key in os.environ}
    env.update(value.split("=", 1) for value in _unit_values("Environment"))
    env.update(
        XDG_RUNTIME_DIR=str(root / "run"), HOME=str(root / "var/lib/clinic-kiosk"),
        CONFIGURATION_DIRECTORY=str(root / "etc/clinic-kiosk"), STATE_DIRECTORY=str(root / "var/lib/clinic-kiosk"),
        CACHE_DIRECTORY=str(root / "var/cache/clinic-kiosk"), LOGS_DIRECTORY=str(root / "var/log/clinic-kiosk"),
        XDG_CACHE_HOME=str(root / "var/cache/clinic-kiosk"),
        # The headless backend, software rendering (no GPU here), and two outputs: with one, wlroots 0.15 tries
        # to show the fullscreen kiosk's buffer directly (scan-out), which its headless backend cannot, and the
        # screenshot comes out black; a real screen is not headless.
        WLR_BACKENDS="headless", WLR_LIBINPUT_NO_DEVICES="1", WLR_RENDERER="pixman", WLR_HEADLESS_OUTPUTS="2",
    )  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="notify-", dir=root / "run"))
    folder.chmod(0o755)
    return Supervisor(argv, env, folder, watchdog_seconds=3)


def _screenshot(root: Path, uid: int, out: Path) -> None:
    argv = ["grim", str(out)]
    if uid != os.getuid():
        argv = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *argv]
    env = {"XDG_RUNTIME_DIR": str(root / "run"), "WAYLAND_DISPLAY": "wayland-0", "PATH": os.environ["PATH"]}
    subprocess.run(argv, env=env, check=True, timeout=30)


def _share_of_background(png: Path) -> tuple[float, int]:
    """The share of pixels in the attract screen's paper colour, and how many colours there are (a sample)."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(png))
    assert not image.isNull(), png
    colours = [QColor(image.pixel(x, y)).getRgb()[:3] for x in range(0, image.width(), 16)
               for y in range(0, image.height(), 16)]  # fmt: skip
    return sum(c == BACKGROUND for c in colours) / len(colours), len(set(colours))


def _wait_for_attract(root: Path, uid: int, out: Path, seconds: float) -> tuple[float, int]:
    """Screenshots until the attract screen is on the output (READY comes as its first frame is being drawn)."""
    deadline = time.monotonic() + seconds
    while True:
        shot = root / "run" / "attract.png"
        _screenshot(root, uid, shot)
        shutil.copy(shot, out)
        share, count = _share_of_background(out)
        if (share > 0.5 and count >= 8) or time.monotonic() > deadline:
            return share, count


def test_the_installed_command_shows_the_attract_screen_under_cage_and_comes_back_after_a_hang(staged, tmp_path):
    """Under cage (headless) the unit's command reaches READY, grim sees the attract screen, pings go out, and a
    kiosk that hangs (SIGSTOP) is killed by the watchdog and comes back READY."""
    root, uid = staged
    service = _service(root, uid)
    try:
        service.start()
        assert service.wait_ready(90), service.log.read_text(errors="replace")
        share, count = _wait_for_attract(root, uid, tmp_path / "attract.png", seconds=30)
        assert share > 0.5 and count >= 8, (share, count)  # the paper colour, and text and a picture on it
        assert service.wait_ping(10)  # the kiosk pings although $WATCHDOG_PID names cage (env -u in ExecStart)
        assert service.process is not None
        kiosk = children(service.process.pid)
        assert len(kiosk) == 1
        os.kill(kiosk[0], signal.SIGSTOP)  # a hung event loop: no more pings
        assert service.watch(30) and service.restarts == 1
        assert service.wait_ready(90), service.log.read_text(errors="replace")
    finally:
        service.close()
    if os.environ.get("KIOSK_CAGE_SCREENSHOT"):  # the issue note's picture
        shutil.copy(tmp_path / "attract.png", os.environ["KIOSK_CAGE_SCREENSHOT"])
