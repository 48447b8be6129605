"""The one place that wires everything: settings, content, flow, window, staff layer, clocks, logging, faults."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.app.desk_page import DeskPage
from kiosk.app.library import LessonLibrary, Place
from kiosk.app.presenter import Presenter
from kiosk.app.slow_pictures import watch_slow_pictures
from kiosk.app.speech import Speech
from kiosk.app.timeouts import Timeouts
from kiosk.config.options import Options
from kiosk.config.settings import folder_problems, load_settings, save_override
from kiosk.content.icons import load_icons
from kiosk.content.model import Library, Translation
from kiosk.content.strings import FALLBACK, UiStrings
from kiosk.core import paths
from kiosk.core.endings import EndReason
from kiosk.core.errors import ConfigError
from kiosk.core.i18n import _
from kiosk.core.logs import setup_logging
from kiosk.ui.input_guard import InputGuard
from kiosk.ui.theme.fonts import japanese_family
from kiosk.ui.widgets.picture_store import PictureStore
from kiosk.ui.window import KioskWindow, PageName
from kiosk.visit.flow import Flow, Screen, VisitState

if TYPE_CHECKING:
    from kiosk.app.attract_loop import AttractLoop
    from kiosk.app.fleet_reporter import FleetReporter
    from kiosk.app.narration import Narrator
    from kiosk.app.opening_hours import OpeningHoursClock
    from kiosk.app.recovery import Recovery
    from kiosk.app.staff_layer import StaffLayer
    from kiosk.remote.status import DeskSide
    from kiosk.stats.background import BackgroundRecorder
    from kiosk.stats.store import StatsStore
    from kiosk.ui.layers.idle_prompt import IdlePrompt

log = logging.getLogger("kiosk.app")
WARM_UP_MS = 1500
# Exit status of "leave the kiosk": deploy/clinic-kiosk.service restarts the kiosk after any other exit.
EXIT_STAFF_LEFT = 4
# How long the staff screen waits for the statistics writer (it answers after the visits it holds are written).
STATS_READ_TIMEOUT_S = 5.0


class Kiosk:
    """Builds the pieces and connects their signals; holds no visit logic of its own."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._closed = False
        self.config_dir = options.config_dir or paths.config_dir()
        self.data_dir = options.data_dir or paths.data_dir()
        self.settings_path = self.config_dir / "settings.toml"
        config_problems: list[ConfigError] = []
        if options.settings is not None:
            self.settings = options.settings
        else:
            self.settings, config_problems = load_settings(self.settings_path)
            if options.content is None:  # a content folder that is missing or a device: staff see why
                config_problems += folder_problems(self.settings, self.settings_path, "")
        self.lockdown = (not options.windowed) if options.lockdown is None else options.lockdown
        self.content_root = options.content or (
            Path(self.settings.content_folder) if self.settings.content_folder else paths.SHIPPED_CONTENT
        )
        self.window = KioskWindow(japanese_family(), lambda: load_icons(paths.ICONS))
        self.window.resize(self._window_size())  # laid out once, for the size it will be shown at
        self.window.closable = not self.lockdown
        if options.cache_dir is not None:  # `kiosk run`: the first screen's pictures are kept beside the content cache
            self.window.attract.keep_pictures_in(PictureStore(options.cache_dir / "pictures"))
        transitions = self.settings.transitions if options.transitions is None else options.transitions
        if not transitions:
            self.window.set_transitions(False)
            self.window.attract.fade_ms = 0  # the attract loop's pictures change without a fade
        # The idle prompt and the recovery's calm page are built when first needed: not on the way to the first frame.
        self._idle_prompt: IdlePrompt | None = None
        self._recovery: Recovery | None = None
        # Installed when the window is shown (show()): no input reaches a window not yet shown, and the ~100
        # polish and layout events of building it then skip a call into Python each.
        self.guard = InputGuard(self.window, round(self.settings.staff_hold_seconds * 1000), self.lockdown)
        self.timeouts = Timeouts(self.settings, self.window)
        self.speech = Speech(self.settings.speech_engine, self.window)
        self.speech.ready.connect(self._refresh_aids)
        self._narrator: Narrator | None = None  # made (and Qt Multimedia loaded) with the first recording played
        self.stats_path = self.data_dir / "visits.sqlite3"
        self._recorder: BackgroundRecorder | None = None  # started with the first visit that ends
        self._visit_started = 0.0
        self._staff: StaffLayer | None = None  # built the first time staff ask for it
        self._attract_loop: AttractLoop | None = None  # the attract screen's clock, made after the first paint
        self.opening_hours: OpeningHoursClock | None = None  # with opening_hours set, made after the first paint
        self.flow: Flow | None = None
        self._state: VisitState | None = None
        self.presenter: Presenter | None = None
        self.fleet: FleetReporter | None = None  # started after the first screen, when an outbox is set
        self._last_touch = time.monotonic()
        devices = self.data_dir / "remote-devices.json"
        self.desk = DeskPage(
            self.settings, self.settings_path, devices, self._desk_side, lambda: self.strings, self.window
        )
        self._connect_layers()
        place = Place(
            self.content_root,
            options.cache_dir,
            (options.cache_dir or self.data_dir / "cache") / "content-snapshots",
            self.settings_path,
            options.watch_content,
        )
        self.lessons = LessonLibrary(place, self.settings, self._shown_library, config_problems, self.window)
        self.lessons.offered_changed.connect(self._offer)
        # Pictures over the drawing budget (patients see a placeholder), named for staff in the one problem list.
        self.slow_pictures = watch_slow_pictures(self.window, lambda: self.lessons.full, self.lessons.shown_root)
        self.slow_pictures.changed.connect(lambda: self.lessons.set_picture_problems(self.slow_pictures.notes))
        library = self.lessons.load()
        if library is None:  # the details are logged and on the staff menu; the patient sees the calm page
            self.recovery.show_calm(retry=False)
        else:
            self._offer(library, True)

    # -- the lessons ----------------------------------------------------------------------------
    def _shown_library(self) -> Library | None:
        return self.flow.library if self.flow is not None else None

    def _offer(self, library: Library, at_once: bool) -> None:
        """The lessons offered changed: the first flow (start-up, or the first content that works), a staff
        reload (`at_once`), or new content or the staff's choice (the flow shows it from the next attract screen)."""
        if self.flow is not None and not at_once:
            self.flow.offer_library(library)
            return
        from kiosk.ui.widgets.raster import prepare_all  # photos decoded in the background, before they are shown

        for lesson in (self.lessons.full or library).lessons.values():
            for text in lesson.translations.values():
                prepare_all(text.images)
        language = self.flow.default_language if self.flow else self.options.language or self.settings.default_language
        if language not in library.languages:
            language = library.languages[0]
        if self.flow is not None:  # a staff reload: the default language chosen so far stays
            self.flow.default_language = language
            self.flow.replace_library(library)
            return
        self.flow = Flow(library, language)
        self.presenter = Presenter(self.window, self.flow, self.speech.can_speak)
        self.flow.subscribe(self._on_state)
        self.flow.subscribe_end(self._record_visit)
        self._connect_pages(self.flow)
        self.window.page_built = self._wire_page
        for name in self.window.built_pages:
            self._wire_page(name)
        self._on_state(self.flow.state)

    def _connect_pages(self, flow: Flow) -> None:
        window = self.window
        window.attract.start_requested.connect(flow.choose_language)
        window.attract.topic_chosen.connect(lambda lesson: flow.start(None, lesson))
        window.aids.large_text_toggled.connect(lambda on: flow.set_aids(large_text=on))
        window.aids.contrast_toggled.connect(lambda on: flow.set_aids(high_contrast=on))
        window.aids.read_aloud_clicked.connect(self.read_aloud)

    def _wire_page(self, name: PageName) -> None:
        """Connect a page built on first use (slides, quiz, result) to the flow."""
        flow = self.flow
        if flow is None:
            return
        window = self.window  # its typed properties return the page just built
        match name:
            case "slide":
                slide = window.slide
                slide.next_requested.connect(flow.next)
                slide.back_requested.connect(flow.back)
                slide.home_requested.connect(lambda: flow.end_visit(EndReason.HOME))
                slide.return_requested.connect(flow.back_to_question)
            case "question":
                question = window.question
                question.answer_chosen.connect(flow.answer)
                question.next_requested.connect(flow.next)
                question.review_requested.connect(flow.review_slide)
                question.home_requested.connect(lambda: flow.end_visit(EndReason.HOME))
            case "result":
                window.result.finish_requested.connect(lambda: flow.end_visit(EndReason.FINISHED))
            case "error":
                pass  # the error page has nothing to press
            case _:
                assert_never(name)

    def _on_state(self, state: VisitState) -> None:
        assert self.presenter is not None
        previous, self._state = self._state, state
        if previous is None or (previous.screen, previous.slide, previous.question, previous.answers) != (
            state.screen,
            state.slide,
            state.question,
            state.answers,
        ):
            self.speech.stop()  # speech and recordings never outlive their screen or their visit
            if self._narrator is not None:
                self._narrator.stop()
        if state.language and (previous is None or not previous.language):
            self._visit_started = time.monotonic()
        self.presenter.show(state)
        self.timeouts.set_screen(state.screen, state.large_text or state.high_contrast)

    def _record_visit(self, state: VisitState, reason: EndReason) -> None:
        """Queue the visit's anonymous record; the worker thread writes it."""
        assert self.flow is not None
        lesson = self.flow.library.lessons.get(state.lesson)
        if lesson is None or state.language not in lesson.translations:
            return
        from datetime import datetime

        from kiosk.stats.visit import record_for  # the statistics code loads with the first visit that ends

        duration = time.monotonic() - self._visit_started
        try:
            record = record_for(state, lesson.translations[state.language], reason, duration, datetime.now())
        except ValueError as error:  # a record the store would refuse: a bug, never a reason to stop
            log.error("visit not recorded: %s", error)
            return
        if record is not None:
            self.recorder.submit(record)

    @property
    def attract_loop(self) -> AttractLoop:
        """The attract screen's clock (every `attract_seconds` the next picture), made with the warm-up."""
        if self._attract_loop is None:
            from kiosk.app.attract_loop import AttractLoop

            self._attract_loop = AttractLoop(self.window.attract, self.settings.attract_seconds, self.window)
        return self._attract_loop

    @property
    def recorder(self) -> BackgroundRecorder:
        """The statistics writer, started with the first visit to record (sqlite stays off start-up)."""
        if self._recorder is None:
            from kiosk.stats import background

            # Visits written on the minute, not as they end: the file's change time dates no visit.
            self._recorder = background.BackgroundRecorder(self.stats_path, tick_s=background.TICK_S)
        return self._recorder

    def start_statistics(self) -> None:
        """Start the statistics writer now (`kiosk run`, at start-up); it opens the file and makes its schema in its
        own thread at once: made at the first visit's end, it dated that visit in the log and the file's times."""
        _ = self.recorder  # the property starts it

    def flush_statistics(self) -> None:
        """Let pending visits reach the file (tests and shutdown; staff read through read_statistics)."""
        if self._recorder is not None:
            self._recorder.flush(1.0)

    def read_statistics(self, question: Callable[[StatsStore], object]) -> object:
        """Staff's questions go to the writer's own connection: no second connection waits for its lock."""

        def ask(store: StatsStore | None) -> object:
            if store is None:
                raise OSError(_("{path} cannot be opened").format(path=self.stats_path))
            return question(store)

        return self.recorder.read(ask, STATS_READ_TIMEOUT_S)

    def statistics_notes(self) -> list[str]:
        return list(self._recorder.notes) if self._recorder is not None else []

    def _refresh_aids(self) -> None:
        """The speech engine is up: show the read-aloud button if the visit's language has a voice."""
        if self.flow is not None and self.presenter is not None:
            self.presenter.show_aids(self.flow.state)

    @property
    def narrator(self) -> Narrator:
        """The player of recorded narration, made the first time a recording is played."""
        if self._narrator is None:
            from kiosk.app.narration import Narrator

            self._narrator = Narrator(self.settings.narration_volume, self.window)
        return self._narrator

    def read_aloud(self) -> None:
        """The screen's own recording when it has one, else the system voice reading the screen's words."""
        if self.flow is None or self.presenter is None:
            return
        recording = self.presenter.recording_for(self.flow.state)
        if recording is not None:
            self.speech.stop()
            self.narrator.play(recording)
        else:
            self.speech.say(self.presenter.spoken_text(self.flow.state), self.flow.lesson.language)

    @property
    def recovery(self) -> Recovery:
        """What ends a fault on a calm page and finds the way back (app/recovery.py), made with the first fault."""
        if self._recovery is None:
            from kiosk.app.recovery import Recovery

            retry_ms = round(self.settings.result_timeout_seconds * 1000)  # the calm page tries attract again
            self._recovery = Recovery(self.window, self._restart_visit, self._at_attract, retry_ms)
        return self._recovery

    @property
    def strings(self) -> UiStrings:
        return self.flow.strings if self.flow is not None else FALLBACK

    # -- idle prompt and staff layer ----------------------------------------------------------
    def _connect_layers(self) -> None:
        self.guard.activity.connect(self.timeouts.touched)
        self.guard.activity.connect(self._touched)
        self.guard.staff_requested.connect(self.open_staff)
        self.timeouts.prompt.connect(self._show_idle_prompt)
        self.timeouts.countdown.connect(
            lambda seconds: self.idle_prompt.set_seconds(self.strings.countdown.format(seconds=seconds))
        )
        self.timeouts.keep.connect(self._hide_idle_prompt)
        self.timeouts.expired.connect(self.start_over)

    @property
    def idle_prompt(self) -> IdlePrompt:
        """The "still there?" layer, built the first time a visit goes quiet."""
        if self._idle_prompt is None:
            from kiosk.ui.layers.idle_prompt import IdlePrompt

            self._idle_prompt = IdlePrompt(self.window)
            self.window.add_layer(self._idle_prompt)
            self._idle_prompt.continue_requested.connect(self.timeouts.touched)
        return self._idle_prompt

    def _hide_idle_prompt(self) -> None:
        if self._idle_prompt is not None:
            self._idle_prompt.hide()

    def _show_idle_prompt(self) -> None:
        strings = self.strings
        self.idle_prompt.show_prompt(strings.still_there, strings.still_there_hint, strings.continue_)
        self.idle_prompt.open()

    def start_over(self, reason: EndReason) -> None:
        """Close any layer, forget the visit, show the attract screen (idle expiry, or after an error)."""
        self.close_staff()
        self._hide_idle_prompt()
        if self.flow is not None:
            self.flow.end_visit(reason)

    @property
    def staff(self) -> StaffLayer:
        """The staff layer, built on first use and wired here like every other piece."""
        if self._staff is None:
            from kiosk.app.staff_layer import StaffFiles, StaffLayer, VisitSide

            files = StaffFiles(self.config_dir / "pin.json", self.data_dir / "lockout.json", self.stats_path)
            visit = VisitSide(
                strings=lambda: self.strings,
                default_language_name=self._default_language_name,
                lessons=self._lessons_shown,
                read_statistics=self.read_statistics,
                statistics_notes=self.statistics_notes,
                problems=self.lessons.problem_texts,
                lesson_rows=lambda: self.lessons.rows(self.flow.default_language) if self.flow is not None else [],
            )
            staff = StaffLayer(self.window, files, self.settings, visit)
            staff.start_over_requested.connect(lambda: self.start_over(EndReason.STAFF))
            staff.reload_requested.connect(lambda: staff.reload_finished(self.lessons.reload()))
            staff.next_language_requested.connect(self._next_default_language)
            staff.leave_requested.connect(self.leave)
            staff.lessons_changed.connect(self.lessons.change)
            staff.typing_allowed_changed.connect(self.guard.set_typing_allowed)
            staff.staff_open_changed.connect(self.timeouts.set_staff_open)
            staff.staff_open_changed.connect(lambda is_open: self.attract_loop.set_covered(is_open))
            self.desk.attach(staff.remote_page)
            staff.remote_opened.connect(self.desk.draw)
            staff.remote_closed.connect(self.desk.screen_closed)
            self._staff = staff
        return self._staff

    @property
    def staff_open(self) -> bool:
        """A staff layer (PIN pad, menu, statistics, desk page, lessons) is open; False while none was ever built."""
        return self._staff is not None and self._staff.is_open

    def open_staff(self) -> None:
        """The corner hold or the key chord: open the PIN pad."""
        self.staff.open()

    def close_staff(self) -> None:
        if self._staff is not None:
            self._staff.close()

    def _lessons_shown(self) -> list[tuple[str, Translation]]:
        """Every lesson offered, in order, in the language shown (the staff statistics name them so)."""
        if self.flow is None:
            return []
        return [(lesson_id, self.flow.lesson_in(lesson_id)) for lesson_id in self.flow.library.lessons]

    def _default_language_name(self) -> str:
        if self.flow is None:
            return "-"
        return dict(self.flow.language_names()).get(self.flow.default_language, "-")

    def _next_default_language(self) -> None:
        """Staff asked for the next language as the default: saved in the settings file, the visit ends."""
        flow = self.flow
        if flow is None:
            return
        languages = flow.library.languages
        current = flow.default_language
        position = languages.index(current) + 1 if current in languages else 0
        flow.default_language = languages[position % len(languages)]
        save_override(self.settings_path, "default_language", flow.default_language)
        flow.end_visit(EndReason.LANGUAGE_CHANGED)

    # -- the front desk's remote ------------------------------------------------------------
    def _touched(self) -> None:
        self._last_touch = time.monotonic()

    def _desk_side(self) -> DeskSide:
        """What the desk page may ask of the visit: the staff menu's own calls (made when the remote is built)."""
        from kiosk.remote.status import DeskSide

        return DeskSide(
            status=self._desk_status,
            start_over=lambda: self.start_over(EndReason.STAFF),
            reload=lambda: [str(p) for p in self.lessons.reload()],
            hold=self.hold_attract,
        )

    def _desk_status(self, hold_left: float) -> dict[str, object]:
        from kiosk.remote.status import ContentInfo, desk_status, problem_status

        content = ContentInfo(self.lessons.loaded_at, tuple(self.lessons.problem_texts()))
        if self.flow is None:  # the content failed at start: the error screen is up
            return problem_status(content)
        idle = time.monotonic() - self._last_touch
        return desk_status(self.flow.state, self.flow.lesson, idle, hold_left, content)

    def hold_attract(self, on: bool) -> None:
        """Hold the attract screen (the visit ends, touches start nothing) or lift the hold."""
        if self.flow is None:
            return
        if on:
            self.start_over(EndReason.STAFF)
        self.flow.hold(on)

    def leave(self) -> None:
        """Staff chose to leave the kiosk: the only way out in lockdown."""
        log.info("leaving the kiosk (staff menu)")
        self.window.closable = True
        self.close()
        QApplication.exit(EXIT_STAFF_LEFT)  # the unit's RestartPreventExitStatus: it stays stopped

    # -- faults -----------------------------------------------------------------------------
    def excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        """Log an exception raised in any handler and end on a clean page instead of dying (app/recovery.py)."""
        self.recovery.excepthook(kind, error, tb)

    def _restart_visit(self) -> None:
        """Close every layer, forget the visit and draw the attract screen again (the recovery's way back)."""
        self.start_over(EndReason.ERROR)
        if self.flow is not None and self.presenter is not None:
            self.presenter.show(self.flow.state)  # also when the visit had already ended: the page may be another

    def _at_attract(self) -> bool:
        return self.flow is not None and self.flow.state.screen is Screen.ATTRACT

    # -- showing ----------------------------------------------------------------------------
    def _window_size(self) -> QSize:
        if self.options.windowed:
            return QSize(*self.options.size)
        screen = QGuiApplication.primaryScreen()
        return screen.geometry().size() if screen is not None else QSize(*self.options.size)

    def show(self) -> None:
        """Windowed: an ordinary window of the chosen size. Kiosk: fullscreen, frameless, on top."""
        ensure_application().installEventFilter(self.guard)  # every input from now on passes the guard
        QTimer.singleShot(WARM_UP_MS, self.window, self.warm_up)
        if self.options.windowed:  # already sized in __init__
            self.window.show()
            return
        self.window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        if self.settings.hide_cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        self.window.showFullScreen()

    def _start_opening_hours(self) -> None:
        """Outside the clinic's hours (setting opening_hours) the attract screen is held still."""
        if not self.settings.opening_hours:
            return
        from kiosk.app.opening_hours import OpeningHoursClock
        from kiosk.core.hours import parse_hours

        clock = OpeningHoursClock(parse_hours(self.settings.opening_hours), parent=self.window)  # checked at load
        clock.open_changed.connect(lambda is_open: self.attract_loop.set_held(not is_open))
        self.attract_loop.set_held(not clock.is_open)
        self.opening_hours = clock

    def warm_up(self) -> None:
        """Once the first screen is up (a timer; tests call it): build the other pages, start the pieces that wait
        for it (docs/startup.md), and let the garbage collector back in.

        `main.py` turns the collector off for start-up: the objects it makes all live, so collecting
        them is wasted time (~5 ms). Freezing them afterwards keeps every later full collection, during
        a visit, from walking the ~27,000 start-up objects again (~4 ms each time).
        """
        self.window.build_all()
        self.attract_loop.set_covered(self._staff is not None and self._staff.is_open)
        self._start_opening_hours()
        self._start_fleet()
        self.lessons.start_updates()
        self.desk.start_saved()  # staff turned the desk page on earlier: it stays on across restarts
        if not gc.isenabled():
            gc.enable()
            gc.freeze()

    def _start_fleet(self) -> None:
        """Heartbeat and daily summaries for a clinic chain's hub, when `outbox_folder` is set."""
        if not self.settings.outbox_folder or self.fleet is not None:
            return
        from kiosk.app.fleet_reporter import FleetReporter

        self.fleet = FleetReporter(
            Path(self.settings.outbox_folder),
            self.settings.kiosk_name,
            self.data_dir,
            self.stats_path,
            round(self.settings.heartbeat_minutes * 60_000),
            self.lessons.heartbeat,
            self.window,
            self.settings.summary_min_visits,
        )
        self.fleet.start()

    def close(self) -> None:
        """Close and delete the window now (offscreen renders and tests end cleanly); safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._narrator is not None:  # before the window goes: the player's threads end with an empty source
            self._narrator.close()
        if self.fleet is not None:
            self.fleet.close()
        self.lessons.close()
        self.desk.close()
        if self._recorder is not None:
            self._recorder.close()
        ensure_application().removeEventFilter(self.guard)
        self.window.closable = True
        self.window.close()
        self.window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def ensure_application() -> QApplication:
    """The QApplication, created once."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([paths.APP_NAME])
        app.setApplicationName(paths.APP_NAME)
    assert isinstance(app, QApplication)
    return app


