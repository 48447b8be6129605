"""Validated lessons, kept between runs: unchanged content starts the kiosk without parsing Markdown.

One entry per lesson folder holds that lesson and the name, size and modification time of every input
it was made from (its languages' files, its pictures, the engine's own code); it is used only when all
of them are unchanged, so an edit means parsing and validating that lesson again, and only that one.
Editor lock, swap and backup files are no input. A missing or unreadable cache is simply rebuilt.
"""

from __future__ import annotations

import logging
import os
import zlib
from pathlib import Path

from kiosk.content.folders import Candidate, LessonFolder, describe, ignored, in_order, lesson_candidates
from kiosk.content.model import Lesson, Library
from kiosk.core.errors import LocatedError
from kiosk.core.files import replace_file

try:  # the C unpickler itself: the pure-Python `pickle` module around it costs every start-up ~2 ms to import
    from _pickle import PicklingError, UnpicklingError, dumps, loads
except ImportError:  # a Python without the C accelerator
    from pickle import PicklingError, UnpicklingError, dumps, loads

log = logging.getLogger("kiosk.content")

CACHE_FORMAT = 8  # 4: phrase-break marks (kiosk.content.phrases); 5: strings a UiStrings record; 6: an entry per
# lesson; 7: the entry holds its lesson folder (id, order), so a cached start-up reads no lesson.toml; 8: the review
ENGINE = Path(__file__).resolve().parent

Inputs = tuple[tuple[str, int, int], ...]


def inputs(*folders: Path, engine: Inputs | None = None) -> Inputs:
    """The name, size and modification time of every file below the folders and of the engine's code.

    `engine`: the engine's part, when the caller already has it (one walk of the code for every lesson)."""
    return (*_walk(folders), *(_walk((ENGINE,)) if engine is None else engine))


def _walk(folders: tuple[Path, ...]) -> Inputs:
    found = []
    for folder in folders:
        # os.walk rather than Path.rglob: on the start-up path, and several times quicker on first use.
        for top, dirs, files in os.walk(folder):
            dirs[:] = sorted(name for name in dirs if name != "__pycache__" and not ignored(name))
            for name in sorted(files):
                if ignored(name):
                    continue
                try:
                    stat = os.stat(os.path.join(top, name))
                except OSError:  # a dangling link, or a file removed while listing: no input, so no entry matches
                    found.append((os.path.join(top, name), -1, -1))
                    continue
                found.append((os.path.join(top, name), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def entry_path(cache_dir: Path, root: Path) -> Path:
    """One entry per lesson folder, so a change to one lesson re-validates only that one.

    A checksum of the folder's path names the file (no hashlib: it costs start-up ~2 ms of OpenSSL);
    two folders sharing a name only take turns, since an entry is checked against its inputs anyway.
    """
    return cache_dir / f"content-{zlib.crc32(str(root.resolve()).encode()):08x}.pickle"


def load_content(root: Path, cache_dir: Path | None) -> tuple[Library | None, list[LocatedError]]:
    """Every lesson under root, each from the cache when nothing of it changed, else parsed, validated and cached."""
    candidates, problems = lesson_candidates(root)
    engine = _walk((ENGINE,)) if cache_dir is not None else ()  # once, not once per lesson
    loaded: list[tuple[LessonFolder, Lesson]] = []
    for candidate in candidates:
        found = _load_one(candidate, cache_dir, engine)
        if isinstance(found, list):
            problems += found
        else:
            loaded.append(found)
    by_folder = dict(loaded)
    folders, problems = in_order(list(by_folder), problems)
    lessons = {folder.id: by_folder[folder] for folder in folders}
    return (None if problems or not lessons else Library(lessons)), problems


def _load_one(
    candidate: Candidate, cache_dir: Path | None, engine: Inputs
) -> tuple[LessonFolder, Lesson] | list[LocatedError]:
    """The lesson folder and its lesson, from the cache when its inputs (lesson.toml among them) are unchanged."""
    if cache_dir is not None:
        # The language folders are part of the key: a language folder checked alone is another entry.
        key = tuple(path.name for path in candidate.languages)
        path, current = entry_path(cache_dir, candidate.path), inputs(candidate.path, engine=engine)
        cached = _read(path, key, current)
        if cached is not None:
            folder, lesson = cached
            log.info("lesson %s loaded from %s (unchanged since it was last validated)", folder.id, folder.path)
            return cached
    described, problems = describe(candidate)
    if described is None:
        return problems
    from kiosk.content.loader import load_lesson_folder  # Markdown and the sanitiser load only when needed

    made, problems = load_lesson_folder(described)
    if made is None:
        return problems
    if cache_dir is not None:
        _store(path, (CACHE_FORMAT, key, current, described, made))
    return described, made


def _read(path: Path, key: object, current: Inputs) -> tuple[LessonFolder, Lesson] | None:
    """The cached folder and lesson if the entry was made from exactly these inputs, else None."""
    try:
        form, made_for, made_from, folder, lesson = loads(path.read_bytes())  # noqa: S301 (our own file, in our cache)
    except (OSError, UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    usable = (form, made_for, made_from) == (CACHE_FORMAT, key, current)
    if not (usable and isinstance(folder, LessonFolder) and isinstance(lesson, Lesson)):
        return None
    return folder, lesson


def _store(path: Path, entry: tuple[int, object, Inputs, LessonFolder, Lesson]) -> None:
    try:
        replace_file(path, dumps(entry, protocol=-1), durable=False)  # -1: the highest protocol
    except (OSError, PicklingError) as error:  # a full disk (or a bug) only costs the next start-up some time
        log.info("content cache not written (%s)", error)
