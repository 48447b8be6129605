"""The printed handout: one language of a lesson laid out on A4 with Qt's own PDF writer.

The first page holds the lesson's core: the title, the clinic's name, address, phone and hours (settings), the
take-home points, the safety card (the slides marked `handout: front`), the QR code with its address written
out (paper cannot be tapped), the call to the front desk, the supervisor's credit and the recorded review.
The illustrated pages follow: each slide's picture with its caption under it (PEMAT-P 17), beside its heading
and text, as many a page as fit, balanced so that no page is left half blank; a slide marked `handout: no` (the
patient's story) stays on the screen only. Body text is 12 pt or more. Qt embeds the subset of the fonts the text
uses; the text layer is then put right (kiosk/app/pdf_unicode.py), so 筋肉 is found and copied as 筋肉.

The SVG pictures come already drawn, at 300 dpi of their printed size (`picture_sizes`), by the screen's drawer in
its worker threads and within its time budget (kiosk/app/handout_job.py): drawn here, on the UI thread, a slow
picture would freeze the kiosk while the PDF is written. One over the budget is the screen's calm placeholder.
They go in losslessly (flat colours: no JPEG smudge); the shipped lesson's PDF is about 1 MB.
The pages are painted a slide at a time (`paint_handout` yields between them), so the UI loop turns in between.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from kiosk.app.pdf_unicode import SUSPECTS, fix_to_unicode
from kiosk.content.model import Slide, Translation
from kiosk.content.phrases import phrases
from kiosk.core.files import replace_file
from kiosk.core.i18n import _
from kiosk.core.qr import qr_matrix
from kiosk.core.typeset import fill, line_texts, plain
from kiosk.ui.theme.palette import NORMAL
from kiosk.ui.widgets.illustration import paint_placeholder
from kiosk.ui.widgets.raster import decode_photo, is_photo

if TYPE_CHECKING:
    from kiosk.config.settings import Settings
    from kiosk.content.strings import UiStrings

DPI: Final = 300
MARGIN_MM: Final = 15
POINT: Final = DPI / 72  # device pixels per typographic point
MM: Final = DPI / 25.4  # device pixels per millimetre
LATIN_FAMILY: Final = "DejaVu Sans"
BODY_PT: Final = 12.0  # body text: at least 12 pt for older readers
HEADING_PT: Final = 14.0
PICTURE_SHARE: Final = 0.42  # a slide's picture takes this share of the page's width
LEAST_FILL: Final = 0.6  # a page of slides is filled at least this far when the slides allow it
CAPTION_GAP_MM: Final = 2.0  # between a picture and its caption under it


class Clinic(NamedTuple):
    """The clinic's own words for the first page (settings); empty ones are left out."""

    name: str = ""
    address: str = ""
    phone: str = ""
    hours: str = ""


NO_CLINIC: Final = Clinic()


def clinic_of(settings: Settings) -> Clinic:
    return Clinic(settings.clinic_name, settings.clinic_address, settings.clinic_phone, settings.clinic_hours)


def _font(family: str, points: float) -> QFont:
    font = QFont()
    # Latin letters and digits from a Latin face: with the CJK face alone, Qt's PDF text layer loses some digits.
    font.setFamilies([LATIN_FAMILY, family])
    font.setPixelSize(round(points * POINT))
    for tag in ("liga", "clig"):  # no ﬁ or ﬀ glyph: the text layer would say ﬁrst, and a search for "first" fail
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _document(html: str, family: str, points: float, width: float, bold: bool = False) -> QTextDocument:
    document = QTextDocument()
    font = _font(family, points)
    font.setBold(bold)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(
        f"body {{ color: {NORMAL.ink}; }} strong {{ color: {NORMAL.teal_dark}; }} li {{ margin-bottom: 6px; }}"
    )
    document.setHtml(f"<body>{html}</body>")
    document.setTextWidth(width)
    return document


def _escape(text: str) -> str:
    return plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _html(html: str) -> str:
    """A slide's text with the loader's phrase-break marks kept: Qt breaks its lines only between phrases, as the
    screen does (never 筋／肉), and draws no mark, so the text layer holds none (the title's metadata is plain)."""
    return html


