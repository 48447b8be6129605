"""A slide: heading, short text and one illustration; side by side in landscape, stacked in portrait."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.content.model import Slide
from kiosk.core.gestures import SwipeTracker
from kiosk.ui.theme.palette import NORMAL
from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.nav_bar import NavBar
from kiosk.ui.widgets.rich_text import RichTextLabel

if TYPE_CHECKING:
    from kiosk.content.strings import UiStrings

MIN_PICTURE_SHARE = 0.35  # a stacked picture smaller than this share of the height is too small to read


class SlidePage(QWidget):
    """Shows one slide. Swipes and buttons are reported, never acted on here."""

    next_requested = Signal()
    back_requested = Signal()
    home_requested = Signal()
    return_requested = Signal()  # from a slide shown during the quiz back to the question

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.heading = text_label("heading")
        self.body = RichTextLabel("body")
        self.illustration = Illustration()
        self.nav = NavBar()
        self._text_column = QWidget()
        column = self._text_layout = QVBoxLayout(self._text_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addWidget(self.body)
        column.addStretch(2)
        self._content = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._content.addWidget(self._text_column, 1)
        self._content.addWidget(self.illustration, 1)
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self._content, 1)
        self._outer.addWidget(self.nav)
        self._swipe = SwipeTracker()
        self._clock = QElapsedTimer()
        self._clock.start()
        self._review = False
        self._metrics: Metrics | None = None
        self._slide: Slide | None = None
        self._landscape = True
        self.nav.next_clicked.connect(self._on_next)
        self.nav.back_clicked.connect(self.back_requested)
        self.nav.home_clicked.connect(self.home_requested)

    # -- what the wiring calls --------------------------------------------------------------
    def show_slide(
        self, slide: Slide, image: bytes | None, index: int, total: int, strings: UiStrings, review: bool = False
    ) -> None:
        """Draw `slide` as number index+1 of total; in review mode only the way back is offered."""
        self._slide, self._review = slide, review
        self.heading.setText(slide.heading)
        self._set_body()
        if slide.image and image is not None:
            self.illustration.set_svg(slide.image, image)
        else:
            self.illustration.clear()
        self._apply_layout()
        nav = self.nav
        nav.home.setText(strings.home)
        nav.back.setText(strings.back)
        nav.home.setVisible(not review)
        nav.back.setVisible(not review)
        nav.back.setEnabled(index > 0)
        if review:
            nav.next.setText(strings.back_to_question)
        elif index + 1 == total:
            nav.next.setText(strings.start_quiz)
        else:
            nav.next.setText(strings.next)
        nav.progress.setVisible(not review)
        dot = self._metrics.px(18) if self._metrics else 18
        nav.progress.set_progress(strings.progress.format(current=index + 1, total=total), index, total, dot)

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
    def _set_body(self) -> None:
        if self._slide is not None:
            spacing = self._metrics.px(20) if self._metrics else 20
            palette = self._metrics.palette if self._metrics else NORMAL
            self.body.set_body(self._slide.body_html, spacing, palette)

    def _apply_layout(self) -> None:
        centred = self._slide is not None and self._slide.layout == "center"
        has_picture = self._slide is not None and self._slide.image is not None
        # Side by side in landscape when the text fits beside the picture; otherwise the picture goes
        # under the text if it still gets a readable share of the page; otherwise the text gets it all.
        stacked = centred or not self._landscape or not self._text_fits_beside_picture()
        self._content.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
        self._content.setStretch(0, 0 if stacked else 1)
        self._content.setStretch(1, 1)
        alignment = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        self.heading.setAlignment(alignment)
        self.body.setAlignment(alignment)
        self.illustration.setVisible(has_picture and (not stacked or self._picture_fits_below()))

    def _room(self) -> tuple[int, int]:
        """Width and height the heading, text and picture share."""
        margins = self._outer.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        height = self.height() - margins.top() - margins.bottom()
        return width, height - self._outer.spacing() - self.nav.sizeHint().height()

    def _text_height(self, width: int) -> int:
        gap = self._text_layout.spacing()
        return self.heading.heightForWidth(width) + gap + self.body.heightForWidth(width)

    def _text_fits_beside_picture(self) -> bool:
        width, height = self._room()
        return self._text_height((width - self._content.spacing()) // 2) <= height

    def _picture_fits_below(self) -> bool:
        width, height = self._room()
        return height - self._text_height(width) - self._content.spacing() >= height * MIN_PICTURE_SHARE

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply_layout()

    def _on_next(self) -> None:
        (self.return_requested if self._review else self.next_requested).emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        position = event.position()
        self._swipe.press(position.x(), position.y(), self._clock.elapsed())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        position = event.position()
        direction = self._swipe.release(position.x(), position.y(), self._clock.elapsed())
        if self._review or direction == 0:
            return
        (self.next_requested if direction > 0 else self.back_requested).emit()
