"""Publishing: a lesson reaches patients as a unit, named by a manifest written last, or not at all.

`kiosk publish LESSON` validates a lesson folder and then writes `manifest.json` beside its `lesson.toml`: the
lesson's id, a version (one more than the last manifest's) and every file's size and SHA-256. A kiosk takes a
lesson only when every file below the folder matches its manifest: none missing, none cut short or changed,
none added. So a lesson still arriving (a deck whose write stalled, a narration half copied, a language folder
that has not followed yet) or edited by hand since it was published is refused until it is whole again, and the
last good content stays on screen. A lesson with no manifest, or with `draft = true` in its lesson.toml, is a
draft: `kiosk render` and `kiosk validate` show it, a kiosk never does.

The manifest is written through a hidden temporary file and renamed, so it is never seen half written; it is
written after every other file of the lesson, so a sync engine that carries files in order of change carries
it last (and one that does not is covered by the check itself: a manifest ahead of its files does not match).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import NamedTuple

from kiosk.content.folders import ignored
from kiosk.core.errors import ContentError, LocatedError
from kiosk.core.files import open_regular, read_file, replace_file, walk
from kiosk.core.i18n import N_, _

MANIFEST = "manifest.json"
MANIFEST_KIND = "clinic-kiosk lesson manifest"
MANIFEST_FORMAT = 1
MAX_MANIFEST = 4 * 1024 * 1024
PUBLISH_HINT = N_("run `kiosk publish` on this lesson once it is ready")


class FileEntry(NamedTuple):
    size: int
    sha256: str


class Manifest(NamedTuple):
    """What was published: the lesson's id, its version and every file (path relative to the lesson, with /)."""

    lesson: str
    version: int
    files: dict[str, FileEntry]

    def dumps(self) -> bytes:
        body = {
            "kind": MANIFEST_KIND,
            "format": MANIFEST_FORMAT,
            "lesson": self.lesson,
            "version": self.version,
            "files": {name: {"size": e.size, "sha256": e.sha256} for name, e in sorted(self.files.items())},
        }
        return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def lesson_files(folder: Path) -> list[str]:
    """Every content file below a lesson folder (editor and hidden files, and the manifest, left out), sorted."""
    found: list[str] = []
    # Links are listed, never followed (files.walk): a link to /dev/zero or a loop cannot stall a publish.
    for name, _info in walk(folder, lambda name: ignored(name) or name == "__pycache__"):
        relative = name.replace(os.sep, "/")
        if relative != MANIFEST:
            found.append(relative)
    return sorted(found)


def file_entry(path: Path, folder: Path) -> FileEntry:
    """The size and SHA-256 of one file, read as the loader reads it (a regular file inside its lesson)."""
    digest = hashlib.sha256()
    size = 0
    with open_regular(path, within=folder) as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return FileEntry(size, digest.hexdigest())


def read_manifest(folder: Path) -> Manifest | LocatedError | None:
    """The lesson's manifest; None when it has none (a draft); a problem when it cannot be read or is wrong."""
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return None
    try:
        body = json.loads(read_file(path, MAX_MANIFEST, within=folder).decode("utf-8"))
        if not isinstance(body, dict) or body.get("kind") != MANIFEST_KIND:
            return ContentError(path, 1, _("not a lesson manifest; {hint}").format(hint=_(PUBLISH_HINT)))
        if body.get("format") != MANIFEST_FORMAT:
            message = _("manifest format {format!r} is not one this kiosk reads").format(format=body.get("format"))
            return ContentError(path, 1, message)
        files = {
            str(name): FileEntry(int(entry["size"]), str(entry["sha256"])) for name, entry in body["files"].items()
        }
        version = body["version"]
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"version {version!r}")
        return Manifest(str(body["lesson"]), version, files)
    except OSError as error:
        return ContentError(path, 1, _("manifest cannot be read ({why})").format(why=error.strerror or error))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        message = _("manifest damaged or cut short ({error}); {hint}").format(error=error, hint=_(PUBLISH_HINT))
        return ContentError(path, 1, message)


def check_manifest(folder: Path, lesson_id: str, manifest: Manifest) -> list[LocatedError]:
    """Every way the files below `folder` differ from what was published; empty when they match exactly."""
    problems: list[LocatedError] = []
    path = folder / MANIFEST
    if manifest.lesson != lesson_id:
        message = _("manifest is for lesson {found!r}, not {lesson!r}").format(found=manifest.lesson, lesson=lesson_id)
        problems.append(ContentError(path, 1, message))
    present = lesson_files(folder)
    why = _("(still arriving, or changed since it was published: run `kiosk publish` again once it is ready)")
    for name in present:
        expected = manifest.files.get(name)
        if expected is None:
            problems.append(ContentError(folder / name, 1, _("not in the lesson's manifest {why}").format(why=why)))
            continue
        try:
            found = file_entry(folder / name, folder)
        except OSError as error:
            message = _("cannot be read to check it ({error})").format(error=error)
            problems.append(ContentError(folder / name, 1, message))
            continue
        if found.size != expected.size:
            message = _("{size} bytes, the manifest says {expected} {why}").format(
                size=found.size, expected=expected.size, why=why
            )
            problems.append(ContentError(folder / name, 1, message))
        elif found.sha256 != expected.sha256:
            message = _("does not match the manifest's checksum {why}").format(why=why)
            problems.append(ContentError(folder / name, 1, message))
    for name in sorted(set(manifest.files) - set(present)):
        problems.append(ContentError(folder / name, 1, _("in the manifest but missing {why}").format(why=why)))
    return problems


def make_manifest(folder: Path, lesson_id: str) -> Manifest:
    """The manifest of the folder as it is now, one version after the last one (1 for the first)."""
    previous = read_manifest(folder)
    version = previous.version + 1 if isinstance(previous, Manifest) else 1
    files = {name: file_entry(folder / name, folder) for name in lesson_files(folder)}
    return Manifest(lesson_id, version, files)


def write_manifest(folder: Path, lesson_id: str) -> Manifest:
    """Write the manifest of the folder as it is now (no validation: `publish` validates first); raises OSError."""
    manifest = make_manifest(folder, lesson_id)
    replace_file(folder / MANIFEST, manifest.dumps(), private=False)  # read by the sync engine and every kiosk
    return manifest


def publish(folder: Path) -> tuple[Manifest | None, list[LocatedError]]:
    """Check one lesson folder as a kiosk would (every language, every picture), then write its manifest.

    Returns the manifest written, or None and the problems (a draft, or anything `kiosk validate` finds).
    """
    from kiosk.content.folders import LESSON_FILE, describe, lesson_candidates
    from kiosk.content.loader import load_lesson_folder

    candidates, problems = lesson_candidates(folder)
    if problems or len(candidates) != 1 or candidates[0].path != folder:
        problems.append(ContentError(folder, 1, _("not a lesson folder (one holding ja/deck.md and the like)")))
        return None, problems
    described, problems = describe(candidates[0])
    if described is None:
        return None, problems
    if described.draft:
        message = _("draft = true: remove that line when the lesson is ready, then publish again")
        return None, [ContentError(folder / LESSON_FILE, 1, message)]
    lesson, problems = load_lesson_folder(described)
    if lesson is None:
        return None, problems
    try:
        return write_manifest(folder, described.id), []
    except OSError as error:
        return None, [ContentError(folder / MANIFEST, 1, _("manifest not written ({error})").format(error=error))]
