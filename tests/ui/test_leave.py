"""'Leave the kiosk' ends the program with the status the systemd unit does not restart."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.app import kiosk as wiring
from kiosk.app.kiosk import EXIT_STAFF_LEFT, Kiosk


def test_leave_exits_with_the_status_that_prevents_a_restart(
    make_kiosk: Callable[..., Kiosk], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staff's 'leave the kiosk' exits Qt's loop with EXIT_STAFF_LEFT (a plain quit was 0, and restarted)."""
    codes: list[int] = []
    monkeypatch.setattr(wiring.QApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    kiosk = make_kiosk()
    kiosk.leave()
    assert codes == [EXIT_STAFF_LEFT] and EXIT_STAFF_LEFT not in (0, 1)
