"""The A4 handout: a first page with the core and the clinic's contact, then the slides; a true text layer, 12 pt body,
no half-blank page, fonts embedded, pages render."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app.handout import Clinic, look_alikes
from kiosk.app.handout_job import handout_for
from kiosk.app.kiosk import Kiosk
from kiosk.app.pdf_unicode import fix_to_unicode
from kiosk.config.settings import Settings
from kiosk.content.loader import load_library
from kiosk.content.words import line_starts
from kiosk.core.typeset import plain
from kiosk.ui.theme.fonts import japanese_family
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


CLINIC = Clinic("さくら鍼灸整骨院", "東京都千代田区1-2-3", "03-0000-0000", "月〜金 9:00〜19:00")


def _handout(tmp_path: Path, language: str, clinic: Clinic = CLINIC) -> tuple[Path, int]:
    out = tmp_path / f"handout-{language}.pdf"
    pages, problem = handout_for(SHIPPED_CONTENT, "", language, out, clinic)
    assert problem == ""
    return out, pages


@needs_poppler
@pytest.mark.parametrize("language", ["ja", "en"])
def test_handout_has_every_heading_and_renders(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    """Every slide heading the handout carries and every take-home point is text; the story is not; fonts embedded;
    A4; pages as pdfinfo counts them."""
    library, _ = load_library(SHIPPED_CONTENT)
    assert library is not None
    lesson = library.first.translations[language]
    out, pages = _handout(tmp_path, language)
    info = run("pdfinfo", str(out))
    assert f"Pages:          {pages}" in info.replace("Pages:           ", "Pages:          ") and "(A4)" in info
    text = searchable(run("pdftotext", "-layout", str(out), "-"))
    shown = [slide for slide in lesson.deck.slides if slide.handout != "no"]
    for heading in [slide.heading for slide in shown] + list(lesson.result.takeaways):
        assert searchable(heading) in text, heading
    case = next(slide for slide in lesson.deck.slides if slide.id == "case")
    assert searchable(case.heading) not in text and "Google" + "マップの口コミ" not in text  # the story stays on screen
    assert lesson.deck.qr in text  # the address written out in full, digits included
    fonts = run("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    run("pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "page"))
    assert len(list(tmp_path.glob("page-*.png"))) == pages


@needs_poppler
def test_the_text_layer_says_the_characters_drawn(qtbot: QtBot, tmp_path: Path) -> None:
    """筋肉 is found as written: no Kangxi or CJK radical, no word joiner in the title, every heading plain."""
    out, _ = _handout(tmp_path, "ja")
    raw = run("pdftotext", str(out), "-")  # no NFKC folding here: the characters as a reader copies them
    assert "筋肉" in raw and "方" in raw and "長" in raw
    assert not [char for char in raw if 0x2E80 <= ord(char) <= 0x2FDF], "radicals in the text layer"
    title = next(line for line in run("pdfinfo", str(out)).splitlines() if line.startswith("Title:"))
    assert "\u2060" not in title and "ストレッチが逆効果になるとき" in title
    squeezed = "".join(raw.split())
    library, _ = load_library(SHIPPED_CONTENT)
    assert library is not None
    for slide in library.first.translations["ja"].deck.slides:
        if slide.handout != "no":
            assert "".join(plain(slide.heading).split()) in squeezed, slide.heading


@needs_poppler
def test_english_words_are_found_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    """No ligature in the text layer (ﬁ, ﬀ): "first" and "differ" are found and copied as typed."""
    out, _ = _handout(tmp_path, "en")
    raw = run("pdftotext", str(out), "-")
    assert not [char for char in raw if 0xFB00 <= ord(char) <= 0xFB06], "ligatures in the text layer"
    assert "first" in raw and "differ" in raw


@needs_poppler
def test_the_first_page_holds_the_core_and_the_clinics_contact(qtbot: QtBot, tmp_path: Path) -> None:
    """Page 1: the key points, the safety card (119 now, a doctor today, stay safe), the QR's address, the clinic's
    name, address, phone and hours from settings, and the supervisor's credit."""
    out, _ = _handout(tmp_path, "ja")
    first = "".join(run("pdftotext", "-f", "1", "-l", "1", str(out), "-").split())
    for words in (
        "今日のポイント",
        "夜中でも、すぐに119番へ",
        "今日のうちに医師へ",
        "無理をしないために",
        "診断ではありません",
        "share.google",
        "監修：鍼灸学士・柔道整復師桂寛章",
        *("".join(v.split()) for v in CLINIC),
    ):
        assert words in first, words  # fmt: skip
    second = run("pdftotext", "-f", "2", "-l", "2", str(out), "-")
    assert "さくら鍼灸整骨院" not in second and "119番へ" not in second


@needs_poppler
def test_the_review_is_printed_once_recorded(qtbot: QtBot, tmp_path: Path, shipped_copy: Path) -> None:
    """With reviewed_by and reviewed_on in lesson.toml the first page says who reviewed it and when."""
    toml = shipped_copy / "lesson.toml"
    toml.write_text(toml.read_text("utf-8") + 'reviewed_by = "Test Reviewer"\nreviewed_on = 2026-04-01\n', "utf-8")
    out = tmp_path / "h.pdf"
    pages, problem = handout_for(shipped_copy.parent, "", "en", out, CLINIC)
    assert problem == "" and pages > 1
    first = run("pdftotext", "-f", "1", "-l", "1", str(out), "-")
    assert "Reviewed by Test Reviewer on 2026-04-01" in " ".join(first.split())


