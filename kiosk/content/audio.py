"""Recorded narration: audio files a language folder keeps in its own audio/ folder, checked at load.

A recording is accepted when it is a real Ogg Vorbis, Ogg Opus, MP3 or WAV file (by its content, read by
mutagen, not by its name), at most MAX_AUDIO_BYTES and at most MAX_AUDIO_SECONDS long: a slide's narration
is a minute or two, and a patient must never wait on a long file. The bytes stay on disk; the kiosk plays
the file from its path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from kiosk.core.i18n import _

AUDIO_FOLDER: Final = "audio"
MAX_AUDIO_BYTES: Final = 20 * 1024 * 1024
MAX_AUDIO_SECONDS: Final = 180
_SAFE_NAME: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.(ogg|oga|opus|mp3|wav)$", re.IGNORECASE)
_KINDS: Final = {"OggVorbis": "Ogg Vorbis", "OggOpus": "Ogg Opus", "MP3": "MP3", "WAVE": "WAV"}


class AudioStore:
    """Checks the recordings one language folder names; remembers each answer."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._checked: dict[str, str | None] = {}

    def problem(self, name: str) -> str | None:
        """Why this recording cannot be used, or None when it is fine."""
        if name not in self._checked:
            self._checked[name] = audio_problem(self.folder, name)
        return self._checked[name]

    def path(self, name: str) -> str:
        """Where a recording that passed `problem` lives (a plain string: the model holds no Path)."""
        assert self._checked.get(name, "unchecked") is None, name
        return str(self.folder / name)


def audio_problem(folder: Path, name: str) -> str | None:
    """Why `folder/name` is not a recording the kiosk can play, or None."""
    where = _("recording {name!r}").format(name=name)
    if not _SAFE_NAME.match(name):
        message = _("{where}: give only a file name (.ogg, .opus, .mp3 or .wav) from the language's {folder}/ folder")
        return message.format(where=where, folder=AUDIO_FOLDER)
    path = folder / name
    try:
        if not path.is_file():
            return _("{where} not found in {folder}").format(where=where, folder=folder)
        size = path.stat().st_size
    except OSError as error:
        return _("{where} cannot be read ({why})").format(where=where, why=error.strerror)
    if size > MAX_AUDIO_BYTES:
        return _("{where} is larger than {size} MB").format(where=where, size=MAX_AUDIO_BYTES // (1024 * 1024))
    import mutagen  # loaded by the first check, never on a start-up from the validated cache

    try:
        found = mutagen.File(path)
    except (mutagen.MutagenError, OSError, ValueError, EOFError) as error:
        return _("{where} is not a sound file the kiosk can play ({error})").format(where=where, error=error)
    kind = type(found).__name__ if found is not None else ""
    if kind not in _KINDS:
        return _("{where} is not Ogg Vorbis, Ogg Opus, MP3 or WAV").format(where=where) + (f" ({kind})" if kind else "")
    seconds = float(getattr(found.info, "length", 0.0) or 0.0)
    if seconds <= 0:
        return _("{where} holds no sound").format(where=where)
    if seconds > MAX_AUDIO_SECONDS:
        message = _("{where} is {seconds:.0f} s long; keep a recording under {most} s")
        return message.format(where=where, seconds=seconds, most=MAX_AUDIO_SECONDS)
    return None
