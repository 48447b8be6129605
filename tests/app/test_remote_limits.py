"""The desk page under a slow or greedy neighbour (issue 27, item 9): a cap on connections in all and per
address, an idle and a slow-request timeout, and the page's security headers on Qt's own 429 too.

Bounded: at most 200 connections, from other loopback addresses (127.0.0.2 and up), with limits made small."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import remote_server
from kiosk.app.kiosk import Kiosk
from kiosk.app.remote_guard import ConnectionLimits
from kiosk.remote.messages import SECURITY_HEADERS
from kiosk.visit.flow import Screen
from tests.app.remote_client import in_thread, request
from tests.ui.test_walkthrough import start_lesson

pytestmark = pytest.mark.allow_warnings

LIMITS = ConnectionLimits(total=40, per_address=6, idle_ms=1500, request_ms=1500)


@pytest.fixture
def port(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(remote_server, "DEFAULT_LIMITS", LIMITS)
    assert kiosk.desk.remote.start("127.0.0.1", 0), kiosk.desk.remote.problem
    assert kiosk.desk.remote.server is not None
    return kiosk.desk.remote.server.port


def connect_from(source: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(10)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def closed_by_server(sock: socket.socket) -> bool:
    """True once the server has closed (or reset) the connection."""
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except OSError:
        return True


def test_a_flood_from_one_address_leaves_the_page_answering(qtbot: QtBot, kiosk: Kiosk, port: int) -> None:
    """200 silent connections from 127.0.0.2: at most 6 are kept, the rest closed at once; 127.0.0.1 is served."""
    flood: list[socket.socket] = []
    try:
        flood = in_thread(qtbot, lambda: [connect_from("127.0.0.2", port) for _ in range(200)])
        server = kiosk.desk.remote.server
        assert server is not None and server.guard is not None
        guard = server.guard
        qtbot.waitUntil(lambda: guard.refused + guard.admitted >= 200, timeout=20_000)
        assert guard.peak <= LIMITS.per_address and guard.refused >= 150
        started = time.monotonic()
        answer = in_thread(qtbot, lambda: request(port, "GET", "/api/status"))
        assert answer.status == 401 and time.monotonic() - started < 5  # answered (no token), at once
        kept = in_thread(qtbot, lambda: [s for s in flood if not closed_by_server(s)], timeout_s=60)
        assert len(kept) <= LIMITS.per_address
        start_lesson(qtbot, kiosk)  # the touch screen answers too
        assert kiosk.flow.state.screen is Screen.SLIDE
    finally:
        for sock in flood:
            sock.close()


def test_a_silent_connection_is_closed_after_the_idle_time(qtbot: QtBot, port: int) -> None:
    """A connection that says nothing is closed within the idle time (it stayed open for ever)."""
    sock = in_thread(qtbot, lambda: connect_from("127.0.0.3", port))
    try:
        assert in_thread(qtbot, lambda: closed_by_server(sock), timeout_s=15)
    finally:
        sock.close()


def test_a_trickled_request_is_closed_after_the_request_time(qtbot: QtBot, port: int) -> None:
    """A byte every 0.2 s never lets the idle time run out; the request time does (it was never timed out)."""
    sock = in_thread(qtbot, lambda: connect_from("127.0.0.4", port))
    closed = threading.Event()

    def trickle() -> None:
        sock.settimeout(0.2)
        for byte in b"GET /api/status HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200:
            try:
                sock.send(bytes([byte]))
            except OSError:
                closed.set()
                return
            if closed_by_server(sock):
                closed.set()
                return

    try:
        in_thread(qtbot, trickle, timeout_s=30)
        assert closed.is_set()
    finally:
        sock.close()


def test_qts_own_429_carries_the_security_headers(qtbot: QtBot, kiosk: Kiosk, port: int) -> None:
    """Over the requests-per-second limit Qt answers 429 itself: with every security header of the page."""
    answers = in_thread(qtbot, lambda: [request(port, "GET", "/app.css") for _ in range(60)], timeout_s=60)
    limited = [answer for answer in answers if answer.status == 429]
    assert limited, [answer.status for answer in answers]
    for answer in limited:
        assert all(name.lower() in answer.headers for name, _ in SECURITY_HEADERS), answer.headers


def test_an_expired_code_leaves_the_staff_screen(qtbot: QtBot, kiosk: Kiosk, port: int) -> None:
    """A pairing code whose time ran out is taken off the staff screen (it stayed there)."""
    kiosk.desk.remote.pairing.valid_seconds = 0.5
    assert kiosk.desk.remote.open_pairing() == kiosk.desk.remote.view().code != ""
    with qtbot.waitSignal(kiosk.desk.remote.changed, timeout=5000):
        pass
    assert kiosk.desk.remote.view().code == ""
