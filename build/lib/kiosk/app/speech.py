"""Read-aloud through Qt's text-to-speech, only when the system has a voice for the visit's language.

Qt's speech module is loaded on first use, so start-up stays light; when it or a voice is missing the
read-aloud button is simply not shown.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

if TYPE_CHECKING:  # the module itself loads on first use
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger("kiosk.speech")


class Speech(QObject):
    """Starts the speech engine shortly after start-up (it can take a while); `ready` says when."""

    ready = Signal()

    def __init__(self, engine: str = "", parent: QObject | None = None, delay_ms: int = 800) -> None:
        super().__init__(parent)
        self.engine_name = engine
        self._tts: QTextToSpeech | None = None
        self._tried = False
        QTimer.singleShot(delay_ms, self._start)

    def _start(self) -> None:
        if not self._tried:
            self._engine()
            self.ready.emit()

    def _engine(self) -> QTextToSpeech | None:
        """The QTextToSpeech object, created once; None when speech is not available here."""
        if self._tried:
            return self._tts
        self._tried = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:
            log.info("read-aloud unavailable: Qt's speech module cannot load (%s)", error)
            return None
        tts = QTextToSpeech(self.engine_name, self) if self.engine_name else QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error:
            log.info("read-aloud unavailable: speech engine %r reports an error (%s)", tts.engine(), tts.errorString())
            return None
        self._tts = tts
        return tts

    def _voice(self, language: str) -> QVoice | None:
        if not self._tried:
            return None  # not started yet: the button appears when it is
        tts = self._engine()
        if tts is None:
            return None
        wanted = QLocale(language).language()
        return next((voice for voice in tts.availableVoices() if voice.locale().language() == wanted), None)

    def can_speak(self, language: str) -> bool:
        """Whether a voice for this language (a content folder name such as "ja") is installed."""
        return self._voice(language) is not None

    def say(self, text: str, language: str) -> None:
        voice = self._voice(language)
        if voice is None or not text:
            return
        tts = self._tts
        assert tts is not None  # a voice was found, so the engine is up
        tts.stop()
        tts.setLocale(voice.locale())
        tts.setVoice(voice)
        tts.say(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    @property
    def speaking(self) -> bool:
        if self._tts is None:
            return False
        from PySide6.QtTextToSpeech import QTextToSpeech

        return self._tts.state() == QTextToSpeech.State.Speaking
