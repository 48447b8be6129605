"""A short monkey run in CI: thousands of random events through whole visits, every invariant kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.staff.pin import save_pin
from tests.ui.monkey import Monkey

# A PIN no random typing will ever hit: the monkey must never reach the staff menu.
UNGUESSABLE_PIN = "739104628351"
FAST = Settings(
    idle_seconds=0.3, idle_countdown_seconds=0.3, result_timeout_seconds=0.3, staff_hold_seconds=0.05,
    pin_lockout_seconds=0.2, transitions=False,
)  # fmt: skip


@pytest.mark.slow  # ~25 s a seed
@pytest.mark.allow_warnings  # wrong PINs and lockouts are logged, as they should be
# Read-aloud now plays the shipped narration: on a machine with no sound card Qt's media backend says so.
@pytest.mark.qt_log_ignore(r"Couldn't (load|resolve) va", r"PulseAudioService", r"pa_context_connect")
@pytest.mark.parametrize("seed", [1, 2])
def test_monkey_keeps_every_invariant(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path, seed: int
) -> None:
    """1,200 random events per seed: no exception, valid state, matching screen, no staff menu, bounded objects."""
    save_pin(tmp_path / "config" / "pin.json", UNGUESSABLE_PIN)
    kiosk = make_kiosk(settings=FAST, lockdown=True, transitions=False)
    report = Monkey(kiosk, seed, hold_ms=50).run(1200, sample_every=200)
    assert report.problems == []
    assert {"attract", "slide", "question", "result"} <= report.screens_seen
    counts = report.object_counts[1:]  # after warm-up (the staff layer is built on first use)
    assert max(counts) - min(counts) < 50, counts


@pytest.mark.qt_no_exception_capture
@pytest.mark.allow_warnings
def test_monkey_reports_a_broken_handler(qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> None:
    """The monkey is not blind: a handler that raises shows up as a problem naming the seed and event."""
    kiosk = make_kiosk(settings=FAST, lockdown=True, transitions=False)

    def broken() -> None:
        raise RuntimeError("planted fault")

    kiosk.window.slide.next_requested.connect(broken)
    report = Monkey(kiosk, 3, hold_ms=50).run(300)
    assert report.problems and "planted fault" in report.problems[0] and report.problems[0].startswith("seed 3, event ")
