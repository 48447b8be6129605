"""Recorded narration in the content: a good WAV is accepted; missing, wrong-type, too long and too big ones refused."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.content import audio
from kiosk.content.audio import audio_problem
from kiosk.content.loader import load_library

# These tests add recordings to a copy of the shipped lesson: they take it without its synthesised narration.
pytestmark = pytest.mark.usefixtures("unnarrated_content")


def write_wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A silent mono 16-bit WAV of the given length."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(rate * seconds))
    return path


def name_audio(lesson: Path, language: str = "ja", slide_setting: str = "audio: seiza.wav") -> Path:
    """Give the deck's first slide a recording; returns the deck file."""
    deck = lesson / language / "deck.md"
    text = deck.read_text(encoding="utf-8")
    first = text.index("<!-- id: ")
    end = text.index(" -->", first)
    deck.write_text(text[:end] + f"; {slide_setting}" + text[end:], encoding="utf-8")
    return deck


def test_a_short_wav_is_accepted_and_kept_as_a_path(shipped_copy: Path) -> None:
    """A two-second WAV in ja/audio/ validates; the lesson knows where it is and holds no bytes of it."""
    lesson = shipped_copy
    write_wav(lesson / "ja" / "audio" / "seiza.wav", 2)
    name_audio(lesson)
    library, problems = load_library(shipped_copy)
    assert library is not None, problems
    ja = library.first.translations["ja"]
    assert ja.deck.slides[0].audio == "seiza.wav"
    assert ja.recordings == {"seiza.wav": str(lesson / "ja" / "audio" / "seiza.wav")}


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda folder: None, "not found"),
        (lambda folder: (folder / "seiza.wav").write_text("RIFF? no, a text file"), "is not"),
        (lambda folder: write_wav(folder / "seiza.wav", audio.MAX_AUDIO_SECONDS + 20, rate=800), "s long"),
        (lambda folder: write_wav(folder / "seiza.wav", 0), "no sound"),
    ],
)
def test_bad_recordings_are_reported_at_the_slide(shipped_copy: Path, make: object, reason: str) -> None:
    """Missing, not a sound file, too long, empty: `deck.md:line: recording ... <reason>`, and no lesson."""
    lesson = shipped_copy
    folder = lesson / "ja" / "audio"
    folder.mkdir(parents=True)
    make(folder)  # type: ignore[operator]
    deck = name_audio(lesson)
    library, problems = load_library(shipped_copy)
    assert library is None
    lines = deck.read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, start=1) if "seiza.wav" in text)
    assert len(problems) == 1 and str(problems[0]).startswith(f"{deck}:{line}: recording 'seiza.wav'")
    assert reason in str(problems[0])


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size is checked before the file is parsed."""
    write_wav(tmp_path / "big.wav", 1)
    monkeypatch.setattr(audio, "MAX_AUDIO_BYTES", 100)
    assert "larger than" in (audio_problem(tmp_path, "big.wav") or "")


@pytest.mark.parametrize("name", ["../x.wav", "sub/x.wav", "x.flac", "https://a/x.mp3", ".hidden.wav"])
def test_only_plain_file_names_of_known_types(tmp_path: Path, name: str) -> None:
    """No folders, addresses, hidden files or other types."""
    assert "give only a file name" in (audio_problem(tmp_path, name) or "")


def test_question_explanation_and_result_recordings_are_checked(shipped_copy: Path) -> None:
    """quiz.md's audio/explanation_audio and result.md's <!-- audio: --> are validated like a slide's."""
    lesson = shipped_copy
    write_wav(lesson / "en" / "audio" / "ok.wav", 1)
    quiz = lesson / "en" / "quiz.md"
    text = quiz.read_text(encoding="utf-8")
    start = text.index("<!-- id: ")
    end = text.index(" -->", start)
    quiz.write_text(text[:end] + "; audio: ok.wav; explanation_audio: gone.wav" + text[end:], encoding="utf-8")
    result = lesson / "en" / "result.md"
    lines = result.read_text(encoding="utf-8").split("\n")
    result.write_text("\n".join([lines[0], "<!-- audio: ok.wav -->", *lines[1:]]), encoding="utf-8")
    library, problems = load_library(shipped_copy)
    assert library is None
    assert len(problems) == 1 and str(problems[0]).startswith(f"{quiz}:") and "'gone.wav' not found" in str(problems[0])
    (lesson / "en" / "audio" / "gone.wav").write_bytes((lesson / "en" / "audio" / "ok.wav").read_bytes())
    library, problems = load_library(shipped_copy)
    assert library is not None, problems
    assert library.first.translations["en"].result.audio == "ok.wav"
    assert library.first.translations["en"].questions[0].explanation_audio == "gone.wav"
