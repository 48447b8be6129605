"""The staff side: PIN pad, staff menu and statistics screen, built on first use.

A patient never needs any of it, so none of it (nor hashlib, sqlite reads, its widgets) costs start-up.
It is given only what it needs (the gate's files, the settings, the window it adds its layers to, and a
few read-only callables for the visit side) and answers through signals that the wiring module
(kiosk/app/kiosk.py) connects: it never sees the Kiosk, so it can be built and tested alone.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.app.pin_check import PinCheck
from kiosk.config.settings import Settings
from kiosk.content.model import Translation
from kiosk.core.errors import LocatedError
from kiosk.core.i18n import _
from kiosk.staff.gate import Outcome, StaffGate, Verdict
from kiosk.stats.store import StatsStore
from kiosk.stats.view import StatsView, build_view
from kiosk.ui.layers.lessons_page import LessonRow, LessonsPage
from kiosk.ui.layers.overlay import Overlay
from kiosk.ui.layers.pin_pad import PinPad
from kiosk.ui.layers.remote_page import RemotePage
from kiosk.ui.layers.staff_menu import StaffMenu
from kiosk.ui.layers.stats_page import StatsPage
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.app.handout_job import HandoutJob
    from kiosk.content.strings import UiStrings

log = logging.getLogger("kiosk.staff")


@dataclass(frozen=True)
class StaffFiles:
    """Where the staff side reads and writes: the PIN hash, the lockout state, the statistics."""

    pin: Path
    lockout: Path
    statistics: Path


@dataclass(frozen=True)
class VisitSide:
    """What the staff layer reads of the visit side, as callables the wiring module supplies."""

    strings: Callable[[], UiStrings]  # the interface strings of the visit's language
    default_language_name: Callable[[], str]  # shown on the menu's language button
    lessons: Callable[[], list[tuple[str, Translation]]]  # (id, lesson in the visit's language), in order
    # Ask the statistics writer's own store a question, after the visits it holds are written; raises
    # TimeoutError when the writer is too busy to answer now, OSError or sqlite3.Error when the file fails.
    read_statistics: Callable[[Callable[[StatsStore], object]], object]
    statistics_notes: Callable[[], list[str]]  # what the background writer has to tell staff
    problems: Callable[[], list[str]] = list  # the lessons' one list of problems (settings, content, reload, update)
    lesson_rows: Callable[[], list[LessonRow]] = list  # every lesson of the folder: shown ones first, in order


class StaffLayer(QObject):
    """Connects the staff widgets to the PIN gate and the statistics; asks the wiring for the rest."""

    start_over_requested = Signal()
    reload_requested = Signal()  # the wiring reloads, then calls reload_finished(problems)
    next_language_requested = Signal()  # the wiring changes and saves the default language
    leave_requested = Signal()
    lessons_changed = Signal(str, str)  # ("toggle" or "up", lesson id): the wiring saves the choice
    typing_allowed_changed = Signal(bool)  # the PIN pad takes keys while it is open
    staff_open_changed = Signal(bool)  # the idle clocks watch staff, not patients, while open
    # The desk page's screen opens (its owner draws it first) and closes (the code shown stops working); its
    # buttons are wired straight to that owner (kiosk/app/desk_page.py), not through this layer.
    remote_opened = Signal()
    remote_closed = Signal()
    pin_checked = Signal()  # a PIN check finished and its outcome is shown (the pad's message, or the menu)

    def __init__(
        self,
        window: KioskWindow,
        files: StaffFiles,
        settings: Settings,
        visit: VisitSide,
    ) -> None:
        super().__init__(window)
        self.files, self.settings, self.visit = files, settings, visit
        self.gate = StaffGate(files.pin, files.lockout, settings)
        self.pin_check = PinCheck(self.gate, self)
        self.pin_check.done.connect(self._pin_outcome)
        self._handout: HandoutJob | None = None  # the handout being written
        self.pin_pad = PinPad(window)
        self.menu = StaffMenu(window)
        self.stats_page = StatsPage(window)
        self.lessons_page = LessonsPage(window)
        self.remote_page = RemotePage(window)
        for layer in self._layers:
            window.add_layer(layer)
        self._lock_timer = QTimer(self, interval=1000)
        self._lock_timer.timeout.connect(self._refresh_lock)
        self.pin_pad.pin_submitted.connect(self.try_pin)
        self.pin_pad.cancelled.connect(self.close)
        self.menu.start_over.connect(self.start_over_requested)
        self.menu.reload_content.connect(self.reload_requested)
        self.menu.next_language.connect(self._next_language)
        self.menu.leave_kiosk.connect(self.leave_requested)
        self.menu.show_statistics.connect(self.show_statistics)
        self.menu.print_handout.connect(self.write_handout)
        self.menu.close_menu.connect(self.close)
        self.stats_page.export_requested.connect(self.export_statistics)
        self.stats_page.close_requested.connect(self._statistics_closed)
        self.stats_page.lesson_requested.connect(self._next_statistics_lesson)
        self.menu.choose_lessons.connect(self.show_lessons)
        self.lessons_page.toggle_requested.connect(lambda lesson: self.lessons_changed.emit("toggle", lesson))
        self.lessons_page.up_requested.connect(lambda lesson: self.lessons_changed.emit("up", lesson))
        self.lessons_page.back_requested.connect(self._lessons_back)
        self.menu.show_remote.connect(self.open_remote)
        self.remote_page.back_requested.connect(self._remote_back)
        self._stats_lesson = 0  # 0: every lesson together, n: the n-th lesson offered

    @property
    def _layers(self) -> tuple[Overlay, ...]:
        return (self.pin_pad, self.menu, self.stats_page, self.remote_page, self.lessons_page)

    @property
    def is_open(self) -> bool:
        return any(layer.isVisible() for layer in self._layers)

    # -- the PIN pad ------------------------------------------------------------------------
    def open(self) -> None:
        """Open the PIN pad (never the menu directly), saying whether a PIN is set or the pad is locked."""
        if self.is_open:
            return
        strings = self.visit.strings()
        outcome = self.gate.status()
        message = {
            Verdict.NO_PIN: strings.staff_pin_not_set,
            Verdict.LOCKED: strings.staff_pin_locked.format(seconds=round(outcome.seconds_locked)),
        }.get(outcome.verdict, strings.staff_pin_hint)
        self.pin_pad.show_pad(strings.staff_pin_title, message, strings.cancel)
        self.pin_pad.set_locked(outcome.verdict in (Verdict.LOCKED, Verdict.NO_PIN))
        if outcome.verdict is Verdict.LOCKED:
            self._lock_timer.start()
        self.pin_pad.open()
        self.pin_pad.setFocus()
        self.typing_allowed_changed.emit(True)
        self.staff_open_changed.emit(True)

    def try_pin(self, attempt: str) -> None:
        """Check the PIN off the UI thread; the pad rests and says so until `pin_checked`."""
        if self.pin_check.start(attempt):
            self.pin_pad.set_checking(True, self.visit.strings().staff_pin_checking)

    def _pin_outcome(self, outcome: Outcome) -> None:
        self.pin_pad.set_checking(False)
        if self.pin_pad.isVisible():  # not cancelled while it was checked
            self._show_outcome(outcome)
        self.pin_checked.emit()

    def _show_outcome(self, outcome: Outcome) -> None:
        strings = self.visit.strings()
        if outcome.verdict is Verdict.OPEN:
            self.pin_pad.hide()
            self.typing_allowed_changed.emit(False)
            self.show_menu()
        elif outcome.verdict is Verdict.LOCKED:
            self.pin_pad.set_locked(True)
            self.pin_pad.set_message(strings.staff_pin_locked.format(seconds=round(outcome.seconds_locked)))
            self._lock_timer.start()
        elif outcome.verdict is Verdict.NO_PIN:
            self.pin_pad.set_message(strings.staff_pin_not_set)
        else:
            self.pin_pad.set_message(strings.staff_pin_wrong.format(left=outcome.tries_left))

    def _refresh_lock(self) -> None:
        """Count the lockout down on the pad; open the keys again when it ends."""
        left = self.gate.lockout.locked_for()
        strings = self.visit.strings()
        if not self.pin_pad.isVisible() or left <= 0:
            self._lock_timer.stop()
            if self.pin_pad.isVisible():
                self.pin_pad.set_locked(False)
                self.pin_pad.set_message(strings.staff_pin_hint)
            return
        self.pin_pad.set_message(strings.staff_pin_locked.format(seconds=round(left)))

    # -- the menu ---------------------------------------------------------------------------
    def show_menu(self, notes: list[str] | None = None) -> None:
        strings = self.visit.strings()
        labels = {
            "start_over": strings.staff_start_over,
            "reload": strings.staff_reload,
            "language": strings.staff_language.format(language=self.visit.default_language_name()),
            "statistics": strings.staff_statistics,
            "remote": strings.staff_remote,
            "handout": strings.staff_handout,
            "lessons": strings.staff_lessons,
            "leave": strings.staff_leave,
            "close": strings.staff_close,
        }
        notes = notes or []
        problems = [p for p in self.visit.problems() if p not in notes]  # a failed reload's are in both
        notes = [*notes, *problems, *self._reviews(strings)]
        self.menu.show_menu(strings.staff_title, labels, notes)
        self.menu.open()

    def _reviews(self, strings: UiStrings) -> list[str]:
        """Who reviewed each lesson offered and when (lesson.toml), or that no review is recorded."""
        return [
            strings.reviewed.format(reviewer=lesson.review.by, date=lesson.review.on)
            if lesson.review.recorded
            else strings.not_reviewed.format(lesson=lesson_id)
            for lesson_id, lesson in self.visit.lessons()
        ]

    def close(self) -> None:
        if self.remote_page.isVisible():
            self.remote_closed.emit()
        for layer in self._layers:
            layer.hide()
        self._lock_timer.stop()
        self.typing_allowed_changed.emit(False)
        self.staff_open_changed.emit(False)

    def reload_finished(self, problems: Sequence[LocatedError]) -> None:
        """The wiring validated and (if good) installed the content: tell staff how it went."""
        strings = self.visit.strings()
        if problems:
            self.show_menu([strings.staff_reload_failed, *(str(p) for p in problems)])
        else:
            self.show_menu([strings.staff_reloaded])

    def _next_language(self) -> None:
        """Ask for the next default language, then show the menu with its new name."""
        self.next_language_requested.emit()
        self.show_menu()

    # -- the desk remote ---------------------------------------------------------------------
    def open_remote(self) -> None:
        """The desk remote's screen, drawn by its owner on `remote_opened`."""
        self.remote_opened.emit()
        if not self.remote_page.isVisible():
            self.menu.hide()
            self.remote_page.open()

    def _remote_back(self) -> None:
        self.remote_closed.emit()
        self.remote_page.hide()
        self.show_menu()

    def write_handout(self) -> None:
        """The lesson as a PDF in the export folder, for printing at the front desk: no file dialog, ever.

        Written by a job that leaves the UI loop turning (kiosk/app/handout_job.py): the menu says it is working,
        and shows the result when it is done."""
        from kiosk.app.handout import clinic_of
        from kiosk.app.handout_job import HandoutJob
        from kiosk.ui.theme.fonts import japanese_family

        strings, lessons = self.visit.strings(), self.visit.lessons()
        folder = self.settings.stats_export_folder
        if not folder or not lessons:
            self.show_menu([strings.stats_no_folder])
            return
        if self._handout is not None:  # one at a time (the button is off meanwhile)
            return
        orders = []
        for lesson_id, lesson in lessons:  # one handout per lesson offered; the file names the lesson when several
            named = f"{lesson_id}-" if len(lessons) > 1 else ""
            orders.append((lesson, Path(folder) / f"handout-{named}{lesson.language}-{date.today():%Y%m%d}.pdf"))
        self._handout = HandoutJob(orders, japanese_family(), clinic_of(self.settings), parent=self)
        self._handout.finished.connect(self._handout_written)
        self.show_menu([_("Writing the handout (PDF): its pictures are being drawn, this takes a few seconds")])
        self.menu.buttons["handout"].setEnabled(False)
        self._handout.start()

    def _handout_written(self) -> None:
        """Say where the handouts went, or why one could not be written, on the menu if it is still open."""
        job, self._handout = self._handout, None
        self.menu.buttons["handout"].setEnabled(True)
        if job is None:
            return
        job.deleteLater()
        strings, notes = self.visit.strings(), []
        for path, result in job.results:
            if isinstance(result, OSError):
                log.warning("handout not written to %s: %s", path, result)
                notes.append(strings.staff_handout_failed.format(error=result))
            else:
                log.info("handout written to %s (%d pages)", path, result)
                notes.append(strings.staff_handout_written.format(path=path, pages=result))
        if self.menu.isVisible():  # staff closed it or went on to another page meanwhile: the log has it
            self.show_menu(notes)

    # -- which lessons are offered ----------------------------------------------------------
    def show_lessons(self) -> None:
        """The lessons of the content folder, to show, hide and order (drawn again after every change)."""
        strings = self.visit.strings()
        self.lessons_page.show_lessons(strings.lessons_title, self.visit.lesson_rows(), strings)
        if not self.lessons_page.isVisible():
            self.menu.hide()
            self.lessons_page.open()

    def _lessons_back(self) -> None:
        self.lessons_page.hide()
        self.show_menu()

    # -- statistics -------------------------------------------------------------------------
    def show_statistics(self) -> None:
        """The statistics screen, read fresh from the store (after the pending writes); every lesson first."""
        self._stats_lesson = 0
        self._draw_statistics()
        self.menu.hide()
        self.stats_page.open()

    def _next_statistics_lesson(self) -> None:
        """All lessons together, then each lesson on its own, then all again."""
        self._stats_lesson = (self._stats_lesson + 1) % (len(self.visit.lessons()) + 1)
        self._draw_statistics()

    def _draw_statistics(self) -> None:
        lessons = self.visit.lessons()
        chosen = lessons[self._stats_lesson - 1] if 0 < self._stats_lesson <= len(lessons) else None
        if chosen is None:  # questions named from the lesson when there is only one
            only = lessons[0][1] if len(lessons) == 1 else None

            def question(store: StatsStore) -> object:
                return build_view(store, only, date.today())
        else:

            def question(store: StatsStore) -> object:
                return build_view(store, chosen[1], date.today(), lesson_id=chosen[0])

        strings = self.visit.strings()
        try:
            view = cast(StatsView, self.visit.read_statistics(question))
        except (TimeoutError, OSError, sqlite3.Error) as error:  # busy for now: say so, and try at the next open
            log.info("statistics not shown: %s", error)
            view = StatsView((), 0, 0.0, 0.0, (), (strings.stats_busy,), "")
        notes = [*view.notes, *self.visit.statistics_notes()]
        view = replace(view, notes=tuple(dict.fromkeys(notes)))
        self.stats_page.show_stats(view, strings, several_lessons=len(lessons) > 1)

    def _statistics_closed(self) -> None:
        self.stats_page.hide()
        self.show_menu()

    def export_statistics(self) -> None:
        """Write the CSV into the configured folder (a USB stick, say): no file dialog, ever."""
        strings = self.visit.strings()
        folder = self.settings.stats_export_folder
        if not folder:
            self.stats_page.set_message(strings.stats_no_folder)
            return
        path = Path(folder) / f"kiosk-visits-{date.today():%Y%m%d}.csv"
        try:
            rows = cast(int, self.visit.read_statistics(lambda store: store.export_csv(path)))
        except (TimeoutError, OSError, sqlite3.Error) as error:
            log.warning("statistics export to %s failed: %s", path, error)
            self.stats_page.set_message(strings.stats_export_failed.format(error=error))
            return
        log.info("statistics exported to %s (%d visits)", path, rows)
        self.stats_page.set_message(strings.stats_exported.format(path=path, rows=rows))
