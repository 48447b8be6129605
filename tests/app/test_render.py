"""The render command draws every screen of the visit to numbered PNG files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.app.render import render_all
from kiosk.config.options import Options
from kiosk.content.loader import load_library
from tests.conftest import SHIPPED_CONTENT


def test_render_writes_every_screen_in_visit_order(qtbot, tmp_path: Path) -> None:
    """Attract and each further picture of its loop, each slide, each question before/after, one see-the-slide,
    the result; at the asked size."""
    library, _ = load_library(SHIPPED_CONTENT)
    lesson = library.first.translations["ja"]
    loop = len(library.first.attract)  # pictures after the cover
    written = render_all(Options(size=(1280, 800)), tmp_path)
    names = [path.name for path in written]
    assert len(names) == 1 + loop + len(lesson.deck.slides) + 2 * len(lesson.questions) + 1 + 1 + 6
    assert names == sorted(names)
    assert names[0] == "01-attract.png" and names[-7].endswith("-result.png")
    assert [name.split("-", 1)[1] for name in names[1 : 1 + loop]] == [f"attract-{n}.png" for n in range(2, loop + 2)]
    layers = ["idle-prompt.png", "staff-pin-pad.png", "staff-menu.png", "staff-statistics.png", "staff-remote.png"]
    assert [n.split("-", 1)[1] for n in names[-6:]] == [*layers, "attract-held.png"]
    image = QImage(str(written[1]))
    assert (image.width(), image.height()) == (1280, 800)


@pytest.mark.allow_warnings
def test_render_of_broken_content_draws_the_problems(qtbot, tmp_path: Path, caplog) -> None:
    """Content that fails validation renders one screen listing the problems, also written to the log."""
    (tmp_path / "content" / "ja").mkdir(parents=True)
    (tmp_path / "content" / "ja" / "deck.md").write_text("no heading\n", encoding="utf-8")
    written = render_all(Options(content=tmp_path / "content"), tmp_path / "out")
    assert [p.name for p in written] == ["01-content-problems.png"]
    logged = [r.getMessage() for r in caplog.records if r.name == "kiosk.app"]
    assert any("quiz.md:1: quiz.md not found; it holds the questions" in m for m in logged)
