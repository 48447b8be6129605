"""Offline voices for `kiosk narrate`, and the Ogg Opus file they are kept in. Authoring time only, never the kiosk.

- Japanese: Open JTalk through the `pyopenjtalk-plus` package (`pip install .[narrate]`), which ships its
  dictionary and the HTS voice "Mei" (mei_normal, Nagoya Institute of Technology, MMDAgent project,
  CC BY 3.0) inside the wheel: nothing is fetched at run time.
- English: eSpeak NG, Debian's `espeak-ng` (GPL-3.0; the voice is part of the program).

A voice returns mono float samples in -1..1. `encode_opus` keeps them as Ogg Opus (libsndfile through the
`soundfile` package) with a fixed stream serial, so the same words make the same bytes on every run.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, NamedTuple

from kiosk.core.errors import KioskError
from kiosk.core.i18n import _

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]

OPUS_RATE: Final = 24000
# libsndfile's Opus quality: 0.93 is about 24 kbit/s, clear for speech (a minute of narration ~180 kB).
OPUS_COMPRESSION: Final = 0.93
LINE_PAUSE: Final = 0.45  # seconds of silence between two lines (a heading and its sentences)
EDGE: Final = 0.25  # seconds of silence at each end, so no player clips the first sound
PEAK: Final = 0.89  # every file's loudest sample (-1 dBFS), so all screens sound equally loud
SERIAL: Final = 0x4B494F53  # "KIOS": the Ogg stream serial of every file (libsndfile picks a random one)


class NarrationError(KioskError):
    """A voice cannot be used here (its package or program is missing) or failed on a text."""


class Voice(NamedTuple):
    """One language's offline voice: who made it, under what licence, and how to speak one line."""

    language: str
    name: str
    licence: str
    speak: Callable[[str], tuple[Samples, int]]


def open_jtalk() -> Voice:
    """Open JTalk with the Mei voice, from pyopenjtalk-plus (dictionary and voice in the wheel, no download)."""
    import numpy as np

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a notice about an optional ONNX model
            import pyopenjtalk
    except ImportError as error:
        raise NarrationError(
            _("Japanese narration needs Open JTalk: install it with `pip install .[narrate]` (pyopenjtalk-plus)")
        ) from error

    def speak(line: str) -> tuple[Samples, int]:
        samples, rate = pyopenjtalk.tts(line)
        return (np.asarray(samples, dtype=np.float64) / 32768.0).astype(np.float32), int(rate)

    version = _version("pyopenjtalk-plus")
    name = f"Open JTalk (pyopenjtalk-plus {version}), HTS voice Mei (mei_normal)"
    licence = "voice Mei: CC BY 3.0, Nagoya Institute of Technology (MMDAgent); dictionary: NAIST-jdic, BSD"
    return Voice("ja", name, licence, speak)


def espeak_ng(language: str = "en") -> Voice:
    """eSpeak NG, Debian's `espeak-ng` program, at a calm speed."""
    program = shutil.which("espeak-ng")
    if program is None:
        message = _("{language} narration needs eSpeak NG: install Debian's `espeak-ng` package")
        raise NarrationError(message.format(language=language))
    variant = {"en": "en-us"}.get(language, language)

    def speak(line: str) -> tuple[Samples, int]:
        import soundfile

        command = [program, "-v", variant, "-s", "150", "--stdout"]
        done = subprocess.run(command, input=line.encode("utf-8"), capture_output=True, timeout=120, check=False)
        if done.returncode != 0 or not done.stdout:
            why = done.stderr.decode(errors="replace").strip()
            raise NarrationError(_("espeak-ng failed on {line!r}: {why}").format(line=line, why=why))
        # espeak-ng streams a WAV whose header gives no length; soundfile reads to the end all the same.
        samples, rate = soundfile.read(io.BytesIO(done.stdout), dtype="float32")
        return samples, int(rate)

    return Voice(language, f"eSpeak NG {_program_version(program)} ({variant})", "GPL-3.0-or-later", speak)


def voice_for(language: str) -> Voice:
    """The offline voice for a language folder's code."""
    return open_jtalk() if language.split("-")[0].lower() == "ja" else espeak_ng(language)


def speak_lines(voice: Voice, text: str) -> tuple[Samples, int]:
    """The whole text, line by line with a pause between, a little silence at each end, at a common peak."""
    import numpy as np

    parts: list[Samples] = []
    rate = 0
    for line in text.split("\n"):
        samples, rate = voice.speak(line)
        if parts:
            parts.append(np.zeros(int(LINE_PAUSE * rate), dtype=np.float32))
        parts.append(samples)
    edge = np.zeros(int(EDGE * rate), dtype=np.float32)
    joined = np.concatenate([edge, *parts, edge]) if parts else edge
    rate, joined = _to_opus_rate(joined, rate)
    peak = float(np.max(np.abs(joined))) if joined.size else 0.0
    if peak > 0:
        joined = (joined * (PEAK / peak)).astype(np.float32)
    return joined, rate


def _to_opus_rate(samples: Samples, rate: int) -> tuple[int, Samples]:
    """Resampled (band-limited, by FFT) to 24 kHz, one of Opus's rates: all of speech, and half the encoding
    time of 48 kHz (libsndfile's Opus encoder is the slow part of narrate)."""
    import numpy as np

    if rate == OPUS_RATE or not len(samples):
        return rate, samples
    count = round(len(samples) * OPUS_RATE / rate)
    spectrum = np.fft.rfft(samples.astype(np.float64))
    resampled = np.fft.irfft(spectrum, count) * (count / len(samples))
    return OPUS_RATE, resampled.astype(np.float32)


def encode_opus(samples: Samples, rate: int) -> bytes:
    """Ogg Opus bytes for mono samples; the same samples always give the same bytes."""
    import soundfile

    buffer = io.BytesIO()
    with soundfile.SoundFile(
        buffer, "w", rate, 1, format="OGG", subtype="OPUS", compression_level=OPUS_COMPRESSION
    ) as out:
        out.write(samples)
    return fixed_serial(buffer.getvalue())


def fixed_serial(data: bytes) -> bytes:
    """The Ogg pages with the stream serial set to SERIAL and each page's checksum made again."""
    out = bytearray(data)
    at = 0
    while (at := out.find(b"OggS", at)) >= 0 and at + 27 <= len(out):
        segments = out[at + 26]
        length = 27 + segments + sum(out[at + 27 : at + 27 + segments])
        out[at + 14 : at + 18] = SERIAL.to_bytes(4, "little")
        out[at + 22 : at + 26] = b"\0\0\0\0"
        out[at + 22 : at + 26] = _ogg_crc(bytes(out[at : at + length])).to_bytes(4, "little")
        at += length
    return bytes(out)


def _crc_table() -> tuple[int, ...]:
    table = []
    for index in range(256):
        crc = index << 24
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
        table.append(crc)
    return tuple(table)


_CRC_TABLE: Final = _crc_table()


def _ogg_crc(page: bytes) -> int:
    """Ogg's page checksum: CRC-32, polynomial 0x04C11DB7, not reflected, starting at 0."""
    crc = 0
    for byte in page:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _CRC_TABLE[(crc >> 24) ^ byte]
    return crc


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def _program_version(program: str) -> str:
    done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30, check=False)
    words = done.stdout.split()
    return words[words.index("text-to-speech:") + 1] if "text-to-speech:" in words else "?"
