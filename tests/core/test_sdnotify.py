"""The notify protocol: datagrams to $NOTIFY_SOCKET (a path or an abstract name), the watchdog's interval."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from kiosk.core.sdnotify import Notifier, watchdog_interval_ms


def test_messages_reach_a_socket_by_path(tmp_path: Path) -> None:
    """READY=1 and WATCHDOG=1 arrive as one datagram each at the socket $NOTIFY_SOCKET names."""
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as manager:
        manager.bind(str(path))
        notifier = Notifier({"NOTIFY_SOCKET": str(path)})
        assert notifier.active and notifier.send("READY=1") and notifier.send("WATCHDOG=1")
        assert [manager.recv(100), manager.recv(100)] == [b"READY=1", b"WATCHDOG=1"]
        notifier.close()


def test_an_abstract_socket_name_starts_with_at() -> None:
    """'@name' is the abstract socket "\\0name" (what systemd uses for some managers)."""
    name = f"kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as manager:
        manager.bind(b"\0" + name.encode())
        notifier = Notifier({"NOTIFY_SOCKET": "@" + name})
        assert notifier.send("WATCHDOG=1")
        assert manager.recv(100) == b"WATCHDOG=1"
        notifier.close()


def test_without_a_manager_nothing_is_sent(tmp_path: Path) -> None:
    """No $NOTIFY_SOCKET (a plain run), or a manager that went away: send is False and never raises."""
    assert not Notifier({}).active and Notifier({}).send("READY=1") is False
    gone = Notifier({"NOTIFY_SOCKET": str(tmp_path / "nobody")})
    assert gone.send("WATCHDOG=1") is False


def test_the_ping_interval_is_half_the_watchdog_time() -> None:
    """WATCHDOG_USEC=20 s means a ping every 10 s; none without it, or when it is meant for another process."""
    assert watchdog_interval_ms({"WATCHDOG_USEC": "20000000"}) == 10_000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "20000000", "WATCHDOG_PID": str(os.getpid())}) == 10_000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "1"}) is None
    assert watchdog_interval_ms({}) is None and watchdog_interval_ms({"WATCHDOG_USEC": "soon"}) is None
