"""A slide: heading, short text and one illustration, arranged so the picture keeps its floor (slide_fit).

Layouts (the slide's `layout` setting): split (text beside the picture), center (text centred, picture
below), card (a closing slide: picture, heading and text on a card of readable width, the last paragraph
in small type under the text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QVBoxLayout, QWidget

from kiosk.content.model import Slide
from kiosk.core.gestures import SwipeTracker
from kiosk.ui.pages.slide_fit import (
    CARD_LINE_EM,
    PICTURE_FLOOR,
    TEXT_SHARES,
    Arrangement,
    CardPlan,
    Piece,
    card_fallback,
    card_plan,
    groups,
    join,
    lonely,
    meets_floor,
    small_print,
    stacked_picture_height,
    units,
)
from kiosk.ui.theme.palette import NORMAL
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.nav_bar import NavBar
from kiosk.ui.widgets.rich_text import RichTextLabel
from kiosk.visit.flow import part_index

if TYPE_CHECKING:
    from kiosk.content.strings import UiStrings


class SlidePage(QWidget):
    """Shows one slide, at the part of its text the visit says. Swipes and buttons are reported, never acted on
    here; the page only counts the parts its text takes at the present size (`part_count`: the flow asks it)."""

    next_requested = Signal()
    back_requested = Signal()
    home_requested = Signal()
    return_requested = Signal()  # from a slide shown during the quiz back to the question

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.heading = text_label("heading")
        self.body = RichTextLabel("body")
        self.small_print = RichTextLabel("caption")  # a card's last paragraph: the credit, in small type
        self.small_print.hide()
        self.illustration = Illustration()
        self.nav = NavBar()
        self._text_column = QWidget()
        column = self._text_layout = QVBoxLayout(self._text_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addWidget(self.body)
        column.addWidget(self.small_print)
        column.addStretch(2)
        # Heading, text and picture; drawn as a card (QFrame#card) sized to them for layout: card.
        self.sheet = QFrame()
        self._content = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.sheet)
        self._content.setContentsMargins(0, 0, 0, 0)
        self._content.addWidget(self._text_column, 1)
        self._content.addWidget(self.illustration, 1)
        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self.sheet, 1)
        self._outer.addWidget(self.nav)
        self._card: CardPlan | None = None
        self._swipe = SwipeTracker()
        self._clock = QElapsedTimer()
        self._clock.start()
        self._review = False
        self._metrics: Metrics | None = None
        self._slide: Slide | None = None
        self._landscape = True
        self._units: list[Piece] = []
        self._small: list[Piece] = []  # a card's small print, shown under the text of its last screen
        self._parts: list[list[Piece]] = [[]]
        self._asked = 0  # the part the visit asked for (-1: the last); `part`: that part among those there are now
        self._given: tuple[object, ...] = ()  # the slide, as show_slide was last given it (without the part)
        self._index, self._total = 0, 1
        self._strings: UiStrings | None = None
        self.nav.next_clicked.connect(self._on_next)
        self.nav.back_clicked.connect(self._on_back)
        self.nav.home_clicked.connect(self.home_requested)

    # -- what the wiring calls --------------------------------------------------------------
    def show_slide(
        self,
        slide: Slide,
        image: bytes | None,
        index: int,
        total: int,
        strings: UiStrings,
        review: bool = False,
        part: int = 0,
    ) -> None:
        """Draw `slide` as number index+1 of total, at screen `part` of its text (-1: the last) when the text
        flows on to more than one; in review mode only the way back is offered."""
        given = (slide, image, index, total, strings, review)
        if given == self._given:  # the same slide, another of its parts: its layout stands
            self.show_part(part)
            return
        self._given = ()  # while it is drawn, and for good if drawing fails
        self._slide, self._review = slide, review
        self._units, self._small = units(slide.body_html), []
        if slide.layout == "card":
            self._units, self._small = small_print(self._units)
        self._parts = [self._units]
        self._asked = part
        self._index, self._total, self._strings = index, total, strings
        self.heading.setText(slide.heading)
        if slide.image and image is not None:
            self.illustration.set_svg(slide.image, image)
        else:
            self.illustration.clear()
        self.illustration.setAccessibleName(slide.caption if slide.image else "")  # its alt text (PEMAT-P 17)
        self._apply_layout()
        self._show_nav()
        self._given = given

    @property
    def part(self) -> int:
        """Which screen of this slide is shown (its text may flow on to more than one)."""
        return part_index(self._asked, len(self._parts))

    @property
    def part_count(self) -> int:
        return len(self._parts)

    def show_part(self, part: int) -> None:
        """Show another screen of the same slide (-1: the last): the rest of its text, beside the same picture."""
        self._asked = part
        self._set_body()
        self._show_nav()

    def lonely(self, shown_only: bool = False) -> list[str]:
        """The HTML of each last sentence or list item that a screen of this slide holds alone (its block
        began on the screen before); shown_only: only those on the screen shown now."""
        found = lonely(self._parts)
        if shown_only:
            shown = self._parts[self.part]
            found = [piece for piece in found if any(piece is other for other in shown)]
        return [piece[2] for piece in found]

    def fixed_bars(self) -> list[QWidget]:
        """What stays still when the slide changes: the nav bar (the window's transition moves the rest)."""
        return [self.nav]

    def missing_picture(self) -> bool:
        """Whether the slide has an illustration that is hidden or drawn below PICTURE_FLOOR."""
        if self._slide is None or self._slide.image is None:
            return False
        if not self.illustration.isVisible():
            return True
        width, height = self._room()
        drawn = self.illustration.image_rect()
        return drawn.width() * drawn.height() < PICTURE_FLOOR * width * height * 0.97  # rounding of the layout

    def _show_nav(self) -> None:
        nav, strings, index, total, review = self.nav, self._strings, self._index, self._total, self._review
        if strings is None:
            return
        nav.home.setText(strings.home)
        nav.back.setText(strings.back)
        nav.home.setVisible(not review)
        nav.back.setVisible(not review)
        nav.back.setEnabled(index > 0 or self.part > 0)
        if review:
            nav.next.setText(strings.back_to_question)
        elif index + 1 == total and self.part + 1 >= len(self._parts):
            nav.next.setText(strings.start_quiz)
        else:
            nav.next.setText(strings.next)
        nav.progress.setVisible(not review)
        dot = self._metrics.px(18) if self._metrics else 18
        counter = strings.progress.format(current=index + 1, total=total)
        if len(self._parts) > 1:  # the text flows on: which of this slide's screens this is
            counter += f" ({self.part + 1}/{len(self._parts)})"
        nav.progress.set_progress(counter, index, total, dot)
        nav.share_row()

    def apply_metrics(self, m: Metrics, landscape: bool) -> None:
        """Re-lay out for a new window size or text size."""
        self._metrics, self._landscape = m, landscape
        self._outer.setContentsMargins(m.margin, m.px(24), m.margin, m.px(40))  # the aids bar is above
        self._outer.setSpacing(m.gap)
        self._content.setSpacing(m.px(48))
        self._text_layout.setSpacing(m.px(28))
        self.nav.apply_metrics(m, landscape)
        self.nav.progress.dots.palette_colours = m.palette
        self._set_body()
        self._apply_layout()

    # -- internals --------------------------------------------------------------------------
    def _set_body(self, pieces: list[Piece] | None = None) -> None:
        """The text shown (or, given pieces, measured); a card's small print with it."""
        if self._slide is not None:
            spacing = self._metrics.px(20) if self._metrics else 20
            palette = self._metrics.palette if self._metrics else NORMAL
            html = join(pieces if pieces is not None else self._parts[self.part]) if self._units else ""
            self.body.set_body(html, spacing, palette)
            self.small_print.set_body(join(self._small) if self._small else "", spacing, palette)
            if pieces is None:
                last = self.part + 1 >= len(self._parts)
                self.small_print.setVisible(bool(self._small) and last)

    def _apply_layout(self) -> None:
        if self._slide is None:
            return
        if self._slide.layout == "card":
            self._apply_card()
            return
        self._as_card(None)
        centred = self._slide.layout == "center"
        arrangement, parts = self._arrange(centred)
        changed = parts != self._parts
        self._parts = parts
        stacked = arrangement.beside == 0
        self._content.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
        text_share = round(arrangement.beside * 100)
        self._content.setStretch(0, 0 if stacked else text_share)
        self._content.setStretch(1, 1 if stacked else 100 - text_share)
        alignment = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        self.heading.setAlignment(alignment)
        self.body.setAlignment(alignment)
        self.illustration.setVisible(arrangement.picture)
        self._set_body()
        if changed and self._strings is not None:
            self._show_nav()

    def _apply_card(self) -> None:
        """layout: card: picture, heading, text and small print on a card sized to them, centred in the room."""
        metrics = self._metrics
        pad = metrics.px(48) if metrics else 48
        spacing = self._content.spacing()
        area = self._room()
        room = (area[0] - 2 * pad, area[1] - 2 * pad)
        ratio = self.illustration.aspect_ratio() if self._slide and self._slide.image else None
        max_text = round(CARD_LINE_EM * (metrics.body if metrics else 40))
        everything = self._units
        landscape = self._landscape
        plan = card_plan(room, area, ratio, spacing, max_text, landscape, lambda w: self._text_height(w, everything))
        parts = [everything]
        if plan is None:  # the text flows on to more screens of the same card
            plan, budget = card_fallback(room, area, ratio, spacing, max_text, self._landscape)
            width = plan.text_width
            parts = self._split(lambda pieces: self._text_height(width, pieces) <= budget)
        changed = parts != self._parts
        self._parts = parts
        self._as_card(plan, pad)
        self._set_body()
        if changed and self._strings is not None:
            self._show_nav()

    def _as_card(self, plan: CardPlan | None, pad: int = 0) -> None:
        """Draw the sheet as a card laid out by `plan`, or (None) as the page's plain content area."""
        unlimited = 16777215  # QWIDGETSIZE_MAX
        role = "card" if plan is not None else ""
        if self.sheet.objectName() != role:
            self.sheet.setObjectName(role)
            self.sheet.style().unpolish(self.sheet)
            self.sheet.style().polish(self.sheet)
        self._content.setContentsMargins(pad, pad, pad, pad)
        centre, nothing = Qt.AlignmentFlag.AlignCenter, Qt.AlignmentFlag(0)
        self._outer.setAlignment(self.sheet, centre if plan is not None else nothing)
        self._content.setAlignment(self._text_column, centre if plan is not None else nothing)
        self._content.setAlignment(self.illustration, centre if plan is not None else nothing)
        if plan is None:
            for widget in (self.sheet, self._text_column, self.illustration):
                widget.setMinimumSize(0, 0)
                widget.setMaximumSize(unlimited, unlimited)
            return
        self.sheet.setFixedSize(plan.size[0] + 2 * pad, plan.size[1] + 2 * pad)
        # Picture first: left of the text, or above it.
        beside = QBoxLayout.Direction.RightToLeft if plan.beside else QBoxLayout.Direction.BottomToTop
        self._content.setDirection(beside)
        self._content.setStretch(0, 0)
        self._content.setStretch(1, 0)
        self._text_column.setMinimumSize(0, 0)
        self._text_column.setMaximumSize(unlimited, unlimited)
        self._text_column.setFixedWidth(plan.text_width)
        self.illustration.setFixedSize(*plan.picture)
        self.illustration.setVisible(plan.picture != (0, 0))
        alignment = Qt.AlignmentFlag.AlignLeft if plan.beside else Qt.AlignmentFlag.AlignHCenter
        for label in (self.heading, self.body, self.small_print):
            label.setAlignment(alignment)

    def _arrange(self, centred: bool) -> tuple[Arrangement, list[list[Piece]]]:
        """Beside (at the narrowest text column that fits), stacked, or the text flowing on; never a lost picture."""
        everything = self._units
        width, height = self._room()
        spacing = self._content.spacing()
        if self._slide is None or self._slide.image is None:
            return Arrangement(0, False), self._split(lambda pieces: self._text_height(width, pieces) <= height)
        ratio = self.illustration.aspect_ratio()

        def beside(share: float) -> bool:
            text_width = round((width - spacing) * share)
            box = (width - spacing) - text_width
            fits = self._text_height(text_width, everything) <= height
            return fits and meets_floor(box, height, ratio, width, height)

        def stacked() -> bool:
            box = height - self._text_height(width, everything) - spacing
            return meets_floor(width, box, ratio, width, height)

        if self._landscape and not centred:
            for share in TEXT_SHARES:
                if beside(share):
                    return Arrangement(share, True), [everything]
        if stacked():
            return Arrangement(0, True), [everything]
        if self._landscape:
            for share in TEXT_SHARES if centred else ():
                if beside(share):
                    return Arrangement(share, True), [everything]
            share = TEXT_SHARES[-1]
            text_width = round((width - spacing) * share)
            return Arrangement(share, True), self._split(lambda p: self._text_height(text_width, p) <= height)
        budget = height - spacing - stacked_picture_height(width, height, ratio)
        return Arrangement(0, True), self._split(lambda pieces: self._text_height(width, pieces) <= budget)

    def _split(self, fits: Callable[[list[Piece]], bool]) -> list[list[Piece]]:
        """The body's sentences and items in screens that each fit; what belongs together (a block marked to
        keep together, a paragraph's last sentence and the one before) goes to a screen together, unless it
        cannot fit on one screen alone (then its pieces go one by one; a single piece is kept whole)."""
        if fits(self._units):
            return [self._units]
        keep = self._slide.keep if self._slide is not None else ()
        parts: list[list[Piece]] = []
        current: list[Piece] = []
        for group in groups(self._units, keep):
            together = fits(group)
            for unit in [group] if together else [[piece] for piece in group]:
                if current and not fits([*current, *unit]):
                    parts.append(current)
                    current = []
                current += unit
        parts.append(current)
        return parts

    def _room(self) -> tuple[int, int]:
        """Width and height the heading, text and picture share."""
        margins = self._outer.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        height = self.height() - margins.top() - margins.bottom()
        return width, height - self._outer.spacing() - self.nav.sizeHint().height()

    def _text_height(self, width: int, pieces: list[Piece]) -> int:
        self._set_body(pieces)
        gap = self._text_layout.spacing()
        height = self.heading.heightForWidth(width) + gap + self.body.heightForWidth(width)
        if self._small:  # a card's small print, measured on every screen of the slide (it shows on the last)
            height += gap + self.small_print.heightForWidth(width)
        return height

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply_layout()

    def _on_next(self, swiped: bool = False) -> None:
        """Next, or (a slide shown from the quiz) its button back to the question; a swipe is always Next."""
        (self.return_requested if self._review and not swiped else self.next_requested).emit()

    def _on_back(self) -> None:
        self.back_requested.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        position = event.position()
        self._swipe.press(position.x(), position.y(), self._clock.elapsed())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        position = event.position()
        direction = self._swipe.release(position.x(), position.y(), self._clock.elapsed())
        if direction > 0:
            self._on_next(swiped=True)
        elif direction < 0:
            self._on_back()
