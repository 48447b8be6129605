"""The lessons' one owner: which lessons exist (the content folder's library), which are offered (the staff's
choice), the folder or snapshot they were loaded from, start-up, staff reloads and new content arriving in the
background, and the ONE list of problems, each with its source.

The wiring (kiosk/app/kiosk.py) connects `offered_changed` to the visit's flow; the staff menu, the desk page and
the chain's heartbeat all read `problems()`. It never sees the flow: what is on screen is asked of the callable
`shown` it is given.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal

from kiosk.config.settings import Settings, save_override
from kiosk.content.cache import load_content
from kiosk.content.model import Library
from kiosk.core.errors import LocatedError
from kiosk.staff import lesson_choice

if TYPE_CHECKING:
    from kiosk.app.content_updates import ContentUpdates
    from kiosk.ui.layers.lessons_page import LessonRow

log = logging.getLogger("kiosk.app")


class Source(StrEnum):
    """Where a problem comes from; the list keeps this order."""

    SETTINGS = "settings"  # settings.toml, or a content folder setting that names no folder
    START = "start"  # the content at start-up (the patient saw the calm page, or the last good snapshot)
    RELOAD = "reload"  # the last staff reload, when it failed
    UPDATE = "update"  # the last new content in the folder, when it failed validation
    PICTURES = "pictures"  # pictures over the drawing budget (patients see a plain frame); kept until restart


# Records in the functional form: their field types are objects, not strings typing would compile one by one at
# start-up (tests/ui/test_window.py keeps it), and `dataclasses` stays off the way to the first frame.
Problem = NamedTuple("Problem", [("source", Source), ("text", str)])  # noqa: UP014 (text: `path:line: message`)
Place = NamedTuple(  # noqa: UP014
    "Place",
    [("content_root", Path), ("cache_dir", Path | None), ("snapshots", Path), ("settings_path", Path), ("watch", bool)],
)
Place.__doc__ = """Where the lessons live: the content folder; the content cache (`kiosk run`; None: parse every time);
the numbered snapshots of the folder, one per content that validated; the settings file the staff's choice of lessons
is saved in; and `watch`: a kiosk that watches its folder shows patients published lessons only (drafts stay out, and
a lesson whose files do not match its manifest is refused), while render and the tests see every lesson."""


class LessonLibrary(QObject):
    """Loads, offers, reloads and watches the lessons; keeps one list of problems (`problems()`)."""

    offered_changed = Signal(object, bool)  # the Library offered; True: show it now, False: from the next attract
    problems_changed = Signal()

    def __init__(
        self,
        place: Place,
        settings: Settings,
        shown: Callable[[], Library | None],
        settings_problems: Sequence[LocatedError] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.place, self.settings, self._shown = place, settings, shown
        self.full: Library | None = None  # every lesson of the folder, before the staff's choice
        self._full_root = place.content_root  # the folder `full` was loaded from (a snapshot, once one came)
        # The last libraries offered, each with its folder and (once the heartbeat asked) its published version.
        self._roots: list[tuple[Library, Path, list[str]]] = []
        self._start_listing: tuple[tuple[str, int, int], ...] | None = None  # the live files the start-up showed
        self._problems: dict[Source, list[str]] = {source: [] for source in Source}
        self._problems[Source.SETTINGS] = [str(p) for p in settings_problems]
        self.loaded_at = time.time()  # when the content now shown was loaded (the desk shows it)
        self.updates: ContentUpdates | None = None  # the folder's watcher, started after the first screen

    # -- the one list of problems -------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Every problem staff, the desk and the chain's hub see, in the order of `Source`."""
        return [Problem(source, text) for source in Source for text in self._problems[source]]

    def problem_texts(self) -> list[str]:
        return [problem.text for problem in self.problems()]

    def _set_problems(self, source: Source, problems: list[LocatedError]) -> None:
        self._problems[source] = [str(p) for p in problems]
        self.problems_changed.emit()

    def set_picture_problems(self, notes: list[str]) -> None:
        """The pictures that took too long to draw (kiosk.app.slow_pictures), named for staff."""
        self._problems[Source.PICTURES] = list(notes)
        self.problems_changed.emit()

    def _loaded(self, library: Library, root: Path) -> None:
        """Content that validated replaces every content problem (the settings' stay)."""
        self.full, self._full_root, self.loaded_at = library, root, time.time()
        for source in (Source.START, Source.RELOAD, Source.UPDATE):
            self._problems[source] = []
        self.problems_changed.emit()

    # -- start-up, reload, new content ----------------------------------------------------------
    def load(self) -> Library | None:
        """Start-up: the lessons offered, or None when the content failed (`problems()` says why, logged too).

        A watching kiosk starts from a snapshot, and on broken content from the last snapshot that validated."""
        root, fresh = self._start_snapshot() if self.place.watch else (self.place.content_root, False)
        library, problems = load_content(root, self.place.cache_dir, self.place.watch)
        if library is None and fresh:  # never the last good content: a restart on broken content falls back past it
            import shutil

            shutil.rmtree(root, ignore_errors=True)
        if library is None and self.place.watch:
            library, root = self._last_good(problems)
        if library is None:
            for problem in problems:
                log.error("content problem: %s", problem)
            self._set_problems(Source.START, problems)
            return None
        self.full, self._full_root = library, root
        return self._offer(library)

    def _start_snapshot(self) -> tuple[Path, bool]:
        """Where a kiosk starts from: a snapshot of the content folder, never the folder itself, so a file that
        arrives later (a recording half copied, an edit not published) is never what it shows or plays.

        The newest snapshot when it holds exactly the folder's files (a restart: the content cache knows it and
        nothing is parsed), else a new one. (folder, True when it was made now.)"""
        from kiosk.app.content_updates import newest_snapshot
        from kiosk.content.updates import listing, take_snapshot

        content_root, snapshots = self.place.content_root, self.place.snapshots
        if not content_root.is_dir():
            return content_root, False
        self._start_listing = live = listing(content_root)
        newest = newest_snapshot(snapshots)
        if newest is not None and listing(newest) == live:
            return newest, False
        try:
            return take_snapshot(content_root, snapshots), True
        except OSError as error:  # a full disk: show the folder itself, as a kiosk without snapshots would
            log.warning("content snapshot not taken at start-up (%s); showing %s itself", error, content_root)
            return content_root, False

    def _last_good(self, problems: list[LocatedError]) -> tuple[Library | None, Path]:
        """Broken or half-copied content at start-up: the last snapshot that validated, if there is one."""
        from kiosk.app.content_updates import log_refused, newest_snapshot

        snapshot = newest_snapshot(self.place.snapshots)
        if snapshot is None:
            return None, self.place.content_root
        library, _ = load_content(snapshot, None, self.place.watch)
        if library is not None:
            log_refused(problems)
            self._set_problems(Source.START, problems)  # staff see why the folder's own content is not shown
            log.warning("showing the last content that validated (%s) instead", snapshot)
        return library, snapshot

    def reload(self) -> list[LocatedError]:
        """Staff asked: validate the folder first; on failure keep the current content and return the problems."""
        library, problems = load_content(self.place.content_root, self.place.cache_dir, self.place.watch)
        if library is None:
            for problem in problems:
                log.warning("reload refused: %s", problem)
            self._set_problems(Source.RELOAD, problems)
            return problems
        log.info("content reloaded from %s", self.place.content_root)
        self._loaded(library, self.place.content_root)
        self.offered_changed.emit(self._offer(library), True)
        return []

    def start_updates(self) -> None:
        """Notice new content in the folder and offer it between visits (a watching kiosk, once; tests call it)."""
        poll_seconds, quiet_seconds = self.settings.content_poll_seconds, self.settings.content_quiet_seconds
        if not self.place.watch or self.updates is not None or poll_seconds <= 0:
            return
        from kiosk.app.content_updates import ContentUpdates
        from kiosk.content.updates import UpdateChecker, validate_elsewhere

        validated = self.place.snapshots.parent / "validated"
        checker = UpdateChecker(
            self.place.content_root,
            self.place.snapshots,
            quiet_seconds,
            lambda root: validate_elsewhere(root, validated, published=True),
            shown=self._start_listing,
        )
        self.updates = ContentUpdates(checker, poll_seconds, self)
        self.updates.arrived.connect(self._arrived)
        self.updates.refused.connect(self._refused)

    def _arrived(self, library: Library, snapshot: Path) -> None:
        """Content that validated: offered (the flow shows it on an idle attract screen, else after the visit)."""
        from kiosk.app.content_updates import describe

        self._loaded(library, snapshot)
        # Whether it was shown at once or waits for a visit's end is not logged: that would date a visit.
        log.info("new content from %s validated: %s", snapshot, describe(library))
        self.offered_changed.emit(self._offer(library), False)

    def _refused(self, problems: list[LocatedError]) -> None:
        from kiosk.app.content_updates import log_refused

        log_refused(problems)
        self._set_problems(Source.UPDATE, problems)

    def close(self) -> None:
        if self.updates is not None:
            self.updates.close()

    # -- which lessons are offered ----------------------------------------------------------------
    def _offer(self, library: Library) -> Library:
        """The lessons staff chose to offer (setting `lessons`), in their order; all when none is chosen."""
        offered = library.chosen(lesson_choice.shown(self.settings.lessons, list(library.lessons)))
        self._roots = [(offered, self._full_root, []), *self._roots[:3]]
        return offered

    def rows(self, language: str) -> list[LessonRow]:
        """Every lesson of the folder for the staff screen, titled in `language`: the offered first, in order."""
        from kiosk.ui.layers.lessons_page import LessonRow

        full = self.full
        if full is None:
            return []
        return [
            LessonRow(lesson_id, full.lessons[lesson_id].translation(language).deck.title, shown)
            for lesson_id, shown in lesson_choice.rows(self.settings.lessons, list(full.lessons))
        ]

    def change(self, action: str, lesson: str) -> None:
        """Staff showed ("toggle"), hid or moved ("up") a lesson: saved, offered from the next attract screen."""
        if self.full is None:
            return
        change = lesson_choice.toggle if action == "toggle" else lesson_choice.move_up
        chosen = change(self.settings.lessons, list(self.full.lessons), lesson)
        self.settings = self.settings._replace(lessons=chosen)
        save_override(self.place.settings_path, "lessons", chosen)
        log.info("staff chose the lessons offered: %s", chosen)
        self.offered_changed.emit(self._offer(self.full), False)

    # -- what is shown --------------------------------------------------------------------------
    def shown_root(self) -> Path:
        """The folder the lessons on screen were loaded from (a snapshot, for content that arrived by itself)."""
        library = self._shown()
        return next((root for offered, root, _ in self._roots if offered is library), self._full_root)

    def shown_version(self) -> str:
        """The content version on screen (kiosk.fleet.outbox.shown_version), read once per library from the folder
        it was loaded from and kept: a newer manifest arriving in the folder later is not what is shown."""
        from kiosk.fleet.outbox import shown_version

        library = self._shown()
        for offered, root, version in self._roots:
            if offered is library:
                if not version:
                    version.append(shown_version(root, tuple(offered.lessons)))
                return version[0]
        return shown_version(self._full_root, tuple(library.lessons) if library else ())

    def heartbeat(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """What the chain's heartbeat reports: the version shown, its lessons, and `problems()` with paths relative
        to the content folder, as the hub knows it (never this kiosk's own folders)."""
        from kiosk.fleet.outbox import relative_problem

        library = self._shown()
        lessons = tuple(library.lessons) if library is not None else ()
        roots = (self.place.content_root, self.place.snapshots)
        problems = tuple(relative_problem(problem, roots) for problem in self.problem_texts())
        return self.shown_version(), lessons, problems
