"""`kiosk render --check`: lay out every screen as render does and read each text's own lines.

Problems are found from the widgets, not from pixels: the lines a label laid out (PhraseLabel,
RichTextLabel; a plain QLabel is laid out again with QTextLayout as Qt does), checked against the
phrases BudouX finds in the same text (segmented here afresh, off any touch path), against the words a
dictionary analyser finds in it (kiosk.content.words: a rule that shares nothing with the line breaker, so
it sees BudouX's own mistakes), and the geometry of every visible text, button and picture.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextDocument, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.app.kiosk import Kiosk
from kiosk.app.render import Aids, laid_out_screens, render_kiosk
from kiosk.config.options import Options
from kiosk.content.phrases import break_points
from kiosk.content.words import line_starts
from kiosk.core.i18n import N_, _
from kiosk.core.typeset import NO_LINE_END, NO_LINE_START, is_orphan, plain
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.qr_view import QrView
from kiosk.ui.widgets.rich_text import LINE_SEPARATOR, block_lines

BREAK_INSIDE = N_("break inside a phrase")
BREAK_IN_WORD = N_("break inside a dictionary word")
BAD_START = N_("forbidden line start")
BAD_END = N_("line ends with an opening bracket")
ORPHAN = N_("orphan")
NO_PICTURE = N_("screen without its picture")
LONELY = N_("last sentence or list item alone on a screen")
CUT = N_("text cut")
OVERLAP = N_("overlapping")
OUTSIDE = N_("control outside the screen")
NO_CONTENT = N_("content does not load (run kiosk validate)")
_TAGS = re.compile(r"<[^>]*>")
KINDS = (NO_CONTENT, BREAK_INSIDE, BREAK_IN_WORD, BAD_START, BAD_END, ORPHAN, NO_PICTURE, LONELY, CUT, OVERLAP, OUTSIDE)


class Problem(NamedTuple):
    screen: str
    text: str
    kind: str

    def __str__(self) -> str:
        return f'{self.screen}: "{self.text}": {_(self.kind)}'


def label_lines(label: QLabel) -> list[tuple[list[str], str]]:
    """A label's laid-out lines with the text of each hard line: its own lines when it has them, else laid
    out again as Qt lays out a QLabel (for a label some page makes by hand)."""
    own = getattr(label, "lines", None)
    if callable(own):
        groups: list[list[str]] = own()
        texts = plain(label.text()).split("\n")
        if not label.wordWrap():
            texts = [" ".join(text.split()) for text in texts]
        if len(texts) != len(groups):
            texts = [text for text in texts if text.strip()]
        return list(zip(groups, texts, strict=False))
    width = label.contentsRect().width()
    if label.textFormat() == Qt.TextFormat.RichText or "<" in label.text():
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setHtml(label.text())
        document.setTextWidth(width)
        document.documentLayout().documentSize()
        found: list[tuple[list[str], str]] = []
        block = document.begin()
        while block.isValid():
            texts = [plain(text).strip() for text in block.text().split(LINE_SEPARATOR) if text.strip()]
            found += list(zip(block_lines(block), texts, strict=False))
            block = block.next()
        return found
    result: list[tuple[list[str], str]] = []
    for hard_line in label.text().split("\n"):
        layout = QTextLayout(hard_line, label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap if label.wordWrap() else QTextOption.WrapMode.NoWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        lines: list[str] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(plain(hard_line[line.textStart() : line.textStart() + line.textLength()]).rstrip())
        layout.endLayout()
        result.append((lines, plain(hard_line)))
    return result


def line_problems(lines: list[str], text: str) -> Iterator[str]:
    """What is wrong with the lines of one hard line (a sentence, a paragraph, a list item) of this text."""
    points = break_points(text)
    words = line_starts(text) if len(lines) > 1 else set()
    offset = 0
    for number, line in enumerate(lines):
        found = text.find(line, offset) if line else offset
        offset = found if found >= 0 else offset
        if number and offset not in points:
            yield BAD_START if line[:1] in NO_LINE_START else BREAK_INSIDE
        if number and offset not in words and line[:1] not in NO_LINE_START:
            yield BREAK_IN_WORD
        if number < len(lines) - 1 and line.rstrip()[-1:] in NO_LINE_END:
            yield BAD_END
        offset += len(line)
    if len(lines) >= 2 and is_orphan(lines[-1], len(lines)):
        yield ORPHAN


def _visible(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())


def _clipped(widget: QWidget, root: QWidget) -> bool:
    """Whether an ancestor cuts the widget off (a button wider than its bar is drawn cut at the bar's edge)."""
    rect = _rect(widget, root)
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if not _rect(parent, root).contains(rect):
            return True
        parent = parent.parentWidget()
    return not root.rect().contains(rect)


def screen_problems(screen: str, shown: list[QWidget], root: QWidget) -> list[Problem]:
    """Every problem of the widgets shown on one screen."""
    problems: list[Problem] = []
    labels = [w for page in shown for w in page.findChildren(QLabel) if _visible(w, root) and w.text()]
    buttons = [w for page in shown for w in page.findChildren(QAbstractButton) if _visible(w, root)]
    drawn = (Illustration, QrView)
    pictures = [w for page in shown for w in page.findChildren(QWidget) if isinstance(w, drawn) and _visible(w, root)]
    for label in labels:
        name = " ".join(plain(label.text()).split())[:40]
        for hard_line, text in label_lines(label):
            problems += [Problem(screen, text[:40] or name, kind) for kind in line_problems(hard_line, text)]
        needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        if needed > label.height() + 1 or (not label.wordWrap() and label.sizeHint().width() > label.width() + 1):
            problems.append(Problem(screen, name, CUT))
    for button in buttons:
        name = plain(button.text()) or button.objectName()
        if button.text() and button.sizeHint().width() > button.width() + 1:
            problems.append(Problem(screen, name, CUT))
    for widget in labels + buttons + pictures:
        if _clipped(widget, root):
            text = plain(widget.text()) if isinstance(widget, QLabel | QAbstractButton) else widget.objectName()
            problems.append(Problem(screen, text[:40] or type(widget).__name__, OUTSIDE))
    leaves = [w for w in labels + buttons + pictures if not any(b is not w and b.isAncestorOf(w) for b in buttons)]
    for index, first in enumerate(leaves):
        for second in leaves[index + 1 :]:
            if _rect(first, root).intersects(_rect(second, root)):
                problems.append(Problem(screen, f"{_describe(first)} / {_describe(second)}", OVERLAP))
    return problems


def screen_lines(screen: str, shown: list[QWidget], root: QWidget) -> list[dict[str, object]]:
    """Every laid-out line of every visible text on one screen, as `render --lines` prints them: the widget's
    role (its objectName) with its number among the screen's widgets of that role, and which hard line."""
    records: list[dict[str, object]] = []
    seen: Counter[str] = Counter()
    for label in (w for page in shown for w in page.findChildren(QLabel) if _visible(w, root) and w.text()):
        role = label.objectName() or type(label).__name__
        seen[role] += 1
        for hard, (lines, _text) in enumerate(label_lines(label)):
            records += [
                {"screen": screen, "widget": role, "widget_number": seen[role], "hard_line": hard, "line": line}
                for line in lines
            ]
    return records


def lines_all(options: Options, aids: Aids = Aids()) -> list[dict[str, object]]:  # noqa: B008 (a frozen value)
    """Every laid-out line of every screen, laid out exactly as `render` lays it out, with the size, the text
    size and the language it was laid out at."""
    width, height = options.size
    context = {"size": f"{width}x{height}", "text_size": "large" if aids.large_text else "normal"}
    context["contrast"] = "high" if aids.high_contrast else "normal"
    records: list[dict[str, object]] = []
    with render_kiosk(options) as kiosk:
        for screen in laid_out_screens(kiosk, aids):
            language = kiosk.flow.language_shown if kiosk.flow is not None else options.language
            found = screen_lines(screen, shown_widgets(kiosk), kiosk.window)
            records += [{**record, **context, "language": language} for record in found]
    return records


def _describe(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return plain(widget.text())[:20]
    return type(widget).__name__


def shown_widgets(kiosk: Kiosk) -> list[QWidget]:
    """What is on screen: the aids bar (when shown) and the top layer, or else the current page."""
    window = kiosk.window
    layers = [layer for layer in window.layers if layer.isVisible()]
    shown: list[QWidget] = [layers[-1] if layers else window.current_page]
    if window.aids.isVisible() and not layers:
        shown.append(window.aids)
    return shown


def picture_problems(screen: str, kiosk: Kiosk) -> list[Problem]:
    """A slide or the result with its picture must show it at no less than the stated floor
    (slide_fit.PICTURE_FLOOR, result_fit.PICTURE_FLOOR)."""
    window = kiosk.window
    if any(layer.isVisible() for layer in window.layers):
        return []
    built = window.built_pages
    if "slide" in built and window.current_page is window.slide and window.slide.missing_picture():
        return [Problem(screen, plain(window.slide.heading.text())[:40], NO_PICTURE)]
    if "result" in built and window.current_page is window.result and window.result.missing_picture():
        return [Problem(screen, plain(window.result.score.text())[:40], NO_PICTURE)]
    return []


def flow_problems(screen: str, kiosk: Kiosk) -> list[Problem]:
    """A slide whose text flows on must not open a screen with a paragraph's last sentence or a list's last
    item alone (slide_fit.groups keeps it with the one before)."""
    window = kiosk.window
    if any(layer.isVisible() for layer in window.layers) or "slide" not in window.built_pages:
        return []
    if window.current_page is not window.slide:
        return []
    texts = [" ".join(plain(_TAGS.sub("", html)).split()) for html in window.slide.lonely(shown_only=True)]
    return [Problem(screen, text[:40], LONELY) for text in texts]


def check_all(options: Options, aids: Aids = Aids()) -> list[Problem]:  # noqa: B008 (a frozen value)
    """Every problem of every screen, laid out exactly as `render` lays it out."""
    problems: list[Problem] = []
    with render_kiosk(options) as kiosk:
        for screen in laid_out_screens(kiosk, aids):
            if kiosk.flow is None:
                problems.append(Problem(screen, str(options.content), NO_CONTENT))
            problems += screen_problems(screen, shown_widgets(kiosk), kiosk.window)
            problems += picture_problems(screen, kiosk)
            problems += flow_problems(screen, kiosk)
    return problems


def report(problems: list[Problem]) -> str:
    """One line a problem, then a count per kind."""
    counts = Counter(problem.kind for problem in problems)
    lines = [str(problem) for problem in problems]
    lines += [f"{counts[kind]:4d}  {_(kind)}" for kind in KINDS]
    lines.append(_("{count} problem(s)").format(count=len(problems)))
    return "\n".join(lines)
