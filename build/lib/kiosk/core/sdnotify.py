"""systemd's notify protocol, the few lines of it the kiosk needs: READY=1, WATCHDOG=1, STOPPING=1.

The protocol is one datagram per message to the unix socket named in $NOTIFY_SOCKET (a path, or an
abstract name starting with '@'), and $WATCHDOG_USEC says how often the watchdog must hear from us. It is
small and stable enough to write here rather than add a package: python-systemd needs libsystemd headers
to build (and is absent on Windows), and the pure-Python sdnotify package is unmaintained since 2017.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

log = logging.getLogger("kiosk.app")


class Notifier:
    """Sends notify messages to the service manager; does nothing when not run under one."""

    def __init__(self, environ: Mapping[str, str] = os.environ) -> None:
        self.address = _address(environ.get("NOTIFY_SOCKET", ""))
        self._socket = None
        if self.address is not None:
            import socket  # only under a service manager: not on the start-up path of a plain run

            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | getattr(socket, "SOCK_CLOEXEC", 0))

    @property
    def active(self) -> bool:
        return self._socket is not None

    def send(self, message: str) -> bool:
        """Send one message (for example "WATCHDOG=1"); False when there is no manager or it is unreachable."""
        if self._socket is None or self.address is None:
            return False
        try:
            self._socket.sendto(message.encode("utf-8"), self.address)
        except OSError as error:  # the manager went away; never a reason to stop the kiosk
            log.debug("notify %r not sent (%s)", message, error)
            return False
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _address(name: str) -> str | bytes | None:
    if not name or not (name.startswith(("/", "@"))):
        return None  # unset, or a vsock address this kiosk does not speak
    return b"\0" + name[1:].encode() if name.startswith("@") else name


def watchdog_interval_ms(environ: Mapping[str, str] = os.environ) -> int | None:
    """How often to ping: half of $WATCHDOG_USEC (systemd's advice), or None without a watchdog for us."""
    pid = environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None  # the watchdog is meant for another process (a wrapper's)
    try:
        usec = int(environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return max(1, usec // 2000) if usec > 0 else None
