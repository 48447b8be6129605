"""`kiosk narrate`: synthesised narration for every slide, question and explanation of a lesson, made offline.

Each screen's text for the ear (kiosk/content/spoken.py) is spoken by the language's offline voice
(kiosk/content/voices.py) and kept in the language's audio/ folder as `slide-seiza.synth-1a2b3c4d.opus`, the
digest being that of the words spoken. So the command is quick to run again (a file whose words have not changed
is kept as it is), the same words give the same bytes, and a file whose words changed is removed. A screen
with its own recording (`audio:` in its settings) is skipped: narrate never writes, replaces or removes a
file it did not make, and the kiosk plays the practitioner's recording in preference (kiosk/content/narration.py).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from kiosk.content.audio import AUDIO_FOLDER
from kiosk.content.folders import LessonFolder, find_lessons
from kiosk.content.loader import load_lesson_folder
from kiosk.content.spoken import SYNTH_NAME, Spoken, read_readings, screens
from kiosk.content.voices import EDGE, LINE_PAUSE, NarrationError, Voice, encode_opus, speak_lines, voice_for
from kiosk.core.errors import LocatedError
from kiosk.core.files import replace_file
from kiosk.core.i18n import _

# What a line of text predicts for its length when spoken, measured on the shipped lesson (see the tests):
# Japanese by its morae (kana of the reading) at Mei's pace, English by its syllables at eSpeak's 150 words/min.
# A line costs a fixed time too (the voice's own start and end); least squares over the lesson's 56 screens.
SECONDS_PER_UNIT = {"ja": 0.123, "en": 0.188}
SECONDS_PER_COMMA = {"ja": 0.52, "en": 0.61}
SECONDS_PER_LINE = {"ja": 0.62, "en": 0.88}
_SMALL_KANA = set("ャュョァィゥェォヮ")
_PAUSES = re.compile(r"[、,;:]|[。.!?？！](?=\s*\S)")  # a comma, or a sentence that ends inside a line


class Made(NamedTuple):
    """One screen's narration after a run: its file, and whether it was made now, kept, or left to a recording."""

    language: str
    key: str
    file: str
    state: str  # "made", "kept" (its words had not changed) or "recorded" (the practitioner's own)
    seconds: float = 0.0


class Narration(NamedTuple):
    made: list[Made]
    removed: list[str]  # synthesised files whose words are gone
    problems: list[LocatedError]


def narrate(
    lesson_path: Path,
    languages: list[str] | None = None,
    voices: Callable[[str], Voice] = voice_for,
    report: Callable[[str], None] = lambda _: None,
) -> Narration:
    """Make the synthesised narration of one lesson (every language, or those given) that is not there yet."""
    folder, problems = _one_lesson(lesson_path)
    if folder is None:
        return Narration([], [], problems)
    lesson, problems = load_lesson_folder(folder)
    if lesson is None:
        return Narration([], [], problems)
    made: list[Made] = []
    removed: list[str] = []
    for language_folder in folder.languages:
        code = language_folder.name
        if languages and code not in languages:
            continue
        readings, _found = read_readings(language_folder)  # loaded already; read again for the table itself
        translation = lesson.translations[code]
        wanted = screens(translation.deck, translation.questions, code, readings)
        audio = language_folder / AUDIO_FOLDER
        voice: Voice | None = None
        for screen in wanted:
            if screen.own_audio:
                made.append(Made(code, screen.key, screen.own_audio, "recorded"))
            elif (audio / screen.file_name).is_file():
                made.append(Made(code, screen.key, screen.file_name, "kept"))
            else:
                voice = voice or voices(code)
                made.append(_make(voice, screen, audio, report))
        removed += _remove_stale(audio, {screen.file_name for screen in wanted})
    return Narration(made, removed, problems)


def _one_lesson(path: Path) -> tuple[LessonFolder | None, list[LocatedError]]:
    folders, problems = find_lessons(path)
    if problems:
        return None, problems
    if len(folders) != 1:
        found = ", ".join(folder.id for folder in folders) or _("none")
        message = _("{path}: give one lesson folder, not a content folder (lessons: {found})")
        raise NarrationError(message.format(path=path, found=found))
    return folders[0], []


def _make(voice: Voice, screen: Spoken, audio: Path, report: Callable[[str], None]) -> Made:
    started = time.perf_counter()
    samples, rate = speak_lines(voice, screen.text)
    replace_file(audio / screen.file_name, encode_opus(samples, rate), private=False)
    seconds = len(samples) / rate
    report(
        f"{voice.language}/{AUDIO_FOLDER}/{screen.file_name}: {seconds:.1f} s ({time.perf_counter() - started:.1f} s)"
    )
    return Made(voice.language, screen.key, screen.file_name, "made", seconds)


def _remove_stale(audio: Path, current: set[str]) -> list[str]:
    """Remove the synthesised files no screen says any more; never a file of another name."""
    removed = []
    for name in sorted(os.listdir(audio)) if audio.is_dir() else []:
        if SYNTH_NAME.match(name) and name not in current:
            (audio / name).unlink()
            removed.append(name)
    return removed


def expected_seconds(text: str, language: str, units: Callable[[str], int]) -> float:
    """How long a voice should take to say the text, from its morae or syllables (`units` counts them a line)."""
    base = language.split("-")[0].lower()
    lines = [line for line in text.split("\n") if line]
    known = base if base in SECONDS_PER_UNIT else "en"
    spoken = sum(units(line) for line in lines) * SECONDS_PER_UNIT[known] + len(lines) * SECONDS_PER_LINE[known]
    commas = sum(len(_PAUSES.findall(line)) for line in lines) * SECONDS_PER_COMMA[known]
    return 2 * EDGE + LINE_PAUSE * max(0, len(lines) - 1) + spoken + commas


def morae(kana: str) -> int:
    """The morae of a reading in katakana: each kana but the small ones that join the kana before."""
    return sum(1 for char in kana if ("ァ" <= char <= "ヺ" and char not in _SMALL_KANA) or char == "ー")


def syllables(line: str) -> int:
    """English syllables, by groups of vowels in each word (at least one a word); numbers by their digits."""
    count = 0
    for word in re.findall(r"[A-Za-z']+|\d+", line):
        if word.isdigit():
            count += 2 * len(word)
            continue
        groups = len(re.findall(r"[aeiouy]+", word.lower()))
        if word.lower().endswith("e") and not word.lower().endswith(("le", "ee")) and groups > 1:
            groups -= 1
        count += max(1, groups)
    return count
