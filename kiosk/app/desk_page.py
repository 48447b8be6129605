"""The desk page's one owner: the remote control (built on first use), its staff screen and its saved on/off.

A toggle travels: RemotePage.toggle_requested -> DeskPage.toggle -> RemoteControl.start/stop -> changed ->
DeskPage.draw -> RemotePage.show_remote. The staff layer only opens and closes the screen; the wiring
(kiosk/app/kiosk.py) connects that once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.config.settings import Settings, save_override
from kiosk.core import paths

if TYPE_CHECKING:
    from kiosk.app.remote import RemoteControl
    from kiosk.content.strings import UiStrings
    from kiosk.remote.status import DeskSide
    from kiosk.ui.layers.remote_page import RemotePage


class DeskPage(QObject):
    """Turns the desk page on and off (saved), pairs and unpairs devices, and draws the staff screen."""

    def __init__(
        self,
        settings: Settings,
        settings_path: Path,
        devices_path: Path,
        desk: Callable[[], DeskSide],
        strings: Callable[[], UiStrings],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.settings, self.settings_path, self.devices_path = settings, settings_path, devices_path
        self.desk, self.strings = desk, strings
        self._remote: RemoteControl | None = None
        self.page: RemotePage | None = None

    @property
    def remote(self) -> RemoteControl:
        """The server, pairing and devices, built on first use (QtNetwork stays off start-up)."""
        if self._remote is None:
            from kiosk.app.remote import RemoteControl

            folder = paths.ASSETS / "remote"
            self._remote = RemoteControl(self.settings, self.devices_path, folder, self.desk(), self)
            self._remote.changed.connect(self._redraw)
        return self._remote

    @property
    def is_on(self) -> bool:
        """The page is served now (False while the remote was never built)."""
        return self._remote is not None and self._remote.view().on

    def attach(self, page: RemotePage) -> None:
        """The staff screen's buttons act on the remote directly."""
        self.page = page
        page.toggle_requested.connect(self.toggle)
        page.pair_requested.connect(lambda: self.remote.open_pairing())
        page.revoke_requested.connect(lambda device_id: self.remote.revoke(device_id))

    def toggle(self) -> None:
        """Staff turn the desk page on or off; the choice is saved, so it lasts across restarts."""
        if self.remote.view().on:
            self.remote.stop()
            on = False
        else:
            on = self.remote.start()
        save_override(self.settings_path, "remote_enabled", on)
        self.draw()  # also when nothing changed (a start that failed the same way again)

    def draw(self) -> None:
        """The staff screen, drawn from the remote's state (the QR holds the pairing URL)."""
        if self.page is None:
            return
        from kiosk.core.qr import qr_matrix

        view = self.remote.view()
        self.page.show_remote(view, qr_matrix(view.url) if view.code else (), self.strings())

    def _redraw(self) -> None:
        if self.page is not None and self.page.isVisible():
            self.draw()

    def screen_closed(self) -> None:
        """Staff left the screen: the pairing code shown stops working."""
        if self._remote is not None:
            self._remote.close_pairing()

    def start_saved(self) -> None:
        """After the first screen: serve the page again when staff left it on (setting remote_enabled)."""
        if self.settings.remote_enabled:
            self.remote.start()

    def close(self) -> None:
        if self._remote is not None:
            self._remote.stop()
