"""Decks made up for the typesetting checks: the shipped lesson's slides with other headings and texts."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from kiosk.content.limits import HEADING_UNITS, width_units
from tests.conftest import SHIPPED_CONTENT

LESSON = "stretching"
_HEADING = re.compile(r"^# .*$", re.M)


def _pool(deck: str) -> tuple[list[str], list[str]]:
    """Every heading and every body line of a deck."""
    headings = [line[2:] for line in _HEADING.findall(deck)]
    lines = [
        line
        for line in deck.splitlines()
        if line.strip() and not line.startswith(("#", "<!--", "---", "- ")) and ":" not in line[:12]
    ]
    return headings, lines


def _slide(chunk: str, rng: random.Random, headings: list[str], lines: list[str]) -> str:
    """The same slide settings, a heading of one or two headings joined, two to six body lines."""
    heading = rng.choice(headings) if rng.random() < 0.6 else rng.choice(headings) + rng.choice(headings)
    if width_units(heading) > HEADING_UNITS:  # two joined may pass the validator's limit: keep to what it accepts
        heading = rng.choice(headings)
    # Lines typed one per line: soft breaks, one paragraph (seed 2 once broke "sit-/ups" there at 1280x800 en large).
    body = "\n".join(rng.choice(lines) for _ in range(rng.randint(2, 6)))
    settings = "\n".join(line for line in chunk.splitlines() if line.startswith("<!-- id:"))
    return f"\n{settings}\n# {heading}\n\n{body}\n"


def generated_content(target: Path, seed: int) -> Path:
    """A copy of the shipped content whose decks have made-up slides (same ids, pictures and quiz)."""
    shutil.copytree(SHIPPED_CONTENT, target)
    rng = random.Random(seed)
    for language in ("ja", "en"):
        path = target / LESSON / language / "deck.md"
        deck = path.read_text(encoding="utf-8")
        front, rest = deck.split("\n---\n", 1)[0], deck.split("\n---\n", 1)[1]
        headings, lines = _pool(rest)
        chunks = [chunk for chunk in re.split(r"\n---\n", rest) if "<!-- id:" in chunk]
        slides = [_slide(chunk, rng, headings, lines) for chunk in chunks]
        path.write_text(front + "\n---\n" + "\n---\n".join(slides), encoding="utf-8")
    return target
