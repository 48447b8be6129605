"""The staff side of the wiring: PIN pad, staff menu and statistics screen, built on first use.

A patient never needs any of it, so none of it (nor hashlib, sqlite reads, its widgets) costs start-up.
The Kiosk creates one StaffLayer the first time the corner is held or the key chord pressed.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from kiosk.config.settings import save_override
from kiosk.staff.gate import StaffGate, Verdict
from kiosk.stats.store import StatsStore
from kiosk.stats.view import build_view
from kiosk.ui.layers.pin_pad import PinPad
from kiosk.ui.layers.staff_menu import StaffMenu
from kiosk.ui.layers.stats_page import StatsPage

if TYPE_CHECKING:
    from kiosk.app.kiosk import Kiosk

log = logging.getLogger("kiosk.staff")


class StaffLayer:
    """Connects the staff widgets to the PIN gate, the flow and the statistics."""

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        window = kiosk.window
        self.gate = StaffGate(kiosk.config_dir / "pin.json", kiosk.data_dir / "lockout.json", kiosk.settings)
        self.pin_pad = PinPad(window)
        self.menu = StaffMenu(window)
        self.stats_page = StatsPage(window)
        for layer in (self.pin_pad, self.menu, self.stats_page):
            window.add_layer(layer)
        self._lock_timer = QTimer(window, interval=1000)
        self._lock_timer.timeout.connect(self._refresh_lock)
        self.pin_pad.pin_submitted.connect(self.try_pin)
        self.pin_pad.cancelled.connect(self.close)
        self.menu.start_over.connect(lambda: kiosk.start_over("staff"))
        self.menu.reload_content.connect(self.reload_content)
        self.menu.next_language.connect(self._next_language)
        self.menu.leave_kiosk.connect(kiosk.leave)
        self.menu.show_statistics.connect(self.show_statistics)
        self.menu.close_menu.connect(self.close)
        self.stats_page.export_requested.connect(self.export_statistics)
        self.stats_page.close_requested.connect(lambda: (self.stats_page.hide(), self.show_menu()))

    @property
    def is_open(self) -> bool:
        return any(layer.isVisible() for layer in (self.pin_pad, self.menu, self.stats_page))

    # -- the PIN pad ------------------------------------------------------------------------
    def open(self) -> None:
        """Open the PIN pad (never the menu directly), saying whether a PIN is set or the pad is locked."""
        if self.is_open:
            return
        strings = self.kiosk.strings
        outcome = self.gate.status()
        message = {
            Verdict.NO_PIN: strings["staff_pin_not_set"],
            Verdict.LOCKED: strings["staff_pin_locked"].format(seconds=round(outcome.seconds_locked)),
        }.get(outcome.verdict, strings["staff_pin_hint"])
        self.pin_pad.show_pad(strings["staff_pin_title"], message, strings["cancel"])
        self.pin_pad.set_locked(outcome.verdict in (Verdict.LOCKED, Verdict.NO_PIN))
        if outcome.verdict is Verdict.LOCKED:
            self._lock_timer.start()
        self.pin_pad.open()
        self.pin_pad.setFocus()
        self.kiosk.guard.typing_allowed = True
        self.kiosk.timeouts.set_staff_open(True)

    def try_pin(self, attempt: str) -> None:
        outcome = self.gate.try_pin(attempt)
        strings = self.kiosk.strings
        if outcome.verdict is Verdict.OPEN:
            self.pin_pad.hide()
            self.kiosk.guard.typing_allowed = False
            self.show_menu()
        elif outcome.verdict is Verdict.LOCKED:
            self.pin_pad.set_locked(True)
            self.pin_pad.set_message(strings["staff_pin_locked"].format(seconds=round(outcome.seconds_locked)))
            self._lock_timer.start()
        elif outcome.verdict is Verdict.NO_PIN:
            self.pin_pad.set_message(strings["staff_pin_not_set"])
        else:
            self.pin_pad.set_message(strings["staff_pin_wrong"].format(left=outcome.tries_left))

    def _refresh_lock(self) -> None:
        """Count the lockout down on the pad; open the keys again when it ends."""
        left = self.gate.lockout.locked_for()
        strings = self.kiosk.strings
        if not self.pin_pad.isVisible() or left <= 0:
            self._lock_timer.stop()
            if self.pin_pad.isVisible():
                self.pin_pad.set_locked(False)
                self.pin_pad.set_message(strings["staff_pin_hint"])
            return
        self.pin_pad.set_message(strings["staff_pin_locked"].format(seconds=round(left)))

    # -- the menu ---------------------------------------------------------------------------
    def show_menu(self, notes: list[str] | None = None) -> None:
        kiosk, strings = self.kiosk, self.kiosk.strings
        lessons = kiosk.flow.library.lessons if kiosk.flow else {}
        default = kiosk.flow.default_language if kiosk.flow else ""
        language = lessons[default].language_name if default in lessons else "-"
        labels = {
            "start_over": strings["staff_start_over"],
            "reload": strings["staff_reload"],
            "language": strings["staff_language"].format(language=language),
            "statistics": strings["staff_statistics"],
            "leave": strings["staff_leave"],
            "close": strings["staff_close"],
        }
        base = [str(p) for p in kiosk.config_problems]
        self.menu.show_menu(strings["staff_title"], labels, (notes or []) + base)
        self.menu.open()

    def close(self) -> None:
        for layer in (self.pin_pad, self.menu, self.stats_page):
            layer.hide()
        self._lock_timer.stop()
        self.kiosk.guard.typing_allowed = False
        self.kiosk.timeouts.set_staff_open(False)

    def reload_content(self) -> None:
        """Validate first; on failure keep the current content running and show staff the problems."""
        problems = self.kiosk.reload_content()
        strings = self.kiosk.strings
        if problems:
            self.show_menu([strings["staff_reload_failed"], *(str(p) for p in problems)])
        else:
            self.show_menu([strings["staff_reloaded"]])

    def _next_language(self) -> None:
        """The next language becomes the default, saved in the settings file."""
        flow = self.kiosk.flow
        if flow is None:
            return
        languages = flow.library.languages
        current = flow.default_language
        position = languages.index(current) + 1 if current in languages else 0
        flow.default_language = languages[position % len(languages)]
        save_override(self.kiosk.settings_path, "default_language", flow.default_language)
        flow.end_visit("language changed")
        self.show_menu()

    # -- statistics -------------------------------------------------------------------------
    def show_statistics(self) -> None:
        """The statistics screen, read fresh from the store (after the pending writes)."""
        kiosk = self.kiosk
        kiosk.flush_statistics()
        with StatsStore(kiosk.stats_path, repair=False) as store:
            view = build_view(store, kiosk.flow.lesson if kiosk.flow else None, date.today())
        notes = [*view.notes, *kiosk.statistics_notes()]
        self.stats_page.show_stats(replace(view, notes=tuple(dict.fromkeys(notes))), kiosk.strings)
        self.menu.hide()
        self.stats_page.open()

    def export_statistics(self) -> None:
        """Write the CSV into the configured folder (a USB stick, say): no file dialog, ever."""
        kiosk, strings = self.kiosk, self.kiosk.strings
        folder = kiosk.settings.stats_export_folder
        if not folder:
            self.stats_page.set_message(strings["stats_no_folder"])
            return
        path = Path(folder) / f"kiosk-visits-{date.today():%Y%m%d}.csv"
        kiosk.flush_statistics()
        try:
            with StatsStore(kiosk.stats_path, repair=False) as store:
                rows = store.export_csv(path)
        except (OSError, sqlite3.Error) as error:
            log.warning("statistics export to %s failed: %s", path, error)
            self.stats_page.set_message(strings["stats_export_failed"].format(error=error))
            return
        log.info("statistics exported to %s (%d visits)", path, rows)
        self.stats_page.set_message(strings["stats_exported"].format(path=path, rows=rows))
