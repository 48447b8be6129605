"""Connection limits for the desk page: how many, from where, and for how long a connection may stay.

Qt's QHttpServer accepts every connection and keeps it as long as the client likes: ~1,060 slow connections
from one LAN host used up the kiosk's file descriptors, a connection trickling a byte every 3 s was never
timed out, and the content watcher then logged "Too many open files" every second. So each connection is
admitted only under a total and a per-address cap (the socket is closed at once otherwise, before Qt sees it),
is closed after `idle_ms` without a byte either way, and a request must be answered within `request_ms` of its
first byte (a trickle never is).
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QAbstractSocket, QTcpServer, QTcpSocket

_SEEN = "kiosk_connection_counted"


class ConnectionLimits(NamedTuple):
    total: int = 64  # every desk device together (a clinic has a few)
    per_address: int = 8  # one browser opens about six
    idle_ms: int = 15_000  # a kept-alive connection with nothing to say
    request_ms: int = 10_000  # from a request's first byte to its answer


class ConnectionGuard(QObject):
    """Counts the desk page's open connections per address and puts the timers on each.

    It looks at each connection just after QHttpServer has taken it from the listening server (its slot runs
    after the server's: it is connected after `bind`), closing at once one over a cap. PySide cannot override
    QTcpServer.incomingConnection for a server QHttpServer is bound to (the override is never called), so the
    refusal comes right after the accept; the descriptor is closed before the client can send anything."""

    def __init__(self, http: QObject, tcp: QTcpServer, limits: ConnectionLimits) -> None:
        super().__init__(http)
        self.http, self.limits = http, limits
        self.open: Counter[str] = Counter()
        self.refused = self.admitted = self.peak = 0  # for the staff log and the tests
        tcp.pendingConnectionAvailable.connect(self._scan)

    def _scan(self) -> None:
        for connection in self.http.findChildren(QTcpSocket):
            if connection.property(_SEEN) or connection.state() != QAbstractSocket.SocketState.ConnectedState:
                continue
            connection.setProperty(_SEEN, True)
            address = connection.peerAddress().toString()
            if sum(self.open.values()) >= self.limits.total or self.open[address] >= self.limits.per_address:
                self.refused += 1
                connection.abort()
                continue
            self._watch(connection, address)

    def _watch(self, connection: QTcpSocket, address: str) -> None:
        self.open[address] += 1
        self.admitted += 1
        self.peak = max(self.peak, sum(self.open.values()))
        released = [False]

        def release() -> None:
            if not released[0]:
                released[0] = True
                self.open[address] -= 1
                if self.open[address] <= 0:
                    del self.open[address]

        idle = QTimer(connection, singleShot=True, interval=self.limits.idle_ms)
        request = QTimer(connection, singleShot=True, interval=self.limits.request_ms)
        idle.timeout.connect(lambda: connection.abort())
        request.timeout.connect(lambda: connection.abort())

        def received() -> None:
            idle.start()
            if not request.isActive():
                request.start()

        def answered() -> None:
            idle.start()
            request.stop()

        connection.readyRead.connect(received)
        connection.bytesWritten.connect(answered)
        connection.disconnected.connect(release)
        connection.destroyed.connect(release)
        idle.start()
        if connection.bytesAvailable():  # the request may have arrived with the connection
            received()
