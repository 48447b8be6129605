"""Two real Syncthing instances set up by exactly what `kiosk fleet config --script` prints, and a hub that writes
slowly: the kiosk never shows a lesson whose files do not match its manifest, and shows each publication whole."""

from __future__ import annotations

import io
import shlex
import shutil
import subprocess
import threading
import time
import wave
from collections.abc import Callable, Iterator
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.cli import main
from kiosk.config.settings import Settings
from kiosk.content.publish import MANIFEST, Manifest, check_manifest, publish, read_manifest
from kiosk.fleet.syncthing import CONTENT_FOLDER_ID
from tests.conftest import SHIPPED_CONTENT
from tests.fleet.syncthing_peer import SYNCTHING, Peer, wait_for

QUICK = Settings(content_poll_seconds=0.05, content_quiet_seconds=0.3)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.allow_warnings,  # refused content (still arriving) is logged at WARNING, as it should be
    pytest.mark.skipif(SYNCTHING is None, reason="Syncthing is not installed (scripts/setup.sh --tests installs it)"),
]


def unmarked(text: str) -> str:
    return text.replace("\u2060", "").replace("\u200b", "").replace("\xa0", " ")


@pytest.fixture
def chain(tmp_path: Path) -> Iterator[tuple[Peer, Peer, Path, Path]]:
    """A hub and a kiosk, paired and sharing folders only through the printed Syncthing commands."""
    hub, kiosk = Peer(tmp_path / "hub-home", "hub"), Peer(tmp_path / "kiosk-home", "kiosk")
    hub_content, kiosk_content = tmp_path / "hub-content", tmp_path / "kiosk-content"
    shutil.copytree(SHIPPED_CONTENT, hub_content)
    kiosk_content.mkdir()
    hub.start(tmp_path / "hub.log")
    kiosk.start(tmp_path / "kiosk.log")
    try:
        for peer in (hub, kiosk):
            printed = io.StringIO()
            with redirect_stdout(printed):
                code = main(
                    [
                        "fleet", "config", "--kiosk", "kiosk-1", "--script", peer.name,
                        "--content", str(kiosk_content), "--outbox", str(tmp_path / "kiosk-outbox"),
                        "--hub-content", str(hub_content), "--hub-outboxes", str(tmp_path / "hub-outboxes"),
                        "--hub-device", hub.device_id, "--kiosk-device", kiosk.device_id,
                        "--hub-address", f"tcp://127.0.0.1:{hub.listen_port}",
                        "--kiosk-address", f"tcp://127.0.0.1:{kiosk.listen_port}",
                        "--local-only",  # the harness made each listen on 127.0.0.1 only, before it started
                        "--syncthing-cli", f"{SYNCTHING} cli --home={peer.home}",
                    ]
                )  # fmt: skip
            assert code == 0
            for line in printed.getvalue().splitlines():
                done = subprocess.run(shlex.split(line), capture_output=True, text=True, timeout=30, check=False)
                assert done.returncode == 0, f"{line}: {done.stderr}"
        wait_for(lambda: hub.connected_to(kiosk), 60, "the two instances to connect")
        yield hub, kiosk, hub_content, kiosk_content
    finally:
        hub.stop()
        kiosk.stop()


class Watch:
    """Looks at the kiosk every 50 ms while files are in flight: what it shows must match a manifest, whole."""

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk, self.broken, self.looks = kiosk, [], 0
        self.titles: set[str] = set()
        # A child of the kiosk's window: when a failed test leaves the window to its teardown, the timer dies with
        # it and never looks at a deleted window during a later test.
        self.timer = QTimer(kiosk.window, interval=50)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def look(self) -> None:
        self.looks += 1
        kiosk = self.kiosk
        assert kiosk.flow is not None
        lesson = kiosk.flow.library.lessons["stretching"]
        if set(lesson.translations) != {"ja", "en"}:
            self.broken.append(f"languages shown: {sorted(lesson.translations)}")
            return
        deck = lesson.translations["ja"].deck
        if "には個人差があります" not in unmarked(deck.slides[-1].body_text) or "桂 寛章" not in deck.credit:
            self.broken.append("the last slide or the credit is cut")
        self.titles.add(unmarked(deck.title))
        folder = kiosk.lessons.shown_root() / "stretching"
        if kiosk.lessons.shown_root() == kiosk.content_root:
            self.broken.append("shown from the live folder, not a snapshot")
            return
        manifest = read_manifest(folder)
        if not isinstance(manifest, Manifest):
            self.broken.append(f"shown from a folder without a sound manifest: {folder} ({manifest})")
        elif problems := check_manifest(folder, "stretching", manifest):
            self.broken.append(f"shown from files that do not match: {problems[0]}")
        if kiosk.window.grab().isNull():  # the screen itself, while the copy is in flight
            self.broken.append("no screen to grab")


def wav_bytes(seconds: int) -> bytes:
    """A quiet mono WAV recording of the given length (22,050 Hz, 16 bit): about 44 kB a second."""
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(22_050)
        recording.writeframes(b"\x01\x00" * 22_050 * seconds)
    return out.getvalue()


