"""The desk page's owner alone (kiosk.app.desk_page): a toggle goes from the staff screen to the remote and back."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.desk_page import DeskPage
from kiosk.config.settings import Settings, load_settings
from kiosk.content.strings import FALLBACK
from kiosk.remote.status import DeskSide
from kiosk.ui.layers.remote_page import RemotePage
from kiosk.ui.window import KioskWindow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path) -> Iterator[DeskPage]:
    """A DeskPage over a bare window and a RemotePage: no staff layer, no flow, no Kiosk."""
    window = KioskWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = RemotePage(window)
    window.add_layer(page)
    side = DeskSide(status=lambda _left: {}, start_over=lambda: None, reload=list, hold=lambda _on: None)
    settings = Settings(remote_address="127.0.0.1", remote_port=_free_port())
    desk = DeskPage(
        settings, tmp_path / "settings.toml", tmp_path / "remote-devices.json", lambda: side, lambda: FALLBACK, window
    )
    desk.attach(page)
    desk.draw()
    page.open()
    yield desk
    desk.close()


def test_the_toggle_reaches_the_remote_and_the_screen_without_a_relay(desk: DeskPage, tmp_path: Path) -> None:
    """RemotePage.toggle_requested -> DeskPage.toggle -> RemoteControl -> DeskPage.draw: on (saved, drawn), off."""
    page = desk.page
    assert page is not None and page.state.text() == FALLBACK.remote_off and not desk.is_on
    page.toggle_requested.emit()
    assert desk.is_on and desk.remote.url in page.state.text() and page.pair.isVisible()
    assert load_settings(tmp_path / "settings.toml")[0].remote_enabled is True
    page.toggle_requested.emit()
    assert not desk.is_on and page.state.text() == FALLBACK.remote_off
    assert load_settings(tmp_path / "settings.toml")[0].remote_enabled is False


def test_a_code_shown_stops_working_when_the_screen_closes(desk: DeskPage) -> None:
    """Pairing and revoking act on the remote straight from the page; closing the screen voids the code."""
    assert desk.page is not None
    desk.page.toggle_requested.emit()
    desk.page.pair_requested.emit()
    assert desk.remote.pairing.is_open and desk.remote.view().code in desk.page.code.text().replace(" ", "")
    desk.screen_closed()
    assert not desk.remote.pairing.is_open
