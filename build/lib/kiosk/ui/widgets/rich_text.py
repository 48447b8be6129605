"""The slide body: sanitised HTML in a document of its own, line height from its own font, no orphans.

Qt's text layout keeps phrases whole (a WORD JOINER inside a phrase, a ZERO WIDTH SPACE between them,
written by kiosk.content.phrases). Orphans are fixed after layout: a sentence whose last line would hold
one or two characters gets the break before that line glued (ZERO WIDTH SPACE to WORD JOINER), unless
the glued text no longer fits a line whole. The line height is computed from the label's own polished
font at layout time, so a page built before its style sheet reached it renders like every other.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from html import escape, unescape

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QStyleOption, QWidget

from kiosk.core.typeset import NBSP, WJ, ZWSP, is_orphan, plain
from kiosk.ui.theme.palette import NORMAL, Palette
from kiosk.ui.theme.styles import LINE_HEIGHT_EM

# The one bullet of every list a patient reads (slide bodies, the result's take-home points): Qt's filled disc, ●.
BULLET = "disc"
_BREAKS = re.compile(r"<br\s*/?>|</p>|</li>|\n")
_TAGS = re.compile(r"<[^>]*>")
LINE_SEPARATOR = "\u2028"  # what a <br> becomes inside a block
_GLUE = {ZWSP: WJ, " ": NBSP}


def line_height_percent(font_px: int, natural_line_px: float) -> int:
    """Qt's proportional line height is relative to the font's own line spacing, not its size."""
    return max(100, round(LINE_HEIGHT_EM * font_px / natural_line_px * 100))


def styled_html(body_html: str, spacing_px: int, line_percent: int = 110, p: Palette = NORMAL) -> str:
    """Add the line height and paragraph spacing Qt's rich text needs as inline styles."""
    block = f'style="line-height:{line_percent}%; margin-top:0; margin-bottom:{spacing_px}px"'
    listed = f'style="list-style-type:{BULLET}; margin-top:0; margin-bottom:{spacing_px}px; margin-left:0"'
    item = f'style="line-height:{line_percent}%; margin-bottom:{spacing_px // 3}px"'
    return (
        body_html.replace("<p>", f"<p {block}>")
        .replace("<li>", f"<li {item}>")
        .replace("<ul>", f"<ul {listed}>")
        .replace("<strong>", f'<strong style="color:{p.teal_dark}">')
    )


def bullet_list(items: Iterable[str]) -> str:
    """Plain texts (with break marks) as the HTML list a RichTextLabel draws with the slides' bullet."""
    return "<ul>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ul>"


def block_lines(block: QTextBlock) -> list[list[str]]:
    """A laid-out block's lines, grouped by hard line (a <br> ends one)."""
    text, layout = block.text(), block.layout()
    groups: list[list[str]] = [[]]
    for index in range(layout.lineCount()):
        line = layout.lineAt(index)
        part = text[line.textStart() : line.textStart() + line.textLength()]
        groups[-1].append(plain(part.rstrip(LINE_SEPARATOR)).rstrip())
        if part.endswith(LINE_SEPARATOR):
            groups.append([])
    return [group for group in groups if group]


