"""Recorded narration plays with Qt Multimedia from the aids bar and stops when the screen changes or the visit ends."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Signal
from pytestqt.qtbot import QtBot

from kiosk.app import narration
from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from tests.content.test_audio import name_audio, write_wav
from tests.ui.first_screen import first_screen

# Qt Multimedia says on a machine without sound hardware that it found none; that is expected here.
pytestmark = pytest.mark.qt_log_ignore("No audio device", "PulseAudio", "symbolsresolver", "va")


def _has_speaker() -> bool:
    """Asked in a child process: QMediaDevices needs a QApplication, which the test session makes later."""
    import subprocess
    import sys

    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from kiosk.app.narration import audio_output_present\n"
        "print(audio_output_present())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    return done.stdout.strip().endswith("True")


class FakePlayer(QObject):
    """Stands in for Qt's player where there is no audio output (CI): same calls, same state signal."""

    playbackStateChanged = Signal(object)  # noqa: N815 (Qt's name)
    errorOccurred = Signal(object, str)  # noqa: N815 (Qt's name)

    def __init__(self, parent: QObject, volume: float) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QMediaPlayer

        self.states = QMediaPlayer.PlaybackState
        self.state = self.states.StoppedState
        self.volume = volume
        self.source: QUrl | None = None

    def playbackState(self) -> object:  # noqa: N802 (Qt's name)
        return self.state

    def setSource(self, source: QUrl) -> None:  # noqa: N802 (Qt's name)
        self.source = source

    def play(self) -> None:
        self._set(self.states.PlayingState)

    def stop(self) -> None:
        self._set(self.states.StoppedState)

    def _set(self, state: object) -> None:
        if state != self.state:
            self.state = state
            self.playbackStateChanged.emit(state)


def without_narration(lesson: Path) -> Path:
    """The lesson with its synthesised narration taken out (the shipped lesson has it for every screen)."""
    for audio in lesson.glob("*/audio"):
        shutil.rmtree(audio)
    return lesson


@pytest.fixture
def narrated(shipped_copy: Path) -> Path:
    """The shipped lesson with a three-second recording on the first Japanese slide, and no other narration."""
    without_narration(shipped_copy)
    write_wav(shipped_copy / "ja" / "audio" / "seiza.wav", 3)
    name_audio(shipped_copy)
    return shipped_copy.parent


@pytest.fixture
def speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with an audio output, and a player that needs none (this machine may have no sound at all)."""
    monkeypatch.setattr(narration, "audio_output_present", lambda: True)
    monkeypatch.setattr(narration, "_qt_player", FakePlayer)


@pytest.mark.usefixtures("speaker")
def test_listen_plays_the_recording_and_the_next_screen_stops_it(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], narrated: Path
) -> None:
    """The button shows on a slide with a recording (no system voice needed), plays it, and Next stops it."""
    kiosk = make_kiosk(content=narrated, settings=Settings(narration_volume=40))
    kiosk.flow.start("ja")
    button = kiosk.window.aids.read_aloud
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.narrator.playing, timeout=5000)
    assert kiosk.narrator.source.endswith("seiza.wav") and kiosk.narrator.volume == pytest.approx(0.4)
    assert kiosk.narrator._player.volume == pytest.approx(0.4), "the player's output gets the settings' volume"
    qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not kiosk.narrator.playing, timeout=3000)
    assert not button.isVisible()  # slide 2 has no recording and the test machine has no Japanese voice


@pytest.mark.usefixtures("speaker")
def test_ending_the_visit_stops_the_recording(qtbot: QtBot, make_kiosk: Callable[..., Kiosk], narrated: Path) -> None:
    """Home (or the idle reset) ends the visit and the recording with it."""
    kiosk = make_kiosk(content=narrated)
    kiosk.flow.start("ja")
    kiosk.read_aloud()
    qtbot.waitUntil(lambda: kiosk.narrator.playing, timeout=5000)
    qtbot.mouseClick(kiosk.window.slide.nav.home, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not kiosk.narrator.playing, timeout=3000)


@pytest.mark.allow_warnings
def test_without_an_audio_output_nothing_is_played(
    make_kiosk: Callable[..., Kiosk], narrated: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """No speaker: listen makes no player (Qt's can hang in stop() then) and the log says why, once."""
    monkeypatch.setattr(narration, "audio_output_present", lambda: False)
    kiosk = make_kiosk(content=narrated)
    kiosk.flow.start("ja")
    kiosk.read_aloud()
    kiosk.read_aloud()
    assert not kiosk.narrator.has_player and not kiosk.narrator.playing
    told = [r.getMessage() for r in caplog.records if "no audio output" in r.getMessage()]
    assert len(told) == 1 and "seiza.wav" in told[0]


@pytest.mark.skipif(not _has_speaker(), reason="this machine has no audio output to play a recording on")
def test_a_real_recording_plays_where_there_is_sound(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], narrated: Path
) -> None:
    """With an audio output, Qt's own player plays the recording and Next stops it."""
    kiosk = make_kiosk(content=narrated)
    kiosk.flow.start("ja")
    kiosk.read_aloud()
    qtbot.waitUntil(lambda: kiosk.narrator.playing, timeout=5000)
    kiosk.flow.next()
    qtbot.waitUntil(lambda: not kiosk.narrator.playing, timeout=3000)