@needs_poppler
@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_picture_has_its_caption_under_it(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    """PEMAT-P 17: the picture column of the slide pages (left of the text, whose pictures hold no words) holds each
    handout slide's caption, in slide order, and nothing else; each caption is found whole in the text layer."""
    library, _ = load_library(SHIPPED_CONTENT)
    assert library is not None
    slides = [s for s in library.first.translations[language].deck.slides if s.handout == "yes" and s.image]
    assert slides and all(slide.caption for slide in slides)
    out, _ = _handout(tmp_path, language)
    margin, picture = 15 / 25.4 * 72, 0.42 * (210 - 2 * 15) / 25.4 * 72  # points: the page margin, the picture
    crop = ("-x", "0", "-y", "0", "-W", str(round(margin + picture + 4)), "-H", "775")  # above the footer (the title)
    column = run("pdftotext", "-r", "72", "-f", "2", *crop, str(out), "-")
    assert searchable(column) == "".join(searchable(slide.caption) for slide in slides)
    text = searchable(run("pdftotext", str(out), "-"))
    for slide in slides:
        assert searchable(slide.caption) in text, slide.caption


@needs_poppler
def test_japanese_lines_never_break_inside_a_word(qtbot: QtBot, tmp_path: Path) -> None:
    """On the slide pages no line of a text or a caption starts inside a word the dictionary knows (筋／肉,
    思いうかべ／る): the handout breaks between phrases as the screen does, and its text layer holds no break mark."""
    out, _ = _handout(tmp_path, "ja")
    raw = run("pdftotext", "-f", "2", str(out), "-")
    assert not [char for char in raw if char in "\u200b\u2060\ufeff"], "a break mark in the text layer"
    split: list[str] = []
    for block in raw.split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        text = "".join(lines)
        allowed, offset, longest = line_starts(text), 0, max((len(line) for line in lines), default=0)
        for line in lines[:-1]:  # a full line was wrapped; a short one ended (a heading, a list item)
            offset += len(line)
            if offset not in allowed and len(line) >= 0.8 * longest:
                split.append(f"{line[-6:]}／{text[offset : offset + 4]}")
    assert split == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_body_text_is_12_points_or_more(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    """Every text run is set at 12 pt or more but the footer's (10 pt): read from the page streams' `Tf` sizes,
    in device pixels at 300 dpi, the page's own scale (72/300) applied."""
    out, _ = _handout(tmp_path, language)
    data = out.read_bytes()
    sizes: set[float] = set()
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            stream = zlib.decompress(data[match.end() : data.find(b"endstream", match.end())])
        except zlib.error:
            continue  # not a compressed page stream
        sizes |= {round(float(size) * 72 / 300, 1) for size in re.findall(rb"/F\d+ ([\d.]+) Tf", stream)}
    footer = {size for size in sizes if size < 10.5}  # 10 pt, as whole device pixels: 42 px, 10.1 pt
    assert len(footer) == 1 and min(sizes - footer) >= 11.95, sorted(sizes)


def _ink_bottom(pgm: bytes) -> float:
    """The lowest row with ink (darker than light grey), as a share of the page height, from a binary PGM."""
    magic, width, height, _, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5"
    columns, rows = int(width), int(height)
    for row in range(rows - 1, -1, -1):
        if min(pixels[row * columns : (row + 1) * columns]) < 200:
            return (row + 1) / rows
    return 0.0


@needs_poppler
@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_page_is_left_half_blank(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    """Drawn without its footer (the bottom 25 mm), each page is inked down to at least 80 % of its height."""
    out, pages = _handout(tmp_path, language)
    assert 4 <= pages <= 6  # the first page and the slides three or four a page (it was 7 half-blank pages)
    for page in range(1, pages + 1):
        pgm = subprocess.run(
            [
                "pdftoppm",
                "-r",
                "20",
                "-gray",
                "-f",
                str(page),
                "-l",
                str(page),
                "-y",
                "0",
                "-H",
                "214",
                "-W",
                "170",
                str(out),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        ).stdout  # fmt: skip  (A4 at 20 dpi is 165 x 233 px; 214 px stops above the footer's 25 mm)
        assert _ink_bottom(pgm) >= 0.8, (page, _ink_bottom(pgm))


def test_look_alikes_are_put_back_in_place(qtbot: QtBot) -> None:
    """A ToUnicode entry naming the Kangxi radical ⾁ (U+2F81) becomes 肉 when the text holds 肉, four hex digits
    for four (no offset moves); a glyph code that happens to read 2F81 is never touched."""
    cmap = (
        b"1 0 obj\n<< /Length 99 >>\nstream\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        b"2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<2F81> <7B4B> <2F45>]\nendbfrange\n"
        b"1 beginbfchar\n<2F81> <2F81>\nendbfchar\nendcmap\nendstream\nendobj\n"
    )
    data = b"%PDF-1.4\n2 0 obj << /ToUnicode 1 0 R >> endobj\n" + cmap
    fixed, changed = fix_to_unicode(data, {"\u2f81": "肉"})
    assert changed == 2 and len(fixed) == len(data)
    assert b"[<8089> <7B4B> <2F45>]" in fixed and b"<2F81> <8089>" in fixed
    family = japanese_family()
    assert look_alikes(family, set("筋肉")) == {"\u2f81": "肉"}  # the font draws both with one glyph


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
    qtbot.waitUntil(lambda: "handout-ja-" in kiosk.staff.menu.notes.text(), timeout=20_000)  # written off the click
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
    qtbot.waitUntil(lambda: failed in kiosk.staff.menu.notes.text(), timeout=20_000)
