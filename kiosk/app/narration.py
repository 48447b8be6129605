"""Recorded narration, played with Qt Multimedia: the practitioner's own voice for a screen.

Qt Multimedia (and its FFmpeg back end) loads with the first recording played, never at start-up. A
recording stops when its screen changes or the visit ends (the wiring calls `stop`), and plays at the
volume the settings give.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal

log = logging.getLogger("kiosk.narration")


def audio_output_present() -> bool:
    """Whether this machine has anywhere to play sound.

    Without one, Qt's FFmpeg player has been seen to hang in stop() now and then (the kiosk froze on Next),
    and a recording could not be heard anyway."""
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


def _qt_player(parent: QObject, volume: float) -> Any:
    """Qt Multimedia's player with its own audio output at `volume` (0 to 1)."""
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    output = QAudioOutput(parent)
    output.setVolume(volume)
    player = QMediaPlayer(parent)
    player.setAudioOutput(output)
    return player


class Narrator(QObject):
    """One player for the whole kiosk; `playing_changed(bool)` follows the player's state."""

    playing_changed = Signal(bool)

    def __init__(self, volume_percent: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.volume = max(0.0, min(1.0, volume_percent / 100))
        self._player: Any = None
        self._silent_told = False
        self.source = ""

    def _ensure_player(self) -> Any:
        if self._player is None:
            self._player = _qt_player(self, self.volume)
            self._player.playbackStateChanged.connect(self._state_changed)
            self._player.errorOccurred.connect(self._failed)
        return self._player

    def play(self, path: str) -> None:
        """Play a validated recording from its start (the same one again restarts it); never without a speaker."""
        if self._player is None and not audio_output_present():
            if not self._silent_told:
                log.warning("narration: this machine has no audio output, so recordings are not played (%s)", path)
                self._silent_told = True
            return
        player = self._ensure_player()
        player.stop()
        self.source = path
        player.setSource(QUrl.fromLocalFile(path))
        player.play()  # not logged: a read-aloud press would date a visit and name its language and slide

    def stop(self) -> None:
        if self._player is not None and self.playing:
            self._player.stop()

    def close(self) -> None:
        """Stop and let go of the file, so destroying the player never waits on a playing stream."""
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())

    @property
    def has_player(self) -> bool:
        """Whether Qt Multimedia was loaded and the player made (only with the first recording played)."""
        return self._player is not None

    @property
    def playing(self) -> bool:
        if self._player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return bool(self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)

    def _state_changed(self, _state: object) -> None:
        self.playing_changed.emit(self.playing)

    def _failed(self, _error: object, message: str) -> None:
        # A file that validated but will not play (a codec missing here): the log says so, the screen stays calm.
        log.warning("narration %s cannot be played: %s", self.source, message)
