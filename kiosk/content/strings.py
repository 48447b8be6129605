"""The interface strings of one language, from ui.toml, so a new language needs no code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from kiosk.errors import ContentError

# Every key the screens need, with what it is for (the English text is only a description).
REQUIRED: dict[str, str] = {
    "language_name": "the language's own name on the language button",
    "touch_to_start": "the call on the attract screen",
    "next": "the Next button",
    "back": "the Back button",
    "home": "the Home button (ends the visit)",
    "start_quiz": "Next on the last slide, which starts the quiz",
    "progress": "slide counter, with {current} and {total}",
    "question_progress": "question counter, with {current} and {total}",
    "right": "shown when an answer is right",
    "wrong": "shown when an answer is not right",
    "see_slide": "button that shows the slide that teaches the question",
    "back_to_question": "button that returns from that slide to the question",
    "next_question": "Next after an answer",
    "see_result": "Next after the last answer",
    "score": "score line, with {right} and {total}",
    "qr_caption": "text beside the QR code",
    "ask_front_desk": "the call to action on the result screen",
    "finish": "button that ends the visit",
    "content_error_title": "heading of the screen shown when content cannot be loaded",
}
_LINE = re.compile(r"line (\d+)")


def parse_strings(text: str, path: Path) -> tuple[dict[str, str], list[ContentError]]:
    """Parse ui.toml; return the strings and every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _LINE.search(str(error))
        return {}, [ContentError(path, int(match.group(1)) if match else 1, f"not valid TOML: {error}")]
    lines = text.split("\n")

    def line_of(key: str) -> int:
        return next((n for n, line in enumerate(lines, start=1) if line.strip().startswith(key)), 1)

    problems: list[ContentError] = []
    strings: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(value, str):
            problems.append(ContentError(path, line_of(key), f"{key} must be text in quotes"))
        else:
            strings[key] = value
    for key, purpose in REQUIRED.items():
        if key not in data:
            problems.append(ContentError(path, len(lines), f"missing {key} ({purpose})"))
    for key in ("progress", "question_progress", "score"):
        try:
            strings.get(key, "").format(current=1, total=2, right=1)
        except (KeyError, IndexError, ValueError) as error:
            problems.append(ContentError(path, line_of(key), f"{key}: unknown placeholder {error}"))
    return strings, problems
