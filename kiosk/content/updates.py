"""New content without a staff visit, as plain Python: notice a change, wait until it is quiet, snapshot, validate.

The content folder is polled (a listing of every file's name, size and modification time, as the cache
keys on) rather than watched with QFileSystemWatcher: a watcher sees only the folders it was given, so a
file changed two levels down (content/stretching/ja/deck.md) or a lesson folder added by a sync would be
missed, and it needs Qt. A listing of a few lessons takes about a millisecond.

What is shown is always a snapshot: the folder is copied, the copy is validated, and only a copy that
validated is ever handed on; the live folder is listed again after copying, and a change during the copy
means another quiet wait. A half-copied folder therefore either fails validation or is still changing;
it never reaches a patient. Runs in a worker thread: nothing here touches Qt.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from kiosk.content.audio import MAX_AUDIO_BYTES
from kiosk.content.folders import ignored
from kiosk.content.model import Library
from kiosk.core.errors import ContentError, LocatedError
from kiosk.core.files import FileRefusedError, TreeLimits, copy_tree, walk
from kiosk.core.i18n import _

log = logging.getLogger("kiosk.content")

Listing = tuple[tuple[str, int, int], ...]
KEEP_SNAPSHOTS = 3  # the one shown, one waiting for a visit to end, and the newest (narration plays from disk)
# What one snapshot may copy: a file as large as the largest content file read (narration), and in all room for
# a few dozen lessons with narration in two languages; beyond it the folder is refused, not copied.
SNAPSHOT_LIMITS = TreeLimits(file_bytes=MAX_AUDIO_BYTES, total_bytes=512 * 1024 * 1024, entries=20_000)


def listing(root: Path) -> Listing:
    """Every content file below root (editor and hidden files left out) with its size and modification time.

    A link is listed as itself (files.walk never follows one), so a link to /dev/zero or `loop -> .` is one entry."""
    return tuple((name, info.st_size, info.st_mtime_ns) for name, info in walk(root, ignored))


class Update(NamedTuple):
    """The outcome of one check of new content: the library (None when it failed) and every problem."""

    library: Library | None
    problems: tuple[LocatedError, ...]
    snapshot: Path | None  # the folder the library was loaded from


def take_snapshot(root: Path, snapshots: Path) -> Path:
    """Copy the content folder (content files only) into a new numbered snapshot; return its folder.

    The copy is made under a hidden name and renamed when complete, so a snapshot folder is always whole.
    Older snapshots beyond KEEP_SNAPSHOTS are removed.
    """
    snapshots.mkdir(parents=True, exist_ok=True, mode=0o700)
    numbers = [int(p.name) for p in snapshots.iterdir() if p.name.isdigit()]
    target = snapshots / str(max(numbers, default=0) + 1)
    partial = snapshots / f".{target.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        # Editor files are never content; links are copied as links and FIFOs or devices never opened.
        copy_tree(root, partial, SNAPSHOT_LIMITS, skip=ignored)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(target)
    kept = sorted((p for p in snapshots.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
    for old in kept[:-KEEP_SNAPSHOTS]:
        shutil.rmtree(old, ignore_errors=True)
    return target


class UpdateChecker:
    """One step at a time (the worker calls `step` every poll): has the folder changed and gone quiet?

    `load` validates a folder (the loader, or the cache); `clock` is monotonic seconds, so tests can drive it.
    """

    def __init__(
        self,
        root: Path,
        snapshots: Path,
        quiet_seconds: float,
        load: Callable[[Path], tuple[Library | None, list[LocatedError]]],
        clock: Callable[[], float] = time.monotonic,
        shown: Listing | None = None,
    ) -> None:
        self.root, self.snapshots, self.quiet_seconds = root, snapshots, quiet_seconds
        self.load, self.clock = load, clock
        # What is shown now came from this: the listing the kiosk loaded at start-up, so a change since is seen.
        self._checked = shown if shown is not None else listing(root) if root.is_dir() else ()
        self._seen = self._checked
        self._changed_at = clock()
        self._missing_reported = False

    def step(self) -> Update | None:
        """An Update when changed content has been quiet long enough and was checked, else None."""
        if not self.root.is_dir():
            if not self._missing_reported:  # a folder that disappeared: keep showing what was shown, say so once
                self._missing_reported = True
                problem = ContentError(self.root, 1, _("content folder not found; the last good content stays"))
                return Update(None, (problem,), None)
            return None
        self._missing_reported = False
        now_listing = listing(self.root)
        if now_listing != self._seen:
            self._seen, self._changed_at = now_listing, self.clock()
            return None
        if now_listing == self._checked or self.clock() - self._changed_at < self.quiet_seconds:
            return None
        try:
            snapshot = take_snapshot(self.root, self.snapshots)
        except FileRefusedError as error:  # beyond the limits: said once, copied again only after a change
            self._checked = now_listing
            return Update(None, (ContentError(Path(error.filename or self.root), 1, str(error.strerror)),), None)
        except OSError as error:  # a file vanished mid-copy, a full disk: try again once it is quiet again
            log.info("content snapshot not taken (%s); trying again when the folder is quiet", error)
            self._seen = ()
            return None
        if listing(self.root) != now_listing:  # changed while copying: the snapshot may be half of each
            shutil.rmtree(snapshot, ignore_errors=True)
            self._seen = ()
            return None
        self._checked = now_listing
        library, problems = self.load(snapshot)
        if library is None:
            shutil.rmtree(snapshot, ignore_errors=True)
        return Update(library, tuple(problems), snapshot if library is not None else None)


_CHILD = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from kiosk.content.cache import load_content\n"
    "_, problems = load_content(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == 'published')\n"
    "print(json.dumps([[str(p.path), p.line, p.message] for p in problems]))\n"
)


def validate_elsewhere(
    root: Path, cache_dir: Path, timeout: float = 300.0, published: bool = False
) -> tuple[Library | None, list[LocatedError]]:
    """Parse and validate in a child process, then load what it validated from the cache it wrote.

    published: as a kiosk shows content, drafts left out and every lesson checked against its manifest
    (kiosk.content.publish), in the snapshot, so what is checked is what will be shown.

    A thread would do, but parsing Markdown in Python holds the interpreter lock for most of its time, and the
    patient's screen then loses frames (measured: 19 of 110 frames over 16 ms). In a child process the parsing
    runs beside the screen; this process only unpickles the validated lessons (a few milliseconds).
    """
    import json
    import subprocess
    import sys

    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(root), str(cache_dir), "published" if published else "all"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        found = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as error:
        return None, [ContentError(root, 1, _("the new content could not be checked ({error})").format(error=error))]
    if found is None:
        tail = " ".join(done.stderr.strip().splitlines()[-1:])
        return None, [
            ContentError(
                root,
                1,
                _("checking the new content failed (exit {returncode}: {tail})").format(
                    returncode=done.returncode, tail=tail
                ),
            )
        ]
    if found:
        return None, [ContentError(Path(path), int(line), str(message)) for path, line, message in found]
    from kiosk.content.cache import load_content

    return load_content(root, cache_dir, published)  # every lesson is in the cache now: nothing is parsed here
