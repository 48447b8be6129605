"""Every screen at every supported size meets DESIGN.md's numbers: text sizes, fit, targets, no overlap."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import Aids, settle, visit_screens
from kiosk.content.folders import find_lessons
from tests.conftest import SHIPPED_CONTENT
from tests.ui.layout_checks import layout_problems

SIZES = [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)]
LANGUAGES = [folder.name for lesson in find_lessons(SHIPPED_CONTENT)[0] for folder in lesson.languages]


@pytest.mark.parametrize("aids", [Aids(), Aids(large_text=True, high_contrast=True)], ids=["plain", "large"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_at_every_size(
    make_kiosk: Callable[..., Kiosk], size: tuple[int, int], language: str, aids: Aids
) -> None:
    """Walk the whole visit in each language, with and without large text, and check each screen's layout."""
    kiosk = make_kiosk(size=size, transitions=False, language=language)
    scale = min(size) / 1080
    problems: list[str] = []
    for screen in visit_screens(kiosk, aids):
        settle(QApplication)
        window = kiosk.window
        assert (window.width(), window.height()) == size
        layers = [layer for layer in window.layers if layer.isVisible()]  # idle prompt, PIN pad, staff screens
        shown = layers[-1] if layers else window.current_page
        problems += [f"{screen}: {p}" for p in layout_problems(shown, window, scale)]
    assert problems == []


def test_the_checks_catch_cut_text_small_targets_and_overlap(qtbot) -> None:
    """The layout checks themselves fail on cut-off text, a small button and overlapping widgets."""
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(800, 600)
    label = QLabel("長い文章です。" * 20, root)
    label.setWordWrap(True)
    label.setStyleSheet("font-size: 40px")
    label.setGeometry(0, 0, 300, 50)
    button = QPushButton("x", root)
    button.setGeometry(100, 20, 100, 40)
    narrow = QPushButton("a label far too long for its button", root)
    narrow.setGeometry(400, 300, 120, 120)
    root.show()
    found = "\n".join(layout_problems(root, root, 1.0))
    assert "cut off" in found and "40px tall" in found and "overlaps" in found
    assert "'a label far too long for its button': text needs" in found
