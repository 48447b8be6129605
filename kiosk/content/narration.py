"""The loader's narration pass: every recording a language names exists and can be played.

A pass of its own after the parsers (which only keep the names), so each problem names the file and the
line that asked for the recording: the slide's or question's settings comment, the deck's `audio:` line,
the result's `<!-- audio: ... -->` line.

`attach_synthesised` comes first: a slide, question or explanation without a recording of its own gets the
narration `kiosk narrate` made for it, when the audio/ folder holds the file for its words of today (the file's
name carries a digest of them, kiosk/content/spoken.py). A practitioner's recording always wins, and words
changed since narrate ran are never read out by an old file: the screen is then as if it had no narration.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.content.audio import AUDIO_FOLDER, AudioStore
from kiosk.content.model import Deck, Question, ResultText
from kiosk.content.spoken import screens
from kiosk.core.errors import ContentError

DECK, QUIZ, RESULT = "deck.md", "quiz.md", "result.md"


def _front_matter_line(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.strip() == "---":
            break
        if line.split(":", 1)[0].strip().lower() == key:
            return number
    return 1


def attach_synthesised(
    folder: Path, deck: Deck, questions: tuple[Question, ...], readings: dict[str, str]
) -> tuple[Deck, tuple[Question, ...]]:
    """The deck and questions with each synthesised file whose words are today's named where no recording is."""
    audio = folder / AUDIO_FOLDER
    if not audio.is_dir():
        return deck, questions
    present = set(os.listdir(audio))
    found = {
        screen.key: screen.file_name
        for screen in screens(deck, questions, folder.name, readings)
        if screen.own_audio is None and screen.file_name in present
    }
    if not found:
        return deck, questions
    slides = tuple(s._replace(audio=s.audio or found.get(f"slide-{s.id}")) for s in deck.slides)
    asked = tuple(
        q._replace(
            audio=q.audio or found.get(f"question-{q.id}"),
            explanation_audio=q.explanation_audio or found.get(f"explanation-{q.id}"),
        )
        for q in questions
    )
    return deck._replace(slides=slides), asked


def check_recordings(
    folder: Path, deck: Deck, deck_text: str, questions: tuple[Question, ...], result: ResultText
) -> tuple[dict[str, str], list[ContentError]]:
    """(name -> path of every recording named, problems as path:line: message)."""
    store = AudioStore(folder / AUDIO_FOLDER)
    wanted: list[tuple[str, Path, int]] = []
    if deck.audio:
        wanted.append((deck.audio, folder / DECK, _front_matter_line(deck_text, "audio")))
    wanted += [(s.audio, folder / DECK, s.line) for s in deck.slides if s.audio]
    for question in questions:
        for name in (question.audio, question.explanation_audio):
            if name:
                wanted.append((name, folder / QUIZ, question.line))
    if result.audio:
        wanted.append((result.audio, folder / RESULT, result.audio_line))
    recordings: dict[str, str] = {}
    problems: list[ContentError] = []
    for name, path, line in wanted:
        why = store.problem(name)
        if why:
            problems.append(ContentError(path, line, why))
        else:
            recordings[name] = store.path(name)
    return recordings, problems
