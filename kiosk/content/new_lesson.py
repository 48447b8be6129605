"""`kiosk new-lesson NAME`: a lesson folder from a small template that validates, to edit from there."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.folders import LESSON_FILE, LESSON_ID, ignored
from kiosk.core.files import TreeLimits, copy_tree, read_file, replace_file
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
    copy_tree(
        TEMPLATE, partial, TreeLimits(1024 * 1024, 8 * 1024 * 1024, 200), lambda n: ignored(n) or n == "__pycache__"
    )
    settings = partial / LESSON_FILE
    text = read_file(settings, 64 * 1024).decode("utf-8").replace("{id}", name)
    replace_file(settings, text.encode("utf-8"), private=False, durable=False)
    partial.rename(target)
    return target