class RichTextLabel(QLabel):
    """Draws one slide body (set_body); text() is its plain text, for checks and messages."""

    def __init__(self, role: str = "body", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(role)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._document = QTextDocument(self)
        self._document.setDocumentMargin(0)
        self._source = ("", 0, NORMAL)
        self._built_for: tuple[object, ...] | None = None  # what the document holds: inputs, font, width
        self._heights: dict[tuple[object, ...], int] = {}

    def set_body(self, body_html: str, spacing_px: int, palette: Palette = NORMAL) -> None:
        """Show sanitised HTML (with break marks) with this paragraph spacing and emphasis colour."""
        if self._source == (body_html, spacing_px, palette):
            return
        self._source = (body_html, spacing_px, palette)
        self.setText(self._plain_text(body_html))
        self.updateGeometry()
        self.update()

    @staticmethod
    def _plain_text(body_html: str) -> str:
        """The words of the body, one line per paragraph, line or item (no document built for it)."""
        text = _BREAKS.sub("\n", body_html)
        lines = (" ".join(unescape(_TAGS.sub("", line)).split()) for line in text.split("\n"))
        return plain("\n".join(line for line in lines if line))

    def document_for(self, width: int) -> QTextDocument:
        """The document laid out at this content width, orphans fixed (rebuilt only when something changed)."""
        self.ensurePolished()
        font = self.font()
        key = (self._source, font.key(), int(self.alignment()), width)
        if self._built_for == key:
            return self._document
        document = self._document
        if self._built_for is None or self._built_for[:3] != key[:3] or self._glued:
            metrics = QFontMetricsF(font)
            percent = line_height_percent(font.pixelSize(), metrics.lineSpacing())
            body, spacing, palette = self._source
            document.setDefaultFont(font)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # an overlong phrase never overflows
            option.setAlignment(self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask)
            document.setDefaultTextOption(option)
            document.setHtml(styled_html(body, spacing, percent, palette))
        document.setTextWidth(width)
        document.documentLayout().documentSize()  # lay out now: the orphan pass reads the lines
        self._glued = self._fix_orphans(document)
        self._built_for = key
        return document

    _glued = False

    def _fix_orphans(self, document: QTextDocument) -> bool:
        """Glue the break before each orphan last line of a sentence, while the text still fits whole."""
        glued = False
        block = document.begin()
        while block.isValid():
            for _ in range(4):  # pull at most a few phrases down
                position = self._orphan_break(block)
                if position is None:
                    break
                cursor = QTextCursor(document)
                cursor.setPosition(block.position() + position - 1)
                cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
                old = cursor.selectedText()
                cursor.insertText(_GLUE[old])
                document.documentLayout().documentSize()  # lay the block out again now
                if not self._breaks_clean(block):
                    cursor.setPosition(block.position() + position - 1)
                    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
                    cursor.insertText(old)
                    document.documentLayout().documentSize()
                    break
                glued = True
            block = block.next()
        return glued

    @staticmethod
    def _orphan_break(block: QTextBlock) -> int | None:
        """Where the line that is an orphan starts (a break that can be glued), or None."""
        text, layout = block.text(), block.layout()
        in_group = 0
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            start, end = line.textStart(), line.textStart() + line.textLength()
            in_group += 1
            if end >= len(text) or text[end - 1] == LINE_SEPARATOR:
                if in_group >= 2 and is_orphan(text[start:end].rstrip(LINE_SEPARATOR), in_group):
                    return start if start and text[start - 1] in _GLUE else None
                in_group = 0
        return None

    @staticmethod
    def _breaks_clean(block: QTextBlock) -> bool:
        """Every line starts after a break mark, a space or a hard break (no phrase cut to make it fit)."""
        text, layout = block.text(), block.layout()
        for index in range(1, layout.lineCount()):
            start = layout.lineAt(index).textStart()
            if text[start - 1] not in (ZWSP, " ", LINE_SEPARATOR):
                return False
        return True

    def lines(self, width: int | None = None) -> list[list[str]]:
        """The laid-out lines, per hard line (a paragraph, a list item, a line ended by <br>)."""
        document = self.document_for(self._content_width(self.width()) if width is None else width)
        result: list[list[str]] = []
        block = document.begin()
        while block.isValid():
            result += block_lines(block)
            block = block.next()
        return result

    def _content_width(self, width: int) -> int:
        margins = self.contentsMargins()
        return max(1, width - margins.left() - margins.right())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        content = self._content_width(width)
        key = (self._source, self.font().key(), int(self.alignment()), content)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 16:
                self._heights.clear()
            margins = self.contentsMargins()
            size = self.document_for(content).size()
            height = self._heights[key] = math.ceil(size.height()) + margins.top() + margins.bottom()
        return height

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        width = math.ceil(QFontMetricsF(self.font()).averageCharWidth() * 80)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, math.ceil(QFontMetricsF(self.font()).lineSpacing()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        rect = self.contentsRect()
        document = self.document_for(rect.width())
        option = QStyleOption()
        option.initFrom(self)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(option.palette)
        palette.setColor(QPalette.ColorRole.Text, option.palette.color(self.foregroundRole()))
        context.palette = palette
        height = document.size().height()
        top = float(rect.top())
        if self.alignment() & Qt.AlignmentFlag.AlignVCenter:
            top += (rect.height() - height) / 2
        elif self.alignment() & Qt.AlignmentFlag.AlignBottom:
            top += rect.height() - height
        painter = QPainter(self)
        painter.translate(rect.left(), top)
        document.documentLayout().draw(painter, context)
        painter.end()
