"""A real HTTP client for the desk page's tests: http.client in a worker thread while Qt's loop runs."""

from __future__ import annotations

import http.client
import json
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pytestqt.qtbot import QtBot

TIMEOUT_S = 10


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    cookies: list[str] = field(default_factory=list)

    @property
    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


def request(
    port: int,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    host: str = "127.0.0.1",
    tls: ssl.SSLContext | None = None,
) -> Answer:
    """One request on a fresh connection (HTTPS with `tls`), from the calling thread (never the Qt thread)."""
    sent = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        sent.setdefault("Content-Type", "application/json")
    connection = (
        http.client.HTTPConnection(host, port, timeout=TIMEOUT_S)
        if tls is None
        else http.client.HTTPSConnection(host, port, timeout=TIMEOUT_S, context=tls)
    )
    try:
        connection.request(method, path, body=data, headers=sent)
        reply = connection.getresponse()
        answer = Answer(
            reply.status,
            {k.lower(): v for k, v in reply.getheaders()},
            reply.read(),
            [v for k, v in reply.getheaders() if k.lower() == "set-cookie"],
        )
    finally:
        connection.close()
    return answer


def in_thread(qtbot: QtBot, work: Callable[[], Any], timeout_s: float = 20) -> Any:
    """Run `work` (the client side) in a thread while the Qt loop serves; its result or its exception."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # re-raised in the test's thread
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=round(timeout_s * 1000))
    if errors:
        raise errors[0]
    return result[0]


ACTION = {"X-Kiosk-Remote": "1"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **ACTION}
