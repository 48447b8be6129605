"""The running kiosk writes its heartbeat (and ended days' summaries) to the outbox when one is set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.fleet.outbox import HEARTBEAT, read_heartbeat


def test_the_kiosk_writes_a_heartbeat_after_its_first_screen(make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> None:
    """With outbox_folder set, a heartbeat naming the kiosk and its content appears; without, nothing starts."""
    box = tmp_path / "outbox"
    kiosk = make_kiosk(settings=Settings(outbox_folder=str(box), kiosk_name="desk-1"))
    kiosk._warm_up()
    assert kiosk.fleet is not None
    kiosk.fleet.wait()
    beat = read_heartbeat((box / HEARTBEAT).read_bytes())
    assert beat.kiosk == "desk-1" and len(beat.content_version) == 12 and beat.problems == ()


def test_no_outbox_no_reporter(make_kiosk: Callable[..., Kiosk]) -> None:
    """The default settings start no reporter (a single kiosk writes nothing extra)."""
    kiosk = make_kiosk()
    kiosk._warm_up()
    assert kiosk.fleet is None
