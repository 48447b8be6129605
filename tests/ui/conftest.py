"""Fixtures for tests that drive the real kiosk offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk, build
from kiosk.app.lookahead import Lookahead
from kiosk.config.options import Options
from kiosk.config.settings import Settings
from tests.conftest import SHIPPED_CONTENT


@pytest.fixture(autouse=True)
def _lookahead_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are laid out ahead only when a test asks (`presenter.lookahead.finish()`), never by the clock: a test
    that holds a page and taps on it keeps tapping the page shown (tests/ui/test_laid_out_ahead.py covers it)."""
    monkeypatch.setattr(Lookahead, "delay_ms", None)


@pytest.fixture
def make_kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Build a shown, windowed kiosk; closed after the test."""
    built: list[Kiosk] = []

    def make(size: tuple[int, int] = (1920, 1080), content: Path = SHIPPED_CONTENT, **options: object) -> Kiosk:
        options.setdefault("config_dir", tmp_path / "config")
        options.setdefault("data_dir", tmp_path / "data")
        options.setdefault("settings", Settings())
        kiosk = build(Options(content=content, windowed=True, size=size, **options))
        kiosk.show()
        qtbot.waitExposed(kiosk.window)
        built.append(kiosk)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.close()


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    """The shipped content at 1920x1080, transitions on."""
    return make_kiosk()
