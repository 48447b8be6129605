"""`kiosk new-lesson NAME`: a lesson folder from a small template that validates, to edit from there."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.folders import LESSON_FILE, LESSON_ID, ignored
from kiosk.core.i18n import _

TEMPLATE = Path(__file__).resolve().parent / "lesson_template"


class NewLessonError(Exception):
    """Why the lesson folder was not made (a bad name, a folder already there)."""


def new_lesson(content: Path, name: str) -> Path:
    """Create content/NAME from the template, with id NAME; return the folder. Never overwrites anything."""
    if not LESSON_ID.match(name):
        raise NewLessonError(
            _("{name!r}: a lesson name is lower-case letters, digits and - (for example back-pain)").format(name=name)
        )
    target = content / name
    if target.exists():
        raise NewLessonError(_("{path} already exists; choose another name").format(path=target))
    content.mkdir(parents=True, exist_ok=True)
    partial = content / f".{name}.new"  # hidden, so a watching kiosk never sees it half made
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(TEMPLATE, partial, ignore=lambda _, names: [n for n in names if ignored(n) or n == "__pycache__"])
    settings = partial / LESSON_FILE
    settings.write_text(settings.read_text(encoding="utf-8").replace("{id}", name), encoding="utf-8")
    partial.rename(target)
    return target
