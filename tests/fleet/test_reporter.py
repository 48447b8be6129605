"""The running kiosk writes its heartbeat (and ended days' summaries) to the outbox when one is set."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.content.publish import write_manifest
from kiosk.fleet.outbox import HEARTBEAT, read_heartbeat
from tests.conftest import SHIPPED_LESSON


def test_the_kiosk_writes_a_heartbeat_after_its_first_screen(make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> None:
    """With outbox_folder set, a heartbeat naming the kiosk and its content appears; without, nothing starts."""
    box = tmp_path / "outbox"
    kiosk = make_kiosk(settings=Settings(outbox_folder=str(box), kiosk_name="desk-1"))
    kiosk.warm_up()
    assert kiosk.fleet is not None
    kiosk.fleet.wait()
    beat = read_heartbeat((box / HEARTBEAT).read_bytes())
    assert beat.kiosk == "desk-1" and "(stretching v" in beat.content_version and beat.problems == ()


def test_no_outbox_no_reporter(make_kiosk: Callable[..., Kiosk]) -> None:
    """The default settings start no reporter (a single kiosk writes nothing extra)."""
    kiosk = make_kiosk()
    kiosk.warm_up()
    assert kiosk.fleet is None


@pytest.mark.allow_warnings
def test_the_heartbeat_says_what_is_shown_and_problems_relative_to_the_lesson(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """New content refused: the heartbeat names the version still on screen (not the folder's newer manifest), and
    its problems name files relative to the content folder, never this kiosk's own folders."""
    content, box = tmp_path / "live", tmp_path / "outbox"
    shutil.copytree(SHIPPED_LESSON, content / "stretching")
    settings = Settings(
        outbox_folder=str(box), kiosk_name="desk-1", content_poll_seconds=0.02, content_quiet_seconds=0.1
    )
    kiosk = make_kiosk(content=content, settings=settings, transitions=False, watch_content=True)
    kiosk.warm_up()
    kiosk.lessons.start_updates()
    assert kiosk.fleet is not None and kiosk.lessons.updates is not None
    kiosk.fleet.wait()
    shown = read_heartbeat((box / HEARTBEAT).read_bytes()).content_version
    deck = content / "stretching" / "ja" / "deck.md"
    with qtbot.waitSignal(kiosk.lessons.updates.refused, timeout=20_000):
        deck.write_text(deck.read_text(encoding="utf-8").replace("seiza.svg", "missing.svg"), encoding="utf-8")
        newer = write_manifest(content / "stretching", "stretching")  # published unchecked
    kiosk.fleet.beat()
    kiosk.fleet.wait()
    beat = read_heartbeat((box / HEARTBEAT).read_bytes())
    assert beat.content_version == shown and f"v{newer.version})" not in beat.content_version
    assert beat.problems and all(p.startswith("stretching/") for p in beat.problems), beat.problems
    assert not any(str(tmp_path) in p for p in beat.problems), beat.problems
