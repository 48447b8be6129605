"""The staff screen of the desk remote, driven by touch: turn on, show the QR and code, pair, unpair, turn off."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings, load_settings
from kiosk.staff.pin import save_pin
from tests.app.remote_client import ACTION, bearer, in_thread, request

PIN = "135790"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def staff_kiosk(make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> Kiosk:
    save_pin(tmp_path / "config" / "pin.json", PIN)
    return make_kiosk(settings=Settings(remote_address="127.0.0.1", remote_port=free_port()), transitions=False)


def click(qtbot: QtBot, widget: object) -> None:
    assert widget.isVisible(), widget  # type: ignore[attr-defined]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_remote_screen(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.open_staff()
    for digit in PIN:
        click(qtbot, kiosk.staff.pin_pad.digits[digit])
    with qtbot.waitSignal(kiosk.staff.pin_checked):  # the check runs off the UI thread
        click(qtbot, kiosk.staff.pin_pad.ok)
    click(qtbot, kiosk.staff.menu.buttons["remote"])
    assert kiosk.staff.remote_page.isVisible()


def read_qr(kiosk: Kiosk) -> str:
    image = kiosk.staff.remote_page.qr.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : image.width()
    ]
    results = zxingcpp.read_barcodes(pixels)
    assert len(results) == 1
    return str(results[0].text)


@pytest.mark.allow_warnings  # the revoked token is logged when it is tried
def test_turn_on_pair_by_the_qr_and_code_unpair_turn_off(qtbot: QtBot, staff_kiosk: Kiosk, tmp_path: Path) -> None:
    """The whole staff side: on (saved), QR of the pairing URL and a code that pairs, unpair, off (saved)."""
    kiosk = staff_kiosk
    open_remote_screen(qtbot, kiosk)
    page = kiosk.staff.remote_page
    assert page.state.text() == kiosk.strings.remote_off and not page.pair.isVisible()
    click(qtbot, page.toggle)
    assert kiosk.desk.remote.view().on
    assert load_settings(tmp_path / "config" / "settings.toml")[0].remote_enabled is True
    click(qtbot, page.pair)
    url = read_qr(kiosk)
    assert url == kiosk.desk.remote.url and url.startswith("http://127.0.0.1:") and url.endswith("/pair")
    assert url in page.state.text()
    code = page.code.text().replace(" ", "")
    port = int(url.split(":")[2].split("/")[0])
    answer = in_thread(qtbot, lambda: request(port, "POST", "/api/pair", {"code": code, "name": "受付PC",
                                                                          "bearer": True}, ACTION))  # fmt: skip
    assert answer.status == 200
    token = answer.json["token"]
    assert page.device_names[0].text() == "受付PC" and page.device_names[0].isVisible()
    assert not page.qr.isVisible()  # the code is used up
    click(qtbot, page.revoke_buttons[0])
    assert not page.device_names[0].isVisible()
    assert in_thread(qtbot, lambda: request(port, "GET", "/api/status", headers=bearer(token))).status == 401
    click(qtbot, page.toggle)
    assert not kiosk.desk.remote.view().on
    assert load_settings(tmp_path / "config" / "settings.toml")[0].remote_enabled is False


def test_leaving_the_screen_voids_the_code(qtbot: QtBot, staff_kiosk: Kiosk) -> None:
    """A code shown on the staff screen stops working when staff go back to the menu or the menu closes."""
    kiosk = staff_kiosk
    open_remote_screen(qtbot, kiosk)
    click(qtbot, kiosk.staff.remote_page.toggle)
    click(qtbot, kiosk.staff.remote_page.pair)
    assert kiosk.desk.remote.pairing.is_open
    click(qtbot, kiosk.staff.remote_page.back)
    assert not kiosk.desk.remote.pairing.is_open and kiosk.staff.menu.isVisible()
    click(qtbot, kiosk.staff.menu.buttons["remote"])
    click(qtbot, kiosk.staff.remote_page.pair)
    kiosk.close_staff()
    assert not kiosk.desk.remote.pairing.is_open


def test_it_comes_back_on_after_a_restart(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """With remote_enabled saved, the kiosk serves the page again once its first screen is up."""
    kiosk = make_kiosk(settings=Settings(remote_enabled=True, remote_address="127.0.0.1", remote_port=free_port()))
    qtbot.waitUntil(lambda: kiosk.desk.is_on, timeout=5000)
