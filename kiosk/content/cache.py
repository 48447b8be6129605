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
from kiosk.core.errors import ContentError, LocatedError
from kiosk.core.files import read_file, replace_file, walk
from kiosk.core.i18n import _

try:  # the C unpickler itself: the pure-Python `pickle` module around it costs every start-up ~2 ms to import
    from _pickle import PicklingError, UnpicklingError, dumps, loads
except ImportError:  # a Python without the C accelerator
    from pickle import PicklingError, UnpicklingError, dumps, loads

log = logging.getLogger("kiosk.content")

CACHE_FORMAT = 12  # 4: phrase-break marks (kiosk.content.phrases); 5: strings a UiStrings record; 6: an entry per
# lesson; 7: the entry holds its lesson folder (id, order), so a cached start-up reads no lesson.toml; 8: drafts, and
# whether the entry was checked against the lesson's manifest (kiosk.content.publish); 9: soft line breaks, no
# break inside a dictionary word (kiosk.content.words); 10: the review (lesson.toml), a slide's handout setting;
# 11: a slide's picture caption; 12: a word joiner after a hyphen inside an English word (kiosk.content.phrases)
ENGINE = Path(__file__).resolve().parent
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # a lesson's entry is well under a megabyte; a bigger file is not ours

Inputs = tuple[tuple[str, int, int], ...]


def inputs(*folders: Path, engine: Inputs | None = None) -> Inputs:
    """The name, size and modification time of every file below the folders and of the engine's code.

    `engine`: the engine's part, when the caller already has it (one walk of the code for every lesson)."""
    return (*_walk(folders), *(_walk((ENGINE,)) if engine is None else engine))


def _walk(folders: tuple[Path, ...]) -> Inputs:
    found = []
    for folder in folders:
        # files.walk rather than Path.rglob: on the start-up path, quicker, and never following a link (a link is
        # an input as itself; what it points at inside the lesson is an input of its own).
        for name, info in walk(folder, _skipped):
            found.append((os.path.join(folder, name), info.st_size, info.st_mtime_ns))
    return tuple(found)


def _skipped(name: str) -> bool:
    return name == "__pycache__" or ignored(name)


def entry_path(cache_dir: Path, root: Path) -> Path:
    """One entry per lesson folder, so a change to one lesson re-validates only that one.

    A checksum of the folder's path names the file (no hashlib: it costs start-up ~2 ms of OpenSSL);
    two folders sharing a name only take turns, since an entry is checked against its inputs anyway.
    """
    return cache_dir / f"content-{zlib.crc32(str(root.resolve()).encode()):08x}.pickle"


def load_content(
    root: Path, cache_dir: Path | None, published: bool = False
) -> tuple[Library | None, list[LocatedError]]:
    """Every lesson under root, each from the cache when nothing of it changed, else parsed, validated and cached.

    published: what patients see (a running kiosk): drafts are left out, and a lesson whose files do not match its
    manifest is a problem (kiosk.content.publish). Without it (render, validate, tests) every lesson is loaded.
    """
    candidates, problems = lesson_candidates(root)
    engine = _walk((ENGINE,)) if cache_dir is not None else ()  # once, not once per lesson
    loaded: list[tuple[LessonFolder, Lesson]] = []
    drafts: list[str] = []
    for candidate in candidates:
        found = _load_one(candidate, cache_dir, engine, published)
        if isinstance(found, list):
            problems += found
        elif isinstance(found, str):
            drafts.append(found)
        else:
            loaded.append(found)
    by_folder = dict(loaded)
    folders, problems = in_order(list(by_folder), problems)
    lessons = {folder.id: by_folder[folder] for folder in folders}
    if drafts and not lessons and not problems:
        message = _("no published lesson here, only drafts ({drafts}); run `kiosk publish` on a lesson").format(
            drafts=", ".join(drafts)
        )
        problems.append(ContentError(root, 1, message))
    return (None if problems or not lessons else Library(lessons)), problems


def _load_one(
    candidate: Candidate, cache_dir: Path | None, engine: Inputs, published: bool
) -> tuple[LessonFolder, Lesson] | list[LocatedError] | str:
    """The lesson folder and its lesson, from the cache when its inputs (lesson.toml among them) are unchanged.

    With `published`, a draft gives its folder's name, and a lesson that does not match its manifest the problems.
    """
    if cache_dir is not None:
        # The language folders are part of the key: a language folder checked alone is another entry. So is
        # `published`: such an entry was checked against the manifest, which is one of its inputs.
        key = (tuple(path.name for path in candidate.languages), published)
        path, current = entry_path(cache_dir, candidate.path), inputs(candidate.path, engine=engine)
        cached = _read(path, key, current)
        if cached is not None:
            folder, _lesson = cached
            log.info("lesson %s loaded from %s (unchanged since it was last validated)", folder.id, folder.path)
            return cached
    described, problems = describe(candidate)
    if described is None:
        return problems
    if published:
        from kiosk.content.publish import Manifest, check_manifest, read_manifest

        manifest = read_manifest(described.path) if not described.draft else None
        if manifest is None:
            why = "draft = true in its lesson.toml" if described.draft else "no manifest: not published"
            log.info("lesson %s in %s is a draft (%s): not shown to patients", described.id, described.path, why)
            return described.path.name
        if not isinstance(manifest, Manifest):
            return [manifest]
        if problems := check_manifest(described.path, described.id, manifest):
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
        form, made_for, made_from, folder, lesson = loads(read_file(path, MAX_ENTRY_BYTES))  # noqa: S301 (our own file, in our cache)
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
