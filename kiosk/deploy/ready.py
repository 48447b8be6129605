"""Does a kiosk reach READY? The notify protocol from the listening side, for `kiosk update` in a staging root.

On the real machine systemd listens (`systemctl restart` waits for READY=1, TimeoutStartSec=60); in a staging
root there is no service, so the new package's kiosk is started here with $NOTIFY_SOCKET pointing at a socket
this module reads, and stopped again once it said READY=1 (or the time ran out).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


class NotifyListener:
    """A unix datagram socket that collects notify messages (READY=1, WATCHDOG=1, ...)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "notify"
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(str(self.path))

    def wait_for(self, message: str, seconds: float, alive: subprocess.Popen[bytes] | None = None) -> bool:
        """True once `message` arrives; False after `seconds`, or as soon as `alive` has exited."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.socket.settimeout(min(left, 0.2))
            try:
                data = self.socket.recv(4096).decode("utf-8", "replace")
            except TimeoutError:
                if alive is not None and alive.poll() is not None:
                    return False
                continue
            if message in data.split("\n"):
                return True
        return False

    def close(self) -> None:
        self.socket.close()


def reaches_ready(argv: Sequence[str], env: Mapping[str, str], seconds: float) -> bool:
    """Start `argv` as a service would and say whether it sends READY=1 within `seconds`; it is stopped after."""
    with tempfile.TemporaryDirectory(prefix="kiosk-ready-") as folder:
        listener = NotifyListener(Path(folder))
        process = subprocess.Popen(
            list(argv), env={**env, "NOTIFY_SOCKET": str(listener.path)}, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            return listener.wait_for("READY=1", seconds, alive=process)
        finally:
            stop(process)
            listener.close()


def stop(process: subprocess.Popen[bytes], seconds: float = 10) -> None:
    """SIGTERM to the process's group, SIGKILL if it is still there after `seconds`."""
    for sig, wait in ((signal.SIGTERM, seconds), (signal.SIGKILL, seconds)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue
