"""The window builds only the first screen at start-up; every other page on first use or in idle time."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.visit.flow import Screen
from tests.ui.first_screen import first_screen


def test_start_up_builds_the_attract_screen_only(kiosk: Kiosk) -> None:
    assert kiosk.window.current_page is kiosk.window.attract
    assert kiosk.window.built_pages == {}, "pages the first screen does not show wait until needed"


def test_the_first_touch_builds_and_wires_the_slide_page(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.mouseClick(kiosk.window.attract.start, Qt.MouseButton.LeftButton)
    assert set(kiosk.window.built_pages) == {"slide"}
    qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.slide == 1, "the page built on demand is connected to the visit"


def test_pages_built_in_idle_time_are_wired_too(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk()
    kiosk.window.build_all()  # what the warm-up timer does after start-up
    assert set(kiosk.window.built_pages) == {"slide", "question", "result"}
    qtbot.mouseClick(kiosk.window.attract.start, Qt.MouseButton.LeftButton)
    while kiosk.flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.screen is Screen.QUESTION
    qtbot.mouseClick(kiosk.window.question.home, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.screen is Screen.ATTRACT


def test_the_warm_up_timer_builds_the_other_pages(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.waitUntil(lambda: set(kiosk.window.built_pages) == {"slide", "question", "result"}, timeout=5000)


def test_the_warm_up_turns_the_collector_back_on_and_freezes_start_up(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    """main.py starts with the collector off; the warm-up turns it on and freezes what start-up made."""
    gc.disable()
    try:
        kiosk = make_kiosk()
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=5000)  # the warm-up timer
        assert gc.get_freeze_count() > 1000
    finally:
        gc.enable()
        gc.unfreeze()
    assert set(kiosk.window.built_pages) == {"slide", "question", "result"}


def test_a_kiosk_started_with_the_collector_on_leaves_it_alone(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.waitUntil(lambda: set(kiosk.window.built_pages) == {"slide", "question", "result"}, timeout=5000)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_first_screen_loads_only_what_it_shows(tmp_path: Path) -> None:
    """A cached start of one lesson shows its attract screen without the modules of later screens or of TOML.

    Each of these once sat on the way to the first frame (issue 19's start-up target): the idle prompt, the
    recovery's calm page, the systemd watchdog, the Markdown parser, tomllib for lesson.toml, the pure-Python
    pickle module, dataclasses, the transition overlay, Qt Multimedia, the attract loop's clock and cross-fade, and
    Qt SVG (the first picture is drawn as the first start kept it, kiosk/ui/widgets/picture_store.py).
    """
    late = [
        "kiosk.ui.layers.idle_prompt", "kiosk.app.recovery", "kiosk.app.watchdog", "markdown", "tomllib", "pickle",
        "dataclasses", "kiosk.ui.widgets.transition", "PySide6.QtMultimedia", "kiosk.app.narration",
        "kiosk.ui.widgets.crossfade", "kiosk.app.attract_loop", "PySide6.QtSvg",
    ]  # fmt: skip
    loaded = first_screen(tmp_path, f"[name for name in {late!r} if name in sys.modules]")
    assert loaded == "[]", f"loaded before the first frame: {loaded}"


def test_no_record_made_at_start_up_has_string_annotations(tmp_path: Path) -> None:
    """The NamedTuples a start-up makes hold real types, not strings that typing compiles one field at a time
    (~2 ms over the ~200 fields): their modules do without `from __future__ import annotations`."""
    probe = (
        "sorted({f'{c.__module__}.{c.__qualname__}' for c in __import__('gc').get_objects() if isinstance(c, type)"
        " and issubclass(c, tuple) and c.__module__.startswith('kiosk') and any(isinstance(a, __import__('typing')"
        ".ForwardRef) for a in c.__dict__.get('__annotations__', {}).values())})"
    )
    assert first_screen(tmp_path, probe) == "[]"
