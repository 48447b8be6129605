"""A stand-in for systemd in tests: runs a service's command with the notify socket and watchdog it would give.

systemd is not PID 1 in the test sandbox, so the service itself cannot be started here. This does what the
generated unit asks of systemd (Type=notify, NotifyAccess=all, WatchdogSec, Restart=always) and nothing more:
it passes $NOTIFY_SOCKET, $WATCHDOG_USEC and a $WATCHDOG_PID naming the main process (as systemd does, which
under cage is cage's pid, not the kiosk's), waits for READY=1, and when no WATCHDOG=1 arrives within the
interval it sends SIGABRT to the main process, kills what is left, and starts the command again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from kiosk.deploy.ready import NotifyListener, stop


class Supervisor:
    def __init__(self, argv: Sequence[str], env: dict[str, str], folder: Path, watchdog_seconds: float) -> None:
        self.argv = list(argv)
        self.env = env
        self.watchdog_seconds = watchdog_seconds
        self.listener = NotifyListener(folder)
        os.chmod(self.listener.path, 0o777)  # the service runs as another user when the test runs as root
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self.log = folder / "service.log"

    def start(self) -> None:
        env = {**self.env, "NOTIFY_SOCKET": str(self.listener.path)}
        env["WATCHDOG_USEC"] = str(int(self.watchdog_seconds * 1_000_000))
        env["WATCHDOG_PID"] = str(os.getpid())  # not the kiosk's own pid: the main process is someone else
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(self.argv, env=env, start_new_session=True, stdout=out, stderr=out)

    def wait_ready(self, seconds: float) -> bool:
        assert self.process is not None
        return self.listener.wait_for("READY=1", seconds, alive=self.process)

    def wait_ping(self, seconds: float) -> bool:
        return self.listener.wait_for("WATCHDOG=1", seconds)

    def watch(self, seconds: float) -> bool:
        """Wait up to `seconds` for the watchdog to run out, then abort, kill, restart as systemd does; True if so."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.listener.wait_for("WATCHDOG=1", self.watchdog_seconds):
                assert self.process is not None
                os.kill(self.process.pid, signal.SIGABRT)  # WatchdogSignal=SIGABRT, to the main process
                stop(self.process, seconds=5)  # then the rest of the group (KillMode=control-group)
                self.restarts += 1
                self.start()  # Restart=always (RestartSec is skipped: the test waits on READY anyway)
                return True
        return False

    def close(self) -> None:
        if self.process is not None:
            stop(self.process, seconds=5)
        self.listener.close()


def children(pid: int) -> list[int]:
    """The direct children of a process (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found += [int(n) for n in text.split()]
    return found
