"""The front desk's remote, wired: the paired devices, the pairing code, the server, and the hold of the
attract screen. Off until staff turn it on; it asks the visit side only through the callables it is given
(the same calls the staff menu makes), so the desk has no second way to drive the kiosk."""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QNetworkInterface

from kiosk.app.remote_server import ALL_INTERFACES, RemoteServer, lan_address
from kiosk.config.settings import Settings
from kiosk.core.files import read_file
from kiosk.core.i18n import _
from kiosk.remote.certificate import Certificate, load_or_make
from kiosk.remote.devices import Device, DeviceStore
from kiosk.remote.limiter import RateLimiter
from kiosk.remote.pairing import Pairing
from kiosk.remote.screen import RemoteView
from kiosk.remote.service import RemoteService, Site
from kiosk.remote.status import DeskSide

log = logging.getLogger("kiosk.remote")

PAGE_FILES = ("index.html", "app.js", "app.css")
MAX_PAGE_FILE_BYTES = 1024 * 1024


def host_names(address: str, port: int) -> frozenset[str]:
    """The Host values a browser sends for the page: one address, or every local one for 0.0.0.0."""
    addresses = [address]
    if address in ALL_INTERFACES:
        addresses = [a.toString() for a in QNetworkInterface.allAddresses() if not a.toString().startswith("fe80")]
        if address == "0.0.0.0":
            addresses = [a for a in addresses if ":" not in a]
    names = {f"[{a}]:{port}" if ":" in a else f"{a}:{port}" for a in addresses}
    return frozenset(n.lower() for n in names)


class RemoteControl(QObject):
    changed = Signal()  # listening, pairing code or devices changed: the staff screen redraws

    def __init__(
        self, settings: Settings, devices_path: Path, page_folder: Path, desk: DeskSide, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.settings, self.desk = settings, desk
        self.devices = DeviceStore(devices_path)
        self.tls_folder = devices_path.parent / "remote-tls"
        self.certificate: Certificate | None = None
        self.pairing = Pairing(settings.remote_pairing_minutes * 60)
        self.limiter = RateLimiter()
        self.files = {name: read_file(page_folder / name, MAX_PAGE_FILE_BYTES) for name in PAGE_FILES}
        self.server: RemoteServer | None = None
        self.address = ""
        self.problem = ""  # why the page is not served, for the staff screen
        self.minute_ms = 60_000  # tests make minutes short
        self._hold = QTimer(self, singleShot=True)
        self._hold.timeout.connect(lambda: self._lift("the time ran out"))
        self._hold_until = 0.0
        # Once a second while a code is shown: a code that expired, was used or voided leaves the screen, and
        # its minutes count down (an expired code stayed on the staff screen).
        self._code_clock = QTimer(self, interval=1000)
        self._code_clock.timeout.connect(self._code_tick)
        self._code_shown: tuple[str, int] = ("", 0)

    # -- on and off -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self.server is None or not self.server.listening:
            return ""
        host = lan_address() if self.address in ALL_INTERFACES else self.address
        scheme = "https" if self.certificate is not None else "http"
        return f"{scheme}://{f'[{host}]' if ':' in host else host}:{self.server.port}/pair"

    def start(self, address: str = "", port: int | None = None, tls: bool | None = None) -> bool:
        """Serve the page on `address` (default: the setting, or this machine's LAN address), over TLS when
        `tls` (default: the setting) with the kiosk's own certificate."""
        self.stop()
        self.address = address or self.settings.remote_address or lan_address()
        port = self.settings.remote_port if port is None else port
        site_port = port
        self.certificate = None
        if self.settings.remote_tls if tls is None else tls:
            try:
                self.certificate = load_or_make(self.tls_folder, self.address)
            except OSError as error:
                why = _("cannot keep the TLS certificate in {folder}: {error}")
                return self._failed(why.format(folder=self.tls_folder, error=error))
        server = RemoteServer(self._service(self.address, port), self.settings.remote_requests_per_second, self)
        problem = server.listen(self.address, port, self.certificate)
        if problem:
            server.deleteLater()
            return self._failed(problem)
        if site_port == 0:  # a test asked for any free port: the page answers to the one it got
            server.service = self._service(self.address, server.port)
        self.server, self.problem = server, ""
        self.changed.emit()
        return True

    def _failed(self, problem: str) -> bool:
        self.problem = problem
        log.error("remote: %s", problem)
        self.changed.emit()
        return False

    def stop(self) -> None:
        self.pairing.close()
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
            self.changed.emit()

    def _service(self, address: str, port: int) -> RemoteService:
        site = Site(host_names(address, port), secure=self.certificate is not None)
        return RemoteService(self.devices, self.pairing, self.limiter, self, site, self.files)

    # -- pairing and devices (from the staff screen) ----------------------------------------
    def open_pairing(self) -> str:
        code = self.pairing.open()
        log.info("remote: pairing code shown on the staff screen")
        self._code_shown = (self.view().code, self.view().code_minutes)
        self._code_clock.start()
        self.changed.emit()
        return code

    def _code_tick(self) -> None:
        view = self.view()
        if not view.code:
            self._code_clock.stop()
        if (view.code, view.code_minutes) != self._code_shown:
            self._code_shown = (view.code, view.code_minutes)
            self.changed.emit()

    def close_pairing(self) -> None:
        self.pairing.close()

    def revoke(self, device_id: str) -> None:
        if self.devices.revoke(device_id):
            self.changed.emit()

    def rename(self, device_id: str, name: str) -> None:
        if self.devices.rename(device_id, name):
            self.changed.emit()

    @property
    def paired(self) -> list[Device]:
        return self.devices.devices

    def view(self) -> RemoteView:
        """What the staff screen shows."""
        on = self.server is not None and self.server.listening
        code = self.pairing.code if on and self.pairing.is_open else ""
        return RemoteView(
            on=on,
            url=self.url,
            problem=self.problem,
            code=code,
            code_minutes=math.ceil(self.pairing.seconds_left() / 60) if code else 0,
            devices=tuple((d.id, d.name) for d in self.devices.devices),
            fingerprint=self.certificate.fingerprint if on and self.certificate else "",
        )

    # -- the Desk the service calls ---------------------------------------------------------
    def status(self) -> dict[str, Any]:
        return self.desk.status(self.hold_seconds_left())

    def start_over(self, device: str) -> None:
        self.desk.start_over()

    def reload(self, device: str) -> list[str]:
        return self.desk.reload()

    def pause(self, minutes: int, device: str) -> None:
        self.desk.hold(True)
        self._hold.start(minutes * self.minute_ms)
        self._hold_until = time.monotonic() + minutes * self.minute_ms / 1000

    def resume(self, device: str) -> None:
        self._lift(f"lifted by {device!r}")

    def devices_changed(self) -> None:
        self.changed.emit()

    def hold_seconds_left(self) -> float:
        return max(0.0, self._hold_until - time.monotonic()) if self._hold.isActive() else 0.0

    def _lift(self, why: str) -> None:
        if self._hold.isActive() or why == "the time ran out":
            log.info("remote: attract screen hold ended (%s)", why)
        self._hold.stop()
        self._hold_until = 0.0
        self.desk.hold(False)