class Block(NamedTuple):
    """Something to place on a page: its height, and how to draw it with its top at y."""

    height: float
    draw: Callable[[QPainter, float], None]


class Pages:
    """The writer's pages: blocks go down the current page; a block that does not fit starts the next page."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, top: float, bottom: float) -> None:
        self.writer, self.painter, self.top, self.bottom = writer, painter, top, bottom
        self.y, self.count = top, 1

    def add(self, block: Block, gap: float) -> None:
        if self.y > self.top and self.y + gap + block.height > self.bottom:
            self.new_page()
        elif self.y > self.top:
            self.y += gap
        block.draw(self.painter, self.y)
        self.y += block.height

    def new_page(self) -> None:
        self.writer.newPage()
        self.y, self.count = self.top, self.count + 1


Pictures = Mapping[str, QImage]  # an SVG picture's name: the picture drawn (a missing or null one: the placeholder)


def _page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def _picture_area(width: float) -> QSizeF:
    """Where a slide's picture goes on a page `width` device pixels wide (at 300 dpi: about 76 x 57 mm)."""
    picture_width = width * PICTURE_SHARE
    return QSizeF(picture_width, picture_width * 0.75)


def picture_sizes(lesson: Translation) -> dict[str, QSize]:
    """The SVG pictures the handout prints, each with its size in pixels at 300 dpi (its aspect kept).

    Only parsed here, for the aspect (parsing is bounded by the content checks); drawn by the worker threads."""
    area, sizes = _picture_area(_page_layout().paintRectPixels(DPI).width()), {}
    for slide in lesson.deck.slides:
        data = lesson.images.get(slide.image or "")
        if slide.handout != "yes" or data is None or is_photo(data) or slide.image in sizes:
            continue
        box = QSvgRenderer(QByteArray(data)).viewBoxF()
        shown = box.size().scaled(area, Qt.AspectRatioMode.KeepAspectRatio) if not box.isEmpty() else area
        sizes[slide.image or ""] = QSize(max(1, round(shown.width())), max(1, round(shown.height())))
    return sizes


