"""The watchdog ping, sent from Qt's event loop: if the loop hangs, the pings stop and systemd restarts us.

A thread would keep pinging while the screen is frozen; a timer on the main thread pings only while the
loop runs, which is exactly what the watchdog must know.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

from kiosk.core.sdnotify import Notifier, watchdog_interval_ms

log = logging.getLogger("kiosk.app")


class Watchdog(QObject):
    """Says READY=1 once the first screen is up and WATCHDOG=1 every half watchdog interval."""

    def __init__(self, parent: QObject | None = None, environ: Mapping[str, str] = os.environ) -> None:
        super().__init__(parent)
        self.notifier = Notifier(environ)
        self.interval_ms = watchdog_interval_ms(environ) if self.notifier.active else None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.ping)
        if self.interval_ms is not None:
            self._timer.start(self.interval_ms)
            log.info("watchdog: pinging the service manager every %d ms", self.interval_ms)

    def ready(self) -> None:
        """The first screen is up: the service manager may count the kiosk as started."""
        self.notifier.send("READY=1")

    def ping(self) -> None:
        self.notifier.send("WATCHDOG=1")

    def stopping(self) -> None:
        self._timer.stop()
        self.notifier.send("STOPPING=1")
        self.notifier.close()