def build(options: Options) -> Kiosk:
    """Build the kiosk (shown by the caller)."""
    ensure_application()
    return Kiosk(options)


def install_fault_hooks(kiosk: Kiosk) -> None:
    """An exception in any handler is logged and the kiosk starts over; Qt's warnings and thread errors are logged."""
    import kiosk.app.faults as faults

    faults.install(kiosk.excepthook)


def run(options: Options, debug: bool = False) -> int:
    """`kiosk run`: logging to the platform's log folder, the fault hooks, the kiosk shown, Qt's loop."""
    log_file = setup_logging(paths.log_dir(), logging.DEBUG if debug else logging.INFO)
    log.info("starting; log file %s", log_file)
    from kiosk.staff.pin import pin_is_set

    if not pin_is_set((options.config_dir or paths.config_dir()) / "pin.json"):
        log.warning("no staff PIN is set, so the staff menu cannot be opened: run 'kiosk set-pin' (see README)")
    from kiosk.app.watchdog import Watchdog

    app = ensure_application()
    kiosk = build(options)
    from kiosk.ui.widgets.svg_drawing import FRAME_WAIT_MS, shared

    shared().frame_wait_ms = FRAME_WAIT_MS  # on screen no frame waits long for a picture (render and tests do)
    kiosk.start_statistics()
    install_fault_hooks(kiosk)
    watchdog = Watchdog(kiosk.window)  # pings only under systemd (NOTIFY_SOCKET), from this event loop
    kiosk.show()
    QTimer.singleShot(0, watchdog.ready)  # once the loop runs: the first screen is being drawn
    app.aboutToQuit.connect(watchdog.stopping)
    return app.exec()