def paint_handout(
    lesson: Translation, out: Path, family: str, clinic: Clinic, pictures: Pictures
) -> Generator[None, None, int]:
    """Write the handout PDF, yielding between slides; returns its page count. Raises OSError when the file cannot
    be written. `pictures`: the SVG pictures drawn (`picture_sizes`), kiosk/app/handout_job.py.

    Qt writes into memory and the kiosk's checked write puts the bytes in place: Qt would open `out` itself and
    write through a link planted under its name (on a stick, to pin.json)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(_page_layout())
    deck = lesson.deck
    writer.setTitle(plain(deck.title))
    writer.setCreator("clinic-kiosk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(_("cannot write the handout to {path}").format(path=out))
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)  # flate, not JPEG, for the pictures
    page = writer.pageLayout().paintRectPixels(DPI)
    width, height = float(page.width()), float(page.height())
    footer_height = _document("0", family, 10, width).size().height()
    pages = Pages(writer, painter, 0.0, height - footer_height - 8 * MM)
    try:
        for block in _first_page(lesson, family, width, clinic):
            pages.add(block, 4 * MM)
            yield
        yield from _slide_pages(pages, lesson, family, width, pictures)
    finally:
        painter.end()
    yield
    data, _changed = fix_to_unicode(bytes(buffer.data().data()), _look_alikes_used(lesson, family, clinic))
    replace_file(out, data, private=False)  # for staff to take away and print
    return pages.count


def _look_alikes_used(lesson: Translation, family: str, clinic: Clinic) -> dict[str, str]:
    """How to name every glyph by the character the handout holds (肉, not the radical ⾁ that shares its glyph)."""
    used = set(plain(" ".join([lesson.deck.title, lesson.deck.subtitle, lesson.deck.credit, lesson.deck.qr or ""])))
    used |= set(plain(" ".join(slide.heading + slide.body_text + slide.caption for slide in lesson.deck.slides)))
    used |= set(plain(" ".join([lesson.result.heading, *lesson.result.takeaways, lesson.result.safety])))
    used |= set(plain(" ".join(lesson.strings)))
    used |= set(" ".join(clinic))
    return look_alikes(family, used)


def look_alikes(family: str, used: set[str]) -> dict[str, str]:
    """Each suspect character (a radical, ‧) that the font draws with the glyph of a character in `used`."""
    font = QFont(family)
    font.setPixelSize(48)
    raw = QRawFont.fromFont(font)
    by_glyph: dict[int, str] = {}
    for char in sorted(used):
        glyphs = raw.glyphIndexesForString(char)
        if len(glyphs) == 1 and glyphs[0]:
            by_glyph.setdefault(glyphs[0], char)
    found: dict[str, str] = {}
    for code in SUSPECTS:
        char = chr(code)
        glyphs = raw.glyphIndexesForString(char)
        if char not in used and len(glyphs) == 1 and glyphs[0] in by_glyph:
            found[char] = by_glyph[glyphs[0]]
    return found


def _text_block(html: str, family: str, points: float, width: float, bold: bool = False, x: float = 0) -> Block:
    document = _document(html, family, points, width, bold)

    def draw(painter: QPainter, y: float) -> None:
        painter.save()
        painter.translate(x, y)
        document.drawContents(painter)
        painter.restore()

    return Block(document.size().height(), draw)


def _first_page(lesson: Translation, family: str, width: float, clinic: Clinic) -> list[Block]:
    deck, result, strings = lesson.deck, lesson.result, lesson.strings
    blocks = [_text_block(_escape(deck.title), family, 22, width, bold=True)]
    if deck.subtitle:
        blocks.append(_text_block(_escape(deck.subtitle), family, 13, width))
    points = "".join(f"<li>{_escape(point)}</li>" for point in result.takeaways)
    blocks.append(
        _stack([(_escape(result.heading), HEADING_PT, True), (f"<ul>{points}</ul>", BODY_PT, False)], family, width)
    )
    front = [slide for slide in deck.slides if slide.handout == "front"]
    if front:
        blocks.append(_safety_card(front, family, width))
    blocks.append(_closing(lesson, family, width, clinic))
    signed = [_escape(deck.credit)] if deck.credit else []  # the deck's `credit:` setting, on one line of its own
    if lesson.review.recorded:
        signed.append(_escape(strings.reviewed.format(reviewer=lesson.review.by, date=lesson.review.on)))
    if signed:
        blocks.append(_text_block("<br>".join(signed), family, BODY_PT, width))
    return blocks


def _stack(parts: list[tuple[str, float, bool]], family: str, width: float, x: float = 0) -> Block:
    """Texts one under the other (html, points, bold), a little apart, as one block."""
    blocks = [_text_block(html, family, points, width, bold, x) for html, points, bold in parts]
    gap = 2 * MM

    def draw(painter: QPainter, y: float) -> None:
        for block in blocks:
            block.draw(painter, y)
            y += block.height + gap

    return Block(sum(block.height for block in blocks) + gap * (len(blocks) - 1), draw)


def _safety_card(slides: list[Slide], family: str, width: float) -> Block:
    """The front slides in one framed card: each heading in bold, its text under it, a space between them."""
    pad = 4 * MM
    inner = width - 2 * pad
    parts = [
        _stack(
            [(_escape(slide.heading), HEADING_PT, True), (_html(slide.body_html), BODY_PT, False)], family, inner, pad
        )
        for slide in slides
    ]
    between = 4 * MM
    height = sum(part.height for part in parts) + between * (len(parts) - 1) + 2 * pad

    def draw(painter: QPainter, y: float) -> None:
        painter.save()
        painter.setPen(QPen(QColor(NORMAL.ink), 0.8 * POINT))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(QRectF(0, y, width, height), 3 * MM, 3 * MM)
        painter.restore()
        y += pad
        for part in parts:
            part.draw(painter, y)
            y += part.height + between

    return Block(height, draw)


def _contact(strings: UiStrings, clinic: Clinic) -> str:
    """The clinic's name in bold and its address, phone and hours, a line each ("" when settings give none)."""
    lines = [f"<b>{_escape(clinic.name)}</b>"] if clinic.name else []
    lines += [
        _escape(template.format(**{key: value}))
        for template, key, value in (
            (strings.contact_address, "address", clinic.address),
            (strings.contact_phone, "phone", clinic.phone),
            (strings.contact_hours, "hours", clinic.hours),
        )
        if value
    ]
    return "<br>".join(lines)


