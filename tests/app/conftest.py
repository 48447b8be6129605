"""The app tests drive the real kiosk too: the same fixtures as the ui tests."""

from __future__ import annotations

from tests.ui.conftest import kiosk, make_kiosk  # noqa: F401 (fixtures)
