"""The desk page's HTTP server: Qt's own QHttpServer, in the kiosk's event loop, carrying each request to
the pure `RemoteService.handle` and its reply back.

PySide6's `QHttpServer.route()` turns a Python handler's return value into a QString (always status 200,
text/plain), so a route cannot answer 401, 405 or 429 or set headers. The server therefore has no routes:
its after-request handler, which Qt calls for every request (the 404 of an unrouted path included), swaps
the response for the service's reply. Status, headers and body are then entirely ours.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtHttpServer import QHttpServer, QHttpServerRequest, QHttpServerResponder, QHttpServerResponse
from PySide6.QtNetwork import (
    QAbstractSocket,
    QHostAddress,
    QHttpHeaders,
    QNetworkInterface,
    QSsl,
    QSslCertificate,
    QSslConfiguration,
    QSslKey,
    QSslServer,
    QTcpServer,
)

from kiosk.app.remote_guard import ConnectionGuard, ConnectionLimits
from kiosk.core.i18n import _
from kiosk.remote.certificate import Certificate
from kiosk.remote.messages import MAX_BODY, Reply, Request, error_reply
from kiosk.remote.service import RemoteService

log = logging.getLogger("kiosk.remote")

METHODS = {
    QHttpServerRequest.Method.Get: "GET",
    QHttpServerRequest.Method.Head: "HEAD",
    QHttpServerRequest.Method.Post: "POST",
    QHttpServerRequest.Method.Put: "PUT",
    QHttpServerRequest.Method.Delete: "DELETE",
    QHttpServerRequest.Method.Patch: "PATCH",
    QHttpServerRequest.Method.Options: "OPTIONS",
}
ALL_INTERFACES = ("0.0.0.0", "::")
DEFAULT_LIMITS = ConnectionLimits()


def lan_address() -> str:
    """This machine's address on the clinic's network: the first IPv4 address of an interface that is up
    and not the loopback; "127.0.0.1" when there is none (then only this machine can reach the page)."""
    wanted = QNetworkInterface.InterfaceFlag.IsUp | QNetworkInterface.InterfaceFlag.IsRunning
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if (flags & wanted) != wanted or flags & QNetworkInterface.InterfaceFlag.IsLoopBack:
            continue
        for entry in interface.addressEntries():
            address = entry.ip()
            if address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol and not address.isLoopback():
                return address.toString()
    return "127.0.0.1"


def to_request(request: QHttpServerRequest) -> Request:
    headers: dict[str, str] = {}
    for name, value in request.headers().toListOfPairs():
        key = bytes(name.data()).decode("latin-1").lower()
        text = bytes(value.data()).decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers and key != "cookie" else text
    return Request(
        method=METHODS.get(request.method(), "OTHER"),
        path=request.url().path(),
        headers=headers,
        body=bytes(request.body().data()),
        peer=request.remoteAddress().toString(),
    )


def to_response(reply: Reply) -> QHttpServerResponse:
    response = QHttpServerResponse(
        reply.content_type.encode("latin-1"), reply.body, QHttpServerResponder.StatusCode(reply.status)
    )
    headers = QHttpHeaders()
    for name, value in reply.all_headers():
        headers.append(name, value)
    response.setHeaders(headers)
    return response


def tls_server(tls: Certificate, parent: QObject) -> QSslServer | None:
    """A QSslServer presenting the kiosk's own certificate (TLS 1.2 or later); None when Qt cannot read it."""
    certificate = QSslCertificate(tls.cert_pem, QSsl.EncodingFormat.Pem)
    key = QSslKey(tls.key_pem, QSsl.KeyAlgorithm.Ec, QSsl.EncodingFormat.Pem)
    if certificate.isNull() or key.isNull():
        return None
    configuration = QSslConfiguration.defaultConfiguration()
    configuration.setLocalCertificate(certificate)
    configuration.setPrivateKey(key)
    configuration.setProtocol(QSsl.SslProtocol.TlsV1_2OrLater)
    server = QSslServer(parent)
    server.setSslConfiguration(configuration)
    server.setHandshakeTimeout(5000)  # a client that opens a socket and says nothing is dropped
    return server


class RemoteServer(QObject):
    """Listens on one address and port; stopped by `close()` or with its parent."""

    def __init__(self, service: RemoteService, requests_per_second: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.requests_per_second = requests_per_second
        self._http: QHttpServer | None = None
        self._tcp: QTcpServer | None = None
        self.secure = False
        self.limits = DEFAULT_LIMITS  # tests make them small
        self.guard: ConnectionGuard | None = None
        self._second, self._requests = 0, Counter[str]()
        self._handler: Callable[[QHttpServerRequest, QHttpServerResponse], None] | None = None

    @property
    def port(self) -> int:
        return self._tcp.serverPort() if self._tcp is not None else 0

    @property
    def listening(self) -> bool:
        return self._tcp is not None

    def listen(self, address: str, port: int, tls: Certificate | None = None) -> str | None:
        """Start listening (over TLS with `tls`); the reason as text when it cannot (address not on this
        machine, port in use, a certificate Qt cannot read)."""
        self.close()
        host = QHostAddress(address)
        if host.isNull():
            return _("remote_address {address!r} is not an IP address").format(address=address)
        if address in ALL_INTERFACES:
            log.warning("remote: listening on every network interface (%s), as remote_address says", address)
        http = QHttpServer(self)
        configuration = http.configuration()
        # No rate limit of Qt's own: its 429 goes out without passing the after-request handler, so without the
        # page's security headers. `_answer` counts the requests per address instead.
        configuration.setRateLimitPerSecond(0)
        configuration.setMaximumBodySize(MAX_BODY)
        http.setConfiguration(configuration)
        # PySide keeps no reference to the handler: without this one it is freed and Qt calls freed memory.
        self._handler = self._answer
        http.addAfterRequestHandler(http, self._handler)
        tcp = QTcpServer(http) if tls is None else tls_server(tls, http)
        if tcp is None:
            http.deleteLater()
            return _("the TLS certificate or key cannot be read by Qt")
        if not tcp.listen(host, port) or not http.bind(tcp):
            reason = tcp.errorString() or _("the HTTP server would not bind")
            http.deleteLater()
            return _("cannot listen on {address}:{port}: {reason}").format(address=address, port=port, reason=reason)
        self._http, self._tcp, self.secure = http, tcp, tls is not None
        self.guard = ConnectionGuard(http, tcp, self.limits)  # after bind: it sees each connection once Qt has it
        log.info("remote: desk page listening on %s:%d", address, tcp.serverPort())
        return None

    def close(self) -> None:
        """Stop listening and drop every open connection (a kept-alive one too)."""
        if self._http is not None:
            assert self._tcp is not None
            self._tcp.close()
            self._http.deleteLater()  # its connections go with it
            self._http = self._tcp = None
            log.info("remote: desk page stopped")

    def _answer(self, request: QHttpServerRequest, response: QHttpServerResponse) -> None:
        second = int(time.monotonic())
        if second != self._second:  # a new second: every address may send again (memory bounded per second)
            self._second, self._requests = second, Counter()
        peer = request.remoteAddress().toString()
        self._requests[peer] += 1
        if self._requests[peer] > self.requests_per_second:
            response.swap(to_response(error_reply(429, "too_many_requests", "slow down", (("Retry-After", "1"),))))
            return
        try:
            reply = self.service.handle(to_request(request))
        except Exception:  # a bug in a route must not take the kiosk down: log it and answer 500
            log.exception("remote: request %s failed", request.url().path())
            reply = Reply(500, b'{"error": "internal"}')
        replacement = to_response(reply)
        response.swap(replacement)