def _closing(lesson: Translation, family: str, width: float, clinic: Clinic) -> Block:
    """The QR code; beside it what it opens and the call to the desk; then the clinic's name, address, phone, hours."""
    deck, strings = lesson.deck, lesson.strings
    side = 36 * MM if deck.qr else 0.0
    gap = 6 * MM
    left = [(f"<b>{_escape(strings.ask_front_desk)}</b>", BODY_PT, False)]
    if deck.qr:
        left.append((f"{_escape(strings.qr_caption)}<br>{_escape(deck.qr)}", BODY_PT, False))
    right = [(contact, BODY_PT, False)] if (contact := _contact(strings, clinic)) else []
    x = side + gap if deck.qr else 0.0
    column = (width - x - gap) / 2
    first = _stack(left, family, column, x=x)
    second = _stack(right, family, column, x=x + column + gap) if right else Block(0.0, lambda painter, y: None)

    def draw(painter: QPainter, y: float) -> None:
        if deck.qr:
            _draw_qr(painter, qr_matrix(deck.qr), QRectF(0, y, side, side))
        first.draw(painter, y)
        second.draw(painter, y)

    return Block(max(side, first.height, second.height), draw)


def _slide_pages(
    pages: Pages, lesson: Translation, family: str, width: float, pictures: Pictures
) -> Generator[None, None, None]:
    """The illustrated slides, as many a page as fit, spread so that every page is filled about as far."""
    gap = 8 * MM
    blocks = []
    for slide in lesson.deck.slides:
        if slide.handout == "yes":
            blocks.append(_slide_block(lesson, slide, family, width, pictures))  # its text laid out: a step
            yield
    room = pages.bottom - pages.top
    for chunk in _balanced(blocks, room, gap):
        pages.new_page()
        _footer(pages, lesson, family, width)
        spare = room - sum(block.height for block in chunk) - gap * (len(chunk) - 1)
        extra = min(spare / max(1, len(chunk) - 1), 20 * MM) if len(chunk) > 1 else 0.0
        y = pages.top
        for index, block in enumerate(chunk):
            if index:
                line_y = y + (gap + extra) / 2
                pages.painter.setPen(QPen(QColor(NORMAL.sage), 0.6 * POINT))
                pages.painter.drawLine(0, round(line_y), round(width), round(line_y))
                y += gap + extra
            block.draw(pages.painter, y)
            y += block.height
            yield


def _footer(pages: Pages, lesson: Translation, family: str, width: float) -> None:
    footer = _text_block(_escape(lesson.deck.title), family, 10, width)
    footer.draw(pages.painter, pages.bottom + 8 * MM)


def _balanced(blocks: list[Block], room: float, gap: float) -> list[list[Block]]:
    """Blocks in order, page by page: as few pages as fit, then slides moved on so no page is far emptier."""
    chunks: list[list[Block]] = [[]]
    for block in blocks:
        if chunks[-1] and _used(chunks[-1] + [block], gap) > room:
            chunks.append([])
        chunks[-1].append(block)
    for _round in range(len(blocks)):  # move a page's last slide on while the next page is the emptier
        moved = False
        for index in range(len(chunks) - 1, 0, -1):
            before, after = chunks[index - 1], chunks[index]
            if len(before) > 1 and _used(after, gap) < LEAST_FILL * room:
                candidate = [before[-1], *after]
                if _used(candidate, gap) <= room and _used(candidate, gap) <= _used(before, gap):
                    chunks[index - 1], chunks[index] = before[:-1], candidate
                    moved = True
        if not moved:
            break
    return [chunk for chunk in chunks if chunk]


