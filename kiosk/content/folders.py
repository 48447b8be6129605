"""Find the lessons of a content folder: which folder is a lesson, its id, order, languages and pictures.

A content folder holds lesson folders; a lesson folder holds `lesson.toml` (optional), one folder per
language (each with a deck.md) and `pictures/`. For convenience a lesson folder or one language folder
may be given where a content folder is expected: it is then the one lesson. `lesson_candidates` looks at
names only; `describe` reads lesson.toml, which a cached start-up skips (kiosk/content/cache.py).
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

import os
import re
from pathlib import Path
from typing import NamedTuple

from kiosk.core.errors import ContentError, LocatedError
from kiosk.core.i18n import _
from kiosk.core.textfile import key_line, read_text

DECK = "deck.md"
LESSON_FILE = "lesson.toml"
PICTURES = "pictures"
LESSON_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
DEFAULT_ORDER = 1000
KEYS = ("id", "order", "attract", "draft", "reviewed_by", "reviewed_on")  # what lesson.toml may say


class LessonFolder(NamedTuple):
    """Where one lesson's files are; `languages` are the language folders to load (sorted)."""

    path: Path
    id: str
    order: int
    languages: tuple[Path, ...]
    attract: tuple[str | int, ...] | None = None  # lesson.toml's slides for the attract loop; None: the default
    attract_line: int = 1  # where lesson.toml says it, for messages
    draft: bool = False  # lesson.toml's `draft = true`: previewed by render and validate, never shown to patients
    reviewed_by: str = ""  # who checked the lesson's wording (lesson.toml); empty: not recorded
    reviewed_on: str = ""  # when, as an ISO date (lesson.toml); empty: not recorded

    @property
    def pictures(self) -> Path:
        return self.path / PICTURES


