"""A slide's picture carries its caption as its accessible name (alt text); the caption itself is printed on the
handout, not drawn on the screen, where the slide's heading is the picture's title."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import settle
from kiosk.core.typeset import plain


def test_the_picture_is_named_by_its_caption(make_kiosk: Callable[..., Kiosk]) -> None:
    """Slide after slide the picture widget's accessible name is the slide's caption (plain, no break marks), and no
    label on the page shows the caption's words."""
    kiosk = make_kiosk(size=(1280, 800), transitions=False, language="ja")
    flow = kiosk.flow
    flow.start()
    page = kiosk.window.slide
    for index in range(3):
        settle(QApplication)
        slide = flow.lesson.deck.slides[index]
        assert slide.caption and page.illustration.accessibleName() == plain(slide.caption)
        shown = plain(page.heading.text() + page.body.text())
        assert plain(slide.caption) not in shown
        flow.next()
