"""Two real Syncthing instances on 127.0.0.1: content goes hub -> kiosk, the outbox goes kiosk -> hub and merges."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.content.loader import load_library
from kiosk.content.publish import publish
from kiosk.core.endings import EndReason
from kiosk.fleet.merge import merge
from kiosk.fleet.outbox import Outbox
from kiosk.fleet.syncthing import CONTENT_FOLDER_ID, outbox_folder_id
from kiosk.stats.store import StatsStore
from kiosk.visit.flow import Screen
from tests.conftest import SHIPPED_CONTENT
from tests.fleet.syncthing_peer import SYNCTHING, Peer, text_or_none, wait_for
from tests.stats.samples import make_record

QUICK = Settings(content_poll_seconds=0.05, content_quiet_seconds=0.3)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SYNCTHING is None, reason="Syncthing is not installed (scripts/setup.sh --tests installs it)"),
]


def unmarked(text: str) -> str:
    """The words without the phrase-break marks the typesetter puts between characters."""
    return text.replace("\u2060", "").replace("\u200b", "")


@pytest.fixture
def peers(tmp_path: Path) -> Iterator[tuple[Peer, Peer]]:
    """A hub and a kiosk that know each other; both stopped after the test."""
    hub, kiosk = Peer(tmp_path / "hub-home", "hub"), Peer(tmp_path / "kiosk-home", "kiosk")
    hub.add_device(kiosk)
    kiosk.add_device(hub)
    yield hub, kiosk
    hub.stop()
    kiosk.stop()


def test_content_and_outbox_travel_between_hub_and_kiosk(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], peers: tuple[Peer, Peer], tmp_path: Path
) -> None:
    """A lesson published on the hub reaches the running kiosk at its next attract screen (never mid-visit);
    the kiosk's daily summary reaches the hub and merges."""
    hub, kiosk = peers
    hub_content, kiosk_content = tmp_path / "hub-content", tmp_path / "kiosk-content"
    kiosk_outbox, hub_outboxes = tmp_path / "kiosk-outbox", tmp_path / "hub-outboxes"
    shutil.copytree(SHIPPED_CONTENT, hub_content)
    outbox_id = outbox_folder_id("kiosk-1")
    hub.add_folder(CONTENT_FOLDER_ID, hub_content, "sendonly", kiosk)
    kiosk.add_folder(CONTENT_FOLDER_ID, kiosk_content, "receiveonly", hub)
    kiosk.add_folder(outbox_id, kiosk_outbox, "sendonly", hub)
    hub.add_folder(outbox_id, hub_outboxes / "kiosk-1", "receiveonly", kiosk)
    hub.start(tmp_path / "hub.log")
    kiosk.start(tmp_path / "kiosk.log")
    wait_for(lambda: hub.connected_to(kiosk), 60, "the two instances to connect")

    # Content out: every file of the lesson arrives, and the kiosk's loader accepts the synced folder.
    deck = next(SHIPPED_CONTENT.rglob("ja/deck.md")).relative_to(SHIPPED_CONTENT)
    wait_for(lambda: (kiosk_content / deck).exists(), 60, "the lesson to reach the kiosk")
    wanted = sorted(p.relative_to(hub_content) for p in hub_content.rglob("*") if p.is_file() and ".st" not in p.name)
    wait_for(lambda: all((kiosk_content / p).exists() for p in wanted), 60, "every lesson file")
    library, problems = load_library(kiosk_content)
    assert library is not None, problems

    # A change on the hub reaches the kiosk, which is in the middle of a visit: the visit goes on with the old
    # lesson, and the next attract screen shows the new one.
    shown = make_kiosk(content=kiosk_content, transitions=False, settings=QUICK, watch_content=True)
    shown.lessons.start_updates()
    assert shown.lessons.updates is not None
    assert "改訂" not in unmarked(shown.presenter.spoken_text(shown.flow.state))  # the attract screen's words
    shown.flow.start("ja")
    shown.flow.next()
    changed = (hub_content / deck).read_text(encoding="utf-8").replace("title: ", "title: 改訂 ", 1)
    (hub_content / deck).write_text(changed, encoding="utf-8")
    assert publish(hub_content / deck.parts[0])[0] is not None  # the practitioner says "ready"
    hub.scan(CONTENT_FOLDER_ID)
    wait_for(lambda: text_or_none(kiosk_content / deck) == changed, 60, "the change to arrive")

    def waiting_with_the_change() -> bool:
        pending = shown.flow.pending
        return pending is not None and "改訂" in unmarked(pending.first.translations["ja"].deck.title)

    qtbot.waitUntil(waiting_with_the_change, timeout=60_000)  # validated off screen, held for the visit's end
    assert shown.flow.state.screen is Screen.SLIDE and shown.flow.state.slide == 1  # the visit was not cut
    shown.flow.end_visit(EndReason.HOME)
    assert shown.window.current_page is shown.window.attract
    assert "改訂" in unmarked(shown.presenter.spoken_text(shown.flow.state))

    # Statistics back: yesterday's summary travels to the hub and merges into the report.
    stats = tmp_path / "visits.sqlite3"
    yesterday = date.today() - timedelta(days=1)
    with StatsStore(stats) as store:
        for _ in range(5):  # the fewest a summary may describe
            assert store.add(make_record(day=yesterday))
    assert Outbox(kiosk_outbox, "kiosk-1", stats).write_summaries(date.today()) == 1
    kiosk.scan(outbox_id)
    arrived = hub_outboxes / "kiosk-1" / f"summary-{yesterday.isoformat()}.json"
    wait_for(arrived.exists, 60, "the summary to reach the hub")
    report = merge([hub_outboxes])
    assert report.kiosks["kiosk-1"].total.visits == 5 and not report.skipped