def ignored(name: str) -> bool:
    """Editor lock, swap and backup files, and hidden files and folders (.git, .stfolder): never content."""
    return name.startswith((".", "#", "~$")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak"))


class FolderShapeError(ContentError):
    """A file or folder of a lesson that is missing or misnamed; validate then shows what a lesson folder holds."""


def folder_tree() -> str:
    """What a lesson folder holds, drawn as a tree, for the end of a report with a FolderShapeError."""
    return _(
        "A lesson folder looks like this:\n"
        "  my-lesson/\n"
        '    lesson.toml      (optional) id = "my-lesson", order = 1\n'
        "    pictures/        the pictures the slides name (.svg, .png, .jpg)\n"
        "    ja/              one folder per language, named by its code\n"
        "      deck.md        the slides\n"
        "      quiz.md        the questions\n"
        "      result.md      the take-home points and the thanks on the result screen\n"
        "      ui.toml        (optional) this lesson's own screen words\n"
        "    en/              the same files in English\n"
        "`kiosk new-lesson NAME --content DIR` makes one to start from."
    )


def _misnamed_language(folder: Path) -> FolderShapeError | None:
    """A language folder with no deck.md (ja/lesson.md, say): named, with the rename that fixes it."""
    for child in _subfolders(folder):
        if child.name == PICTURES:
            continue
        try:
            markdown = sorted(name for name in os.listdir(child) if name.endswith(".md") and not ignored(name))
        except OSError:
            continue
        others = [name for name in markdown if name not in ("quiz.md", "result.md")]
        if others and not (child / DECK).exists():
            message = _("{folder}/ has no deck.md; the slides go in deck.md (rename: mv {old} {new})")
            return FolderShapeError(
                child, 1, message.format(folder=child.name, old=child / others[0], new=child / DECK)
            )
    return None


def _subfolders(folder: Path) -> list[Path]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:  # vanished or unreadable since it was listed: nothing in it counts
        return []
    return [folder / name for name in names if not ignored(name) and (folder / name).is_dir()]


def _language_folders(lesson: Path) -> tuple[Path, ...]:
    return tuple(child for child in _subfolders(lesson) if (child / DECK).is_file())


def _is_lesson(folder: Path) -> bool:
    return (folder / LESSON_FILE).is_file() or (folder / PICTURES).is_dir() or bool(_language_folders(folder))


class Candidate(NamedTuple):
    """A folder that looks like a lesson, and the language folders to load from it (its lesson.toml unread)."""

    path: Path
    languages: tuple[Path, ...]


def lesson_candidates(root: Path) -> tuple[list[Candidate], list[LocatedError]]:
    """The folders under root (a content, lesson or language folder) that hold a lesson: names only, nothing read."""
    if not root.is_dir():
        return [], [ContentError(root, 1, _("content folder not found"))]
    try:
        os.listdir(root)
    except OSError as error:  # a folder the kiosk may not read is not "a folder with no lesson"
        return [], [ContentError(root, 1, _("content folder cannot be read ({why})").format(why=error.strerror))]
    if (root / DECK).is_file():  # one language folder: its lesson is the parent, only this language is checked
        return [Candidate(root.parent, (root,))], []
    candidates = [root] if _is_lesson(root) else _subfolders(root)
    found: list[Candidate] = []
    problems: list[LocatedError] = []
    for folder in candidates:
        languages = _language_folders(folder)
        misnamed = _misnamed_language(folder)
        if misnamed is not None:
            problems.append(misnamed)
        elif languages:
            found.append(Candidate(folder, languages))
        else:
            message = _("lesson folder with no language folder (for example {example})")
            problems.append(FolderShapeError(folder, 1, message.format(example=folder / "ja" / DECK)))
    if not candidates:
        example = root / "my-lesson" / "ja" / DECK
        problems.append(
            FolderShapeError(root, 1, _("no lesson folder here (for example {example})").format(example=example))
        )
    return found, problems


def find_lessons(root: Path) -> tuple[list[LessonFolder], list[LocatedError]]:
    """The lesson folders under root (a content, lesson or language folder), in display order, or the problems."""
    candidates, problems = lesson_candidates(root)
    lessons: list[LessonFolder] = []
    for candidate in candidates:
        lesson, found = describe(candidate)
        problems += found
        if lesson is not None:
            lessons.append(lesson)
    return in_order(lessons, problems)


def in_order(
    lessons: list[LessonFolder], problems: list[LocatedError]
) -> tuple[list[LessonFolder], list[LocatedError]]:
    """The lessons in display order, with a problem for each id that two lessons share."""
    problems = problems + _duplicate_ids(lessons)
    return sorted(lessons, key=lambda lesson: (lesson.order, lesson.id)), problems


def describe(candidate: Candidate) -> tuple[LessonFolder | None, list[LocatedError]]:
    """Read lesson.toml (id, order, attract); without one the id is the folder's name."""
    folder, languages = candidate
    settings_path = folder / LESSON_FILE
    lesson_id: object = folder.name  # lesson.toml may say anything: checked below
    order = DEFAULT_ORDER
    line = 1
    attract: tuple[str | int, ...] | None = None
    attract_line = 1
    draft = False
    review = ("", "")
    if settings_path.is_file():
        settings, problem, text = _read_settings(settings_path)
        if problem is not None:
            return None, [problem]
        for key in sorted(set(settings) - set(KEYS)):
            message = _("unknown key {key!r} (keys: {keys})").format(key=key, keys=", ".join(KEYS))
            return None, [ContentError(settings_path, 1, message)]
        draft_value = settings.get("draft", False)
        if not isinstance(draft_value, bool):
            line = key_line(text, "draft")
            message = _("draft must be true or false, not {value!r}").format(value=draft_value)
            return None, [ContentError(settings_path, line, message)]
        draft = draft_value
        review, problem = _review(settings, settings_path, text)
        if problem is not None:
            return None, [problem]
        if "attract" in settings:
            attract_line = key_line(text, "attract")
            attract, problem = _attract_list(settings["attract"], settings_path, attract_line)
            if problem is not None:
                return None, [problem]
        lesson_id = settings.get("id", lesson_id)
        value = settings.get("order", order)
        if not isinstance(value, int) or isinstance(value, bool):
            return None, [
                ContentError(settings_path, 1, _("order must be a whole number, not {value!r}").format(value=value))
            ]
        order = value
    if not isinstance(lesson_id, str) or not LESSON_ID.match(lesson_id):
        where = settings_path if settings_path.is_file() else folder
        message = _("lesson id {id!r} must be lower-case letters, digits and -").format(id=lesson_id)
        if not settings_path.is_file():
            message += _(" (rename the folder or give an id in {path})").format(path=settings_path)
        return None, [ContentError(where, line, message)]
    return LessonFolder(folder, lesson_id, order, languages, attract, attract_line, draft, *review), []


def _review(settings: dict[str, object], path: Path, text: str) -> tuple[tuple[str, str], LocatedError | None]:
    """lesson.toml's reviewed_by (text) and reviewed_on (a date: 2026-04-01, bare or in quotes); both optional."""
    import datetime

    by, on = settings.get("reviewed_by", ""), settings.get("reviewed_on", "")
    if not isinstance(by, str) or not by.isprintable() or len(by) > 100:
        line = key_line(text, "reviewed_by")
        why = _("reviewed_by must be a name in quotes on one line (at most 100 characters)")
        return ("", ""), ContentError(path, line, why)
    if isinstance(on, datetime.datetime) or not isinstance(on, str | datetime.date):
        on = "not a date"
    if isinstance(on, str) and on:
        try:
            on = datetime.date.fromisoformat(on)
        except ValueError:
            line = key_line(text, "reviewed_on")
            why = _("reviewed_on must be a date such as 2026-04-01, not {value!r}").format(value=str(on)[:30])
            return ("", ""), ContentError(path, line, why)
    return (by.strip(), on.isoformat() if isinstance(on, datetime.date) else ""), None


def _read_settings(path: Path) -> tuple[dict[str, object], LocatedError | None, str]:
    import tomllib

    try:
        text = read_text(path)
        return tomllib.loads(text), None, text
    except ContentError as error:
        return {}, error, ""
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or 1
        return {}, ContentError(path, line, _("not valid TOML ({at})").format(at=str(error).split(" (at")[0])), ""


def _attract_list(value: object, path: Path, line: int) -> tuple[tuple[str | int, ...] | None, LocatedError | None]:
    """lesson.toml's `attract`: a list of slide ids or slide numbers (checked against the slides when loading)."""
    example = _("for example {one} or {other}").format(
        one='attract = ["seiza", "tight-or-weak"]', other="attract = [4, 10]"
    )
    if not isinstance(value, list):
        return None, ContentError(
            path, line, _("attract must be a list of slide ids or numbers ({example})").format(example=example)
        )
    for entry in value:
        if isinstance(entry, bool) or not isinstance(entry, str | int):
            return None, ContentError(
                path,
                line,
                _("attract: {entry!r} is neither a slide id nor a number ({example})").format(
                    entry=entry, example=example
                ),
            )
    return tuple(value), None


def _duplicate_ids(lessons: list[LessonFolder]) -> list[LocatedError]:
    problems: list[LocatedError] = []
    first: dict[str, LessonFolder] = {}
    for lesson in lessons:
        if lesson.id in first:
            other = first[lesson.id].path
            problems.append(
                ContentError(
                    lesson.path / LESSON_FILE,
                    1,
                    _("lesson id {id!r} is also the id of {other}").format(id=lesson.id, other=other),
                )
            )
        else:
            first[lesson.id] = lesson
    return problems
