"""The printed handout: one language of a lesson laid out on A4 with Qt's own PDF writer.

Three slides a page (heading, text and picture side by side), then a page with the take-home points, the
QR code with its address written out (paper cannot be tapped) and the clinic's credit line. Pictures are
drawn by Qt's SVG renderer straight into the PDF, so they stay vectors; Qt embeds the subset of the
Japanese font the text uses, so the file prints the same on any printer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtSvg import QSvgRenderer

from kiosk.content.model import Slide, Translation
from kiosk.core.files import replace_file
from kiosk.core.qr import qr_matrix
from kiosk.ui.theme.palette import NORMAL
from kiosk.ui.widgets.raster import decode_photo, is_photo

SLIDES_PER_PAGE: Final = 3
DPI: Final = 300
MARGIN_MM: Final = 15
POINT: Final = DPI / 72  # device pixels per typographic point
LATIN_FAMILY: Final = "DejaVu Sans"


def _document(html: str, family: str, points: float, width: float, bold: bool = False) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    # Latin letters and digits from a Latin face: with the CJK face alone, Qt's PDF text layer loses some digits.
    font.setFamilies([LATIN_FAMILY, family])
    font.setPixelSize(round(points * POINT))
    font.setBold(bold)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(f"body {{ color: {NORMAL.ink}; }} strong {{ color: {NORMAL.teal_dark}; }}")
    document.setHtml(f"<body>{html}</body>")
    document.setTextWidth(width)
    return document


def _text(painter: QPainter, document: QTextDocument, x: float, y: float) -> float:
    """Draw a laid-out document at (x, y); returns its height."""
    painter.save()
    painter.translate(x, y)
    document.drawContents(painter)
    painter.restore()
    return document.size().height()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_handout(lesson: Translation, out: Path, family: str) -> int:
    """Write the handout PDF; returns its page count. Raises OSError when the file cannot be written.

    Qt writes into memory and the kiosk's checked write puts the bytes in place: Qt would open `out` itself and
    write through a link planted under its name (on a stick, to pin.json)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    deck = lesson.deck
    writer.setTitle(deck.title)
    writer.setCreator("clinic-kiosk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the handout to {out}")
    page = writer.pageLayout().paintRectPixels(DPI)
    width, height = float(page.width()), float(page.height())
    slides = deck.slides
    pages = (len(slides) + SLIDES_PER_PAGE - 1) // SLIDES_PER_PAGE + 1
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            top = 0.0
            if number == 0:
                top += _text(painter, _document(_escape(deck.title), family, 20, width, bold=True), 0, 0)
                if deck.subtitle:
                    top += _text(painter, _document(_escape(deck.subtitle), family, 12, width), 0, top + 10)
                top += 40
            footer = _document(f"{_escape(deck.title)}　{number + 1} / {pages}", family, 8, width)
            footer_height = footer.size().height()
            _text(painter, footer, 0, height - footer_height)
            area = QRectF(0, top, width, height - footer_height - 30 - top)
            if number < pages - 1:
                chunk = slides[number * SLIDES_PER_PAGE : (number + 1) * SLIDES_PER_PAGE]
                _slides_page(painter, lesson, chunk, area, family)
            else:
                _closing_page(painter, lesson, area, family)
    finally:
        painter.end()
    replace_file(out, bytes(buffer.data().data()), private=False)  # for staff to take away and print
    return pages


def _slides_page(painter: QPainter, lesson: Translation, chunk: tuple[Slide, ...], area: QRectF, family: str) -> None:
    block = area.height() / SLIDES_PER_PAGE
    picture_width = area.width() * 0.36
    gap = 40.0
    text_width = area.width() - picture_width - gap
    for index, slide in enumerate(chunk):
        y = area.top() + index * block
        if index:
            painter.setPen(QColor(NORMAL.sage))
            painter.drawLine(0, round(y - gap / 2), round(area.width()), round(y - gap / 2))
        picture = QRectF(0, y, picture_width, min(block - gap, picture_width * 0.75))
        if slide.image and slide.image in lesson.images and is_photo(lesson.images[slide.image]):
            photo = decode_photo(lesson.images[slide.image])
            if not photo.isNull():
                shown = photo.size().scaled(picture.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(picture.topLeft(), shown.toSizeF()), photo)
        elif slide.image and slide.image in lesson.images:
            renderer = QSvgRenderer(QByteArray(lesson.images[slide.image]))
            renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            renderer.render(painter, picture)
        x = picture_width + gap
        used = _text(painter, _document(_escape(slide.heading), family, 14, text_width, bold=True), x, y)
        _text(painter, _document(slide.body_html, family, 10.5, text_width), x, y + used + 16)


def _closing_page(painter: QPainter, lesson: Translation, area: QRectF, family: str) -> None:
    result = lesson.result
    points = "".join(f"<li>{_escape(point)}</li>" for point in result.takeaways)
    y = area.top()
    y += _text(painter, _document(_escape(result.heading), family, 16, area.width(), bold=True), 0, y) + 20
    y += _text(painter, _document(f"<ul>{points}</ul>", family, 12, area.width()), 0, y) + 80
    strings = lesson.strings
    y += _text(painter, _document(_escape(strings.ask_front_desk), family, 13, area.width(), bold=True), 0, y) + 80
    if lesson.deck.qr:
        size = 600.0
        _draw_qr(painter, qr_matrix(lesson.deck.qr), QRectF(0, y, size, size))
        words = f"{_escape(strings.qr_caption)}<br><br>{_escape(lesson.deck.qr)}"
        caption = _document(words, family, 10, area.width() - size - 60)
        _text(painter, caption, size + 60, y + (size - caption.size().height()) / 2)
        y += size + 80
    if lesson.deck.credit:  # the deck's `credit:` setting
        _text(painter, _document(_escape(lesson.deck.credit), family, 9, area.width()), 0, y)


def _draw_qr(painter: QPainter, matrix: tuple[tuple[bool, ...], ...], rect: QRectF) -> None:
    """Dark modules as filled squares (vectors), with the four-module quiet zone scanners need."""
    modules = len(matrix) + 8
    cell = rect.width() / modules
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawRect(rect)
    painter.setBrush(QColor("#000000"))
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            if dark:
                painter.drawRect(QRectF(rect.left() + (column + 4) * cell, rect.top() + (row + 4) * cell, cell, cell))
    painter.restore()


def handout_for(content: Path, lesson_id: str, language: str, out: Path) -> tuple[int, str]:
    """Load the lesson (validated) and write its handout; (pages, "") or (0, why it could not)."""
    from kiosk.content.loader import load_library
    from kiosk.ui.theme.fonts import japanese_family

    library, problems = load_library(content)
    if library is None:
        return 0, "\n".join(str(p) for p in problems)
    ids = list(library.lessons)
    found = library.lessons.get(lesson_id) if lesson_id else library.first
    if found is None:
        return 0, f"no lesson {lesson_id!r} in {content} (lessons: {', '.join(ids)})"
    if language not in found.translations:
        return 0, f"lesson {found.id!r} has no language {language!r} (it has {', '.join(found.languages)})"
    lesson = found.translations[language]
    return write_handout(lesson, out, japanese_family()), ""
