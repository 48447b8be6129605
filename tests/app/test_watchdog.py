"""A hung kiosk is killed and restarted: a real process under a stand-in for systemd's watchdog.

The supervisor below speaks the notify protocol the way systemd does for Type=notify and WatchdogSec=:
it binds a datagram socket, passes it as $NOTIFY_SOCKET with $WATCHDOG_USEC, waits for READY=1, and kills
the process when WATCHDOG=1 stops arriving for longer than the watchdog time, then starts it again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHILD = Path(__file__).with_name("hang_kiosk.py")
WATCHDOG_S = 2.0
START_TIMEOUT_S = 60.0  # a loaded 2-core machine can take a while to start Qt
RESTART_WITHIN_S = 30.0


class Supervisor:
    """Starts the kiosk with a notify socket and kills it when the watchdog pings stop."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(folder / "notify.sock"))
        self.child: subprocess.Popen[bytes] | None = None

    def start(self, **extra: str) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": "offscreen",
            "NOTIFY_SOCKET": str(self.folder / "notify.sock"),
            "WATCHDOG_USEC": str(int(WATCHDOG_S * 1_000_000)),
            "HANG_MARKER": str(self.folder / "hung-once"),
            "HANG_AFTER_MS": "1500",
            "XDG_CONFIG_HOME": str(self.folder / "config"),
            "XDG_DATA_HOME": str(self.folder / "data"),
            "XDG_STATE_HOME": str(self.folder / "state"),
            "XDG_CACHE_HOME": str(self.folder / "cache"),
            **extra,
        }
        log = (self.folder / "child.log").open("ab")
        self.child = subprocess.Popen([sys.executable, str(CHILD)], env=env, stdout=log, stderr=log)
        return self.child

    def message(self, timeout: float) -> bytes | None:
        """The next datagram, or None when none came within `timeout` seconds."""
        self.sock.settimeout(max(0.01, timeout))
        try:
            return self.sock.recv(4096)
        except TimeoutError:
            return None

    def wait_ready(self) -> float:
        """Wait for READY=1 (the first screen is up); returns when it came."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.message(deadline - time.monotonic()) == b"READY=1":
                return time.monotonic()
        raise AssertionError(f"no READY=1 within {START_TIMEOUT_S} s; see {self.folder / 'child.log'}")

    def watch(self) -> tuple[int, float]:
        """Count pings until WATCHDOG_S passes without one; then kill (SIGABRT, as systemd does) and return."""
        pings, last = 0, time.monotonic()
        while True:
            received = self.message(last + WATCHDOG_S - time.monotonic())
            if received == b"WATCHDOG=1":
                pings, last = pings + 1, time.monotonic()
            elif received is None and time.monotonic() - last >= WATCHDOG_S:
                assert self.child is not None
                self.child.send_signal(signal.SIGABRT)
                self.child.wait(10)
                return pings, time.monotonic()
            if pings > 100:
                raise AssertionError("the kiosk never hung")

    def close(self) -> None:
        if self.child is not None and self.child.poll() is None:
            self.child.kill()
            self.child.wait(10)
        self.sock.close()


@pytest.mark.skipif(sys.platform == "win32", reason="systemd's notify protocol")
def test_a_hung_main_thread_is_killed_and_restarted_within_30_s(tmp_path: Path) -> None:
    """The kiosk pings from its event loop; when the loop hangs the pings stop, it is killed and back up in < 30 s."""
    supervisor = Supervisor(tmp_path)
    try:
        first = supervisor.start()
        supervisor.wait_ready()
        pings, killed_at = supervisor.watch()
        assert pings >= 1  # it was pinging while its loop ran
        assert first.returncode == -signal.SIGABRT and (tmp_path / "hung-once").exists()
        second = supervisor.start()
        ready_again = supervisor.wait_ready()
        assert ready_again - killed_at < RESTART_WITHIN_S
        assert supervisor.message(WATCHDOG_S) == b"WATCHDOG=1"  # the new process pings too
        assert second.poll() is None
    finally:
        supervisor.close()


def _budget_picture() -> str:
    """A picture at the drawing budget: MAX_OVERDRAW full-canvas rectangles in changing colours."""
    from kiosk.content.svg_check import MAX_OVERDRAW

    rects = "".join(f'<rect width="800" height="600" fill="#{n % 9}{n % 7}{n % 5}"/>' for n in range(MAX_OVERDRAW))
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600">{rects}</svg>'


@pytest.mark.skipif(sys.platform == "win32", reason="systemd's notify protocol")
def test_pictures_at_the_drawing_budget_never_stop_the_pings(tmp_path: Path) -> None:
    """Every picture of the lesson replaced by one at the drawing budget, the attract loop changing picture every
    3 s: for 12 s the watchdog pings keep coming, never a gap of WATCHDOG_S (issue 27, item 2)."""
    import shutil

    from tests.conftest import SHIPPED_LESSON

    lesson = tmp_path / "content" / "stretching"
    shutil.copytree(SHIPPED_LESSON, lesson)
    for picture in (lesson / "pictures").glob("*.svg"):
        picture.write_text(_budget_picture(), encoding="utf-8")
    settings = tmp_path / "config" / "clinic-kiosk" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(f'content_folder = "{lesson.parent}"\nattract_seconds = 3\n', encoding="utf-8")
    (tmp_path / "hung-once").write_text("never hang", encoding="utf-8")  # the child hangs only without it
    supervisor = Supervisor(tmp_path)
    try:
        supervisor.start()
        last = supervisor.wait_ready()
        pings, gaps, end = 0, [], last + 12.0
        while time.monotonic() < end:
            received = supervisor.message(min(end, last + WATCHDOG_S) - time.monotonic())
            if received == b"WATCHDOG=1":
                pings, gaps, last = pings + 1, [*gaps, time.monotonic() - last], time.monotonic()
            elif time.monotonic() - last >= WATCHDOG_S:
                raise AssertionError(f"no ping for {WATCHDOG_S} s after {pings} pings; see {tmp_path / 'child.log'}")
        assert pings >= 6 and max(gaps) < WATCHDOG_S
    finally:
        supervisor.close()


@pytest.mark.skipif(sys.platform == "win32", reason="systemd's notify protocol")
def test_a_picture_that_never_finishes_drawing_never_stops_the_pings(tmp_path: Path) -> None:
    """Every SVG's drawing never ends (a renderer injected in the child that never returns), the attract loop
    changing picture every 3 s: for 12 s the pings keep coming, and the log names the pictures over the budget."""
    settings = tmp_path / "config" / "clinic-kiosk" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("attract_seconds = 3\n", encoding="utf-8")
    (tmp_path / "hung-once").write_text("never hang", encoding="utf-8")  # the child hangs only without it
    supervisor = Supervisor(tmp_path)
    try:
        supervisor.start(ENDLESS_PICTURES="1")
        last = supervisor.wait_ready()
        pings, end = 0, last + 12.0
        while time.monotonic() < end:
            received = supervisor.message(min(end, last + WATCHDOG_S) - time.monotonic())
            if received == b"WATCHDOG=1":
                pings, last = pings + 1, time.monotonic()
            elif time.monotonic() - last >= WATCHDOG_S:
                raise AssertionError(f"no ping for {WATCHDOG_S} s after {pings} pings; see {tmp_path / 'child.log'}")
        assert pings >= 6
    finally:
        supervisor.close()
    logs = "".join(path.read_text(encoding="utf-8", errors="replace") for path in (tmp_path / "state").rglob("*.log*"))
    assert "took more than 2 s to draw" in logs and "pictures/" in logs