def _used(chunk: list[Block], gap: float) -> float:
    return sum(block.height for block in chunk) + gap * max(0, len(chunk) - 1)


def _slide_block(lesson: Translation, slide: Slide, family: str, width: float, pictures: Pictures) -> Block:
    picture_box = _picture_area(width)  # the size `picture_sizes` has the pictures drawn at
    picture_width = picture_box.width()
    gap = 8 * MM
    text_width = width - picture_width - gap
    heading = _text_block(_escape(slide.heading), family, HEADING_PT, text_width, bold=True, x=picture_width + gap)
    body = _text_block(_html(slide.body_html), family, BODY_PT, text_width, x=picture_width + gap)
    picture_height = picture_box.height() if slide.image and slide.image in lesson.images else 0.0
    caption = (  # PEMAT-P 17: what the picture shows, under it
        _text_block(_phrase_lines(slide.caption, family, BODY_PT, picture_width), family, BODY_PT, picture_width)
        if picture_height and slide.caption
        else Block(0.0, lambda painter, y: None)
    )
    below = CAPTION_GAP_MM * MM if caption.height else 0.0
    text_height = heading.height + 3 * MM + body.height

    def draw(painter: QPainter, y: float) -> None:
        if picture_height:
            data, area = lesson.images[slide.image or ""], QRectF(0, y, picture_width, picture_height)
            if is_photo(data):  # a clinic's photo: decoded once, upright, scaled into the picture's place
                photo = decode_photo(data)
                if not photo.isNull():
                    shown = photo.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
                    painter.drawImage(QRectF(area.topLeft(), shown.toSizeF()), photo)
            else:
                _draw_picture(painter, pictures.get(slide.image or ""), area)
            caption.draw(painter, y + picture_height + below)
        heading.draw(painter, y)
        body.draw(painter, y + heading.height + 3 * MM)

    return Block(max(picture_height + below + caption.height, text_height), draw)


def _draw_picture(painter: QPainter, drawn: QImage | None, area: QRectF) -> None:
    """A picture drawn by the workers, centred in its place on white (no soft mask to carry); the placeholder for one
    too slow to draw (or that could not be drawn)."""
    if drawn is None or drawn.isNull():
        paint_placeholder(painter, area)
        return
    opaque = QImage(drawn.size(), QImage.Format.Format_RGB32)
    opaque.fill(QColor("#FFFFFF"))
    onto = QPainter(opaque)
    onto.drawImage(0, 0, drawn)
    onto.end()
    width, height = float(drawn.width()), float(drawn.height())
    left, top = area.left() + (area.width() - width) / 2, area.top() + (area.height() - height) / 2
    painter.drawImage(QRectF(left, top, width, height), opaque)


def _phrase_lines(text: str, family: str, points: float, width: float) -> str:
    """The text as HTML lines of even length broken only between phrases (BudouX, dictionary words kept whole, as on
    the screen): Qt's own line breaker would split a Japanese word anywhere (筋／肉) in a narrow column."""
    metrics = QFontMetricsF(_font(family, points))
    lines: list[str] = []
    sentences = [sentence for sentence in _SENTENCE.split(plain(text).strip()) if sentence.strip()]
    for sentence in sentences:  # each sentence on a line of its own (左：…。/ 右：…)
        parts = phrases(sentence)
        widths = [metrics.horizontalAdvance(part) for part in parts]
        spaces = [
            whole - metrics.horizontalAdvance(part.rstrip(" ")) for part, whole in zip(parts, widths, strict=True)
        ]
        starts = fill(parts, widths, spaces, width * 0.97, balance=True)  # a little to spare: Qt must not break again
        lines += line_texts(parts, starts)
    return "<br>".join(_escape(line.strip()) for line in lines)


_SENTENCE = re.compile(r"(?<=[。！？])|(?<=[.!?]) +(?=[A-Z])")


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
