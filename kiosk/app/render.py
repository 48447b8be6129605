"""Draw every screen to PNG files, numbered in visit order: how people review content and layout."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from kiosk.app.kiosk import Kiosk, build
from kiosk.config.options import Options
from kiosk.config.settings import Settings
from kiosk.core.endings import EndReason
from kiosk.core.files import replace_file
from kiosk.core.i18n import _
from kiosk.staff.pin import save_pin
from kiosk.stats.sample import sample_records
from kiosk.visit.flow import Flow, Screen

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

RENDER_PIN = "246810"


@dataclass(frozen=True)
class Aids:
    """The visit aids to render with."""

    large_text: bool = False
    high_contrast: bool = False


def visit_screens(kiosk: Kiosk, aids: Aids = Aids()) -> Iterator[str]:
    """Drive the real flow through a visit of every lesson, yielding a file-name stem at each screen.

    With several lessons the attract screen shows their topic cards, and each lesson's screens are named
    after it (`back-pain-slide-01-...`); then the layers over the screens, once.
    """
    flow = kiosk.flow
    if flow is None:
        yield "content-problems"
        return
    flow.set_aids(aids.large_text, aids.high_contrast)
    yield "attract"
    yield from _attract_loop(kiosk)
    lessons = list(flow.library.lessons)
    for lesson_id in lessons:
        prefix = f"{lesson_id}-" if len(lessons) > 1 else ""
        flow.set_aids(aids.large_text, aids.high_contrast)
        flow.start(kiosk.options.language, lesson_id)
        while flow.state.screen is Screen.SLIDE:  # every slide, and each further part of a text that flows on
            state = flow.state
            slide = flow.lesson.deck.slides[state.slide]
            stem = f"{prefix}slide-{state.slide + 1:02d}-{slide.id}"
            yield f"{stem}-{state.part + 1}" if state.part else stem
            flow.next()
        yield from _quiz_screens(flow, prefix)
        flow.end_visit(EndReason.RENDER)
    yield from _layers(kiosk, flow, aids)


def _attract_loop(kiosk: Kiosk) -> Iterator[str]:
    """Each further picture of the attract loop (a lesson's line beside it), once round every lesson."""
    loop = kiosk.attract_loop
    moves = sum(count for count in loop.counts if count > 1) - sum(1 for count in loop.counts if count > 1)
    for number in range(2, moves + 2):
        loop.tick()
        yield f"attract-{number}"


def _quiz_screens(flow: Flow, prefix: str) -> Iterator[str]:
    """The quiz (each question before and after answering, one right and one wrong), the result."""
    for number, question in enumerate(flow.lesson.questions, start=1):
        yield f"{prefix}quiz-{number}-{question.id}"
        # Show a wrong answer on every other question, so both feedbacks get reviewed.
        order = flow.state.orders[flow.state.question]
        wanted = question.right_index if number % 2 else next(i for i in range(len(order)) if i != question.right_index)
        flow.answer(order.index(wanted))
        yield f"{prefix}quiz-{number}-{question.id}-answered"
        if number == 1:
            flow.review_slide()
            yield f"{prefix}quiz-{number}-{question.id}-see-slide"
            flow.back_to_question()
        flow.next()
    yield f"{prefix}result"


def _layers(kiosk: Kiosk, flow: Flow, aids: Aids) -> Iterator[str]:
    """The layers over the screens: idle prompt (over a slide), PIN pad, staff menu, statistics."""
    flow.set_aids(aids.large_text, aids.high_contrast)
    flow.start(kiosk.options.language)
    flow.next()
    kiosk.timeouts.prompt.emit()
    kiosk.timeouts.countdown.emit(round(kiosk.settings.idle_countdown_seconds))
    yield "idle-prompt"
    kiosk.timeouts.keep.emit()
    save_pin(kiosk.config_dir / "pin.json", RENDER_PIN)
    kiosk.open_staff()
    yield "staff-pin-pad"
    kiosk.staff.pin_pad.pin_submitted.emit(RENDER_PIN)
    kiosk.staff.pin_check.wait()
    yield "staff-menu"
    lessons = list(flow.library.lessons)
    for seed, lesson_id in enumerate(lessons, start=7):  # invented visits, in the throwaway data folder
        for record in sample_records(flow.lesson_in(lesson_id), date.today(), 120 // len(lessons), seed, lesson_id):
            kiosk.recorder.submit(record)
    kiosk.recorder.flush(60)  # all of them in the file before the screen asks, however busy the machine
    kiosk.staff.show_statistics()
    yield "staff-statistics"
    if len(lessons) > 1:
        for lesson_id in lessons:
            kiosk.staff.stats_page.lesson_requested.emit()
            yield f"staff-statistics-{lesson_id}"
    if len(lessons) > 1:
        kiosk.staff.stats_page.hide()
        kiosk.staff.show_lessons()
        yield "staff-lessons"
        kiosk.staff.lessons_page.hide()
    yield from _remote_screens(kiosk)


def _remote_screens(kiosk: Kiosk) -> Iterator[str]:
    """The desk remote's staff screen (on this machine only, with a pairing code and two devices), then the
    attract screen while the desk holds it."""
    kiosk.staff.stats_page.hide()
    kiosk.desk.remote.start("127.0.0.1", 0, tls=True)  # with its certificate fingerprint shown
    for name in ("受付PC", "Staff phone"):
        kiosk.desk.remote.devices.pair(name)
    kiosk.desk.remote.open_pairing()
    kiosk.staff.open_remote()
    yield "staff-remote"
    kiosk.close_staff()
    kiosk.desk.remote.stop()
    kiosk.hold_attract(True)
    yield "attract-held"
    kiosk.hold_attract(False)


def settle(application: type[QApplication]) -> None:
    """Let the layout finish: a widget that grows to fit its text posts one more layout pass; photos decoded."""
    from kiosk.ui.widgets.raster import wait_for_photos

    wait_for_photos()
    for _turn in range(3):
        application.processEvents()


@contextmanager
def render_kiosk(options: Options) -> Iterator[Kiosk]:
    """A kiosk laid out exactly as `render` draws it, with a throwaway config and data folder."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="kiosk-render-") as scratch:
        # Rendering never touches the real PIN, lockout or statistics.
        kiosk = build(
            options._replace(
                windowed=True,
                transitions=False,
                lockdown=False,
                config_dir=Path(scratch) / "config",
                data_dir=Path(scratch) / "data",
                settings=options.settings or Settings(),
            )
        )
        try:
            kiosk.show()
            yield kiosk
        finally:
            kiosk.close()


def laid_out_screens(kiosk: Kiosk, aids: Aids = Aids()) -> Iterator[str]:
    """Each screen of the visit, laid out to the end before it is yielded (what render grabs, check reads)."""
    from PySide6.QtWidgets import QApplication

    for stem in visit_screens(kiosk, aids):
        settle(QApplication)
        yield stem


def render_all(
    options: Options,
    out: Path,
    on_file: Callable[[Path], None] | None = None,
    aids: Aids = Aids(),
) -> list[Path]:
    """Render every screen at options.size into `out`; return the files written."""
    with render_kiosk(options) as kiosk:
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for number, stem in enumerate(laid_out_screens(kiosk, aids), start=1):
            path = out / f"{number:02d}-{re.sub(r'[^a-z0-9-]+', '-', stem.lower())}.png"
            png = QByteArray()
            buffer = QBuffer(png)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            if not kiosk.window.grab().save(buffer, "PNG"):
                raise OSError(_("cannot make {path}").format(path=path))
            replace_file(path, bytes(png.data()), private=False, durable=False)
            written.append(path)
            if on_file:
                on_file(path)
        return written
