"""The A4 handout: three slides a page and a closing page; headings in the text layer, fonts embedded, pages render."""

from __future__ import annotations

import math
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.handout import SLIDES_PER_PAGE, handout_for
from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.content.loader import load_library
from kiosk.core.typeset import plain
from tests.conftest import SHIPPED_CONTENT

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "pdffonts", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed (scripts/setup.sh --tests does)")


def searchable(text: str) -> str:
    """Text without spaces, as a PDF reader's search sees it.

    Noto Sans CJK draws 肉 and the Kangxi radical ⾁ (and ・ and ‧) with one glyph, and Qt's PDF writer names
    such a glyph by one of its code points; NFKC folds the radicals back, as search in PDF readers does.
    """
    text = plain(text)  # the content's phrase-break marks are never part of the words
    return "".join(unicodedata.normalize("NFKC", text).replace("\u2027", "\u30fb").split())


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout


@needs_poppler
@pytest.mark.parametrize("language", ["ja", "en"])
def test_handout_has_every_heading_and_renders(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    """Pages = slides/3 rounded up + 1; every slide heading and take-home point is text; fonts embedded; A4."""
    library, _ = load_library(SHIPPED_CONTENT)
    assert library is not None
    lesson = library.first.translations[language]
    out = tmp_path / "handout.pdf"
    pages, problem = handout_for(SHIPPED_CONTENT, "", language, out)
    assert problem == "" and pages == math.ceil(len(lesson.deck.slides) / SLIDES_PER_PAGE) + 1
    info = run("pdfinfo", str(out))
    assert f"Pages:          {pages}" in info.replace("Pages:           ", "Pages:          ") and "(A4)" in info
    text = searchable(run("pdftotext", "-layout", str(out), "-"))
    for heading in [slide.heading for slide in lesson.deck.slides] + list(lesson.result.takeaways):
        assert searchable(heading) in text, heading
    assert lesson.deck.qr in text  # the address written out in full, digits included
    fonts = run("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    run("pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "page"))
    assert len(list(tmp_path.glob("page-*.png"))) == pages


def test_an_unknown_lesson_or_language_is_refused_with_the_choices(qtbot: QtBot, tmp_path: Path) -> None:
    """A wrong --lesson or --lang names what there is, and writes nothing."""
    pages, problem = handout_for(SHIPPED_CONTENT, "sleep", "ja", tmp_path / "x.pdf")
    assert pages == 0 and "stretching" in problem
    pages, problem = handout_for(SHIPPED_CONTENT, "stretching", "fr", tmp_path / "x.pdf")
    assert pages == 0 and "ja" in problem and not (tmp_path / "x.pdf").exists()


def test_staff_menu_writes_the_handout_into_the_export_folder(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """The menu's handout button writes the visit language's PDF into the export folder and says where."""
    export = tmp_path / "usb"
    kiosk = make_kiosk(settings=Settings(stats_export_folder=str(export)))
    kiosk.staff.show_menu()
    qtbot.mouseClick(kiosk.staff.menu.buttons["handout"], Qt.MouseButton.LeftButton)
    written = list(export.glob("handout-ja-*.pdf"))
    assert len(written) == 1 and written[0].read_bytes().startswith(b"%PDF")
    assert str(written[0]) in kiosk.staff.menu.notes.text()


@pytest.mark.allow_warnings
def test_an_unwritable_export_folder_is_reported_on_the_menu(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """A file where the folder should be: the menu says the handout could not be written; the kiosk goes on."""
    blocker = tmp_path / "usb"
    blocker.write_text("not a folder")
    kiosk = make_kiosk(settings=Settings(stats_export_folder=str(blocker)))
    kiosk.staff.show_menu()
    qtbot.mouseClick(kiosk.staff.menu.buttons["handout"], Qt.MouseButton.LeftButton)
    failed = kiosk.strings.staff_handout_failed.split("{")[0]
    assert failed in kiosk.staff.menu.notes.text()
