"""The loader's narration pass: every recording a language names exists and can be played.

A pass of its own after the parsers (which only keep the names), so each problem names the file and the
line that asked for the recording: the slide's or question's settings comment, the deck's `audio:` line,
the result's `<!-- audio: ... -->` line.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.audio import AUDIO_FOLDER, AudioStore
from kiosk.content.model import Deck, Question, ResultText
from kiosk.core.errors import ContentError

DECK, QUIZ, RESULT = "deck.md", "quiz.md", "result.md"


def _front_matter_line(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.strip() == "---":
            break
        if line.split(":", 1)[0].strip().lower() == key:
            return number
    return 1


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