def slowly(write: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_the_kiosk_never_shows_a_file_that_does_not_match_its_manifest(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], chain: tuple[Peer, Peer, Path, Path]
) -> None:
    """A deck written slowly at the hub, then published; a lesson deleted and made again language by language: every
    look at the kiosk finds a whole, published lesson; each publication reaches the attract screen."""
    hub, _, hub_content, kiosk_content = chain
    lesson = hub_content / "stretching"
    wanted = [p.relative_to(hub_content) for p in hub_content.rglob("*") if p.is_file()]
    wait_for(lambda: all((kiosk_content / p).exists() for p in wanted), 90, "every lesson file")
    manifest = read_manifest(kiosk_content / "stretching")
    wait_for(lambda: not check_manifest(kiosk_content / "stretching", "stretching", manifest), 90, "whole files")  # type: ignore[arg-type]
    shown = make_kiosk(content=kiosk_content, transitions=False, settings=QUICK, watch_content=True)
    shown.lessons.start_updates()
    watch = Watch(shown)

    # 1. The deck saved slowly (a stalled editor or share): 20 pieces, then published once whole.
    deck = lesson / "ja" / "deck.md"
    new = deck.read_text(encoding="utf-8").replace("title: ", "title: 改訂 ", 1).encode("utf-8")

    def write_slowly() -> None:
        with deck.open("wb") as handle:
            for start in range(0, len(new), len(new) // 20 + 1):
                handle.write(new[start : start + len(new) // 20 + 1])
                handle.flush()
                time.sleep(0.4)  # a slow writer at the hub (the kiosk is waited on by its signals below)

    writer = slowly(write_slowly)
    qtbot.waitUntil(lambda: not writer.is_alive(), timeout=30_000)
    started = time.monotonic()
    assert publish(lesson)[0] is not None
    qtbot.waitUntil(lambda: "改訂" in unmarked(shown.presenter.spoken_text(shown.flow.state)), timeout=120_000)
    published_to_screen = time.monotonic() - started
    print(f"publish at the hub -> kiosk's attract screen: {published_to_screen:.1f} s")

    # 2. A narration recorded at the hub and copied in at 100 kB/s, then published: the kiosk plays only the whole file.
    recording = wav_bytes(seconds=6)
    (lesson / "ja" / "audio").mkdir(exist_ok=True)  # the shipped lesson has its narration there
    text = deck.read_text(encoding="utf-8").replace(
        "<!-- id: stretch-not-always;", "<!-- audio: intro.wav; id: stretch-not-always;", 1
    )
    deck.write_text(text, encoding="utf-8")

    def copy_slowly() -> None:
        with (lesson / "ja" / "audio" / "intro.wav").open("wb") as handle:
            for start in range(0, len(recording), 10_000):
                handle.write(recording[start : start + 10_000])
                handle.flush()
                time.sleep(0.1)  # 100 kB/s, as over a clinic's slow share

    writer = slowly(copy_slowly)
    qtbot.waitUntil(lambda: not writer.is_alive(), timeout=60_000)
    assert publish(lesson)[0] is not None

    def narrated() -> bool:
        recordings = shown.flow.library.lessons["stretching"].translations["ja"].recordings
        return "intro.wav" in recordings

    qtbot.waitUntil(narrated, timeout=120_000)
    played = Path(shown.flow.library.lessons["stretching"].translations["ja"].recordings["intro.wav"])
    assert played.read_bytes() == recording

    # 3. The lesson deleted and made again, the manifest first, then English, then (slowly) Japanese.
    source = lesson.parent.parent / "as-published"  # outside the shared folder
    shutil.copytree(lesson, source)
    shutil.rmtree(lesson)
    hub.scan(CONTENT_FOLDER_ID)
    wait_for(lambda: not (kiosk_content / "stretching").exists(), 60, "the deletion to reach the kiosk")
    lesson.mkdir()
    shutil.copy2(source / "lesson.toml", lesson / "lesson.toml")
    shutil.copytree(source / "pictures", lesson / "pictures")
    shutil.copytree(source / "en", lesson / "en")
    shutil.copy2(source / MANIFEST, lesson / MANIFEST)
    wait_for(lambda: (kiosk_content / "stretching" / "en" / "deck.md").exists(), 60, "English to arrive alone")

    japanese = sorted(p for p in (source / "ja").rglob("*") if p.is_file())

    def japanese_slowly() -> None:
        (lesson / "ja" / "audio").mkdir(parents=True, exist_ok=True)
        for path in japanese:
            time.sleep(0.5)  # two files a second: the kiosk has English alone for a while
            shutil.copy2(path, lesson / "ja" / path.relative_to(source / "ja"))

    before = shown.flow.library
    writer = slowly(japanese_slowly)
    qtbot.waitUntil(lambda: not writer.is_alive(), timeout=30_000 + 1_000 * len(japanese))  # the narration too
    qtbot.waitUntil(lambda: shown.flow.library is not before, timeout=120_000)  # the same publication, taken again
    watch.timer.stop()
    assert watch.looks > 100 and not watch.broken, watch.broken[:5]
    assert any("改訂" in title for title in watch.titles) and any("改訂" not in title for title in watch.titles)
    assert "intro.wav" in shown.flow.library.lessons["stretching"].translations["ja"].recordings