def test_no_recording_and_no_voice_means_no_button(make_kiosk: Callable[..., Kiosk], unnarrated_content: Path) -> None:
    """Without a recording or a system voice for the language, the button is not there."""
    kiosk = make_kiosk(content=unnarrated_content)
    kiosk.flow.start("ja")
    assert not kiosk.window.aids.read_aloud.isVisible()
    assert not kiosk.narrator.has_player  # Qt Multimedia was never loaded


def test_start_up_never_loads_qt_multimedia(tmp_path: Path) -> None:
    """A fresh kiosk process shows its first screen without importing Qt Multimedia (it loads on first play)."""
    assert first_screen(tmp_path, "sorted(m for m in sys.modules if 'Multimedia' in m)") == "[]"


@pytest.mark.usefixtures("speaker")
def test_the_shipped_narration_plays_on_a_machine_without_a_system_voice(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped lesson's synthesised files give every slide and question a read-aloud button with no voice."""
    from kiosk.app.speech import Speech

    monkeypatch.setattr(Speech, "can_speak", lambda self, language: False)
    kiosk = make_kiosk()
    kiosk.flow.start("ja")
    button = kiosk.window.aids.read_aloud
    for slide in kiosk.flow.lesson.deck.slides[:2]:
        assert button.isVisible()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: kiosk.narrator.playing, timeout=5000)
        assert Path(kiosk.narrator.source).name.startswith(f"slide-{slide.id}.synth-")
        assert Path(kiosk.narrator.source).is_file()
        qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not kiosk.narrator.playing, timeout=3000)


def test_qt_decodes_the_synthesised_files(qtbot: QtBot) -> None:
    """Qt Multimedia (the kiosk's player, FFmpeg inside) decodes the shipped Ogg Opus narration to its full length."""
    from PySide6.QtMultimedia import QAudioDecoder

    from tests.conftest import SHIPPED_LESSON

    file = next((SHIPPED_LESSON / "ja" / "audio").glob("slide-seiza.synth-*.opus"))
    decoder = QAudioDecoder()
    seconds: list[float] = []

    def take() -> None:
        buffer = decoder.read()
        seconds.append(buffer.frameCount() / buffer.format().sampleRate())

    decoder.bufferReady.connect(take)
    decoder.setSource(QUrl.fromLocalFile(str(file)))
    with qtbot.waitSignal(decoder.finished, timeout=20000):
        decoder.start()
    assert decoder.error() == QAudioDecoder.Error.NoError
    import mutagen

    assert sum(seconds) == pytest.approx(mutagen.File(file).info.length, rel=0.05) and sum(seconds) > 5
