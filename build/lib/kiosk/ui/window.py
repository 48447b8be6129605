"""The kiosk's one window: a stack of pages, the transition overlay, and sizes from the window size.

A page may name its fixed bars (`fixed_bars()`: the slides' nav bar, the quiz's bar). A transition moves
only the content: the aids bar and those bars stay where they are, never faded or slid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QCloseEvent, QPainter, QPixmap, QRegion, QResizeEvent
from PySide6.QtWidgets import QLayout, QStackedLayout, QVBoxLayout, QWidget

from kiosk.ui.pages.attract_page import AttractPage
from kiosk.ui.theme.styles import Metrics, metrics_for, style_sheet
from kiosk.ui.widgets.aids_bar import AidsBar

if TYPE_CHECKING:
    from kiosk.ui.pages.error_page import ErrorPage
    from kiosk.ui.pages.question_page import QuestionPage
    from kiosk.ui.pages.result_page import ResultPage
    from kiosk.ui.pages.slide_page import SlidePage
    from kiosk.ui.widgets.transition import TransitionOverlay


class KioskWindow(QWidget):
    """Holds the pages; knows nothing of the visit. Fullscreen is the wiring's business."""

    def __init__(self, font_family: str = "", icons: Callable[[], dict[str, bytes]] = dict) -> None:
        super().__init__()
        self.setWindowTitle("Clinic kiosk")
        self.font_family = font_family
        self.large_text = False
        self.high_contrast = False
        self.attract = AttractPage()
        self.pages: list[QWidget] = [self.attract]
        # Every page but the first screen is built (and its module imported) when first needed, or in idle
        # time after start-up, so the attract screen appears sooner; the wiring connects each one as it is built.
        self._load_icons = icons  # read when the quiz page, the only one that draws icons, is built
        self._built: dict[str, QWidget] = {}
        self.page_built: Callable[[str], None] | None = None  # called with the name of each page built
        self.aids = AidsBar()
        self.aids.hide()  # shown once content is there
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        # The window's size comes from the screen, never from its contents.
        column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        column.addWidget(self.aids)
        self._stack = QStackedLayout()
        column.addLayout(self._stack, 1)
        for page in self.pages:
            self._stack.addWidget(page)
        # The transition overlay is made with the first page change: its module and Qt's animation classes
        # are not needed for the first frame.
        self._overlay: TransitionOverlay | None = None
        self._transitions = True
        self.layers: list[QWidget] = []
        self.closable = True  # False in lockdown: closing the window does nothing
        self.metrics: Metrics = metrics_for(1920, 1080)
        self._applied_for: tuple[int, int, bool, bool] | None = None

    @property
    def overlay(self) -> TransitionOverlay:
        """The fade between pages (kiosk/ui/widgets/transition.py)."""
        if self._overlay is None:
            from kiosk.ui.widgets.transition import TransitionOverlay

            self._overlay = TransitionOverlay(self)
            self._overlay.fixed = self._fixed_region
            if not self._transitions:
                self._overlay.duration_ms = 0
        return self._overlay

    def set_transitions(self, on: bool) -> None:
        """Fades between pages, or none (setting `transitions`, and the render command)."""
        self._transitions = on
        if self._overlay is not None:
            from kiosk.ui.widgets.transition import DURATION_MS

            self._overlay.duration_ms = DURATION_MS if on else 0

    @property
    def slide(self) -> SlidePage:
        return self._page("slide")  # type: ignore[return-value]

    @property
    def question(self) -> QuestionPage:
        return self._page("question")  # type: ignore[return-value]

    @property
    def result(self) -> ResultPage:
        return self._page("result")  # type: ignore[return-value]

    @property
    def error(self) -> ErrorPage:
        return self._page("error")  # type: ignore[return-value]

    @property
    def built_pages(self) -> dict[str, QWidget]:
        return dict(self._built)

    def build_all(self) -> None:
        """Build the pages not needed yet: called in idle time so the first tap on them pays nothing."""
        for name in ("slide", "question", "result"):
            getattr(self, name)
        self.overlay  # noqa: B018 (made now, so the first page change pays nothing for it)

    def _page(self, name: str) -> QWidget:
        page = self._built.get(name)
        if page is None:
            page = self._make_page(name)
            self._built[name] = page
            self.pages.append(page)
            self._stack.addWidget(page)
            self._apply_to(page, self.width() >= self.height())
            if self.page_built is not None:
                self.page_built(name)
        return page

    def _make_page(self, name: str) -> QWidget:
        # Each module is imported with its page: start-up needs only the attract page.
        if name == "slide":
            from kiosk.ui.pages.slide_page import SlidePage

            return SlidePage()
        if name == "question":
            from kiosk.ui.pages.question_page import QuestionPage

            return QuestionPage(self._load_icons())
        if name == "result":
            from kiosk.ui.pages.result_page import ResultPage

            return ResultPage()
        from kiosk.ui.pages.error_page import ErrorPage

        return ErrorPage()

    def add_layer(self, layer: QWidget) -> None:
        """A full-window layer over the pages (idle prompt, PIN pad, staff menu, statistics)."""
        self.layers.append(layer)
        layer.setGeometry(self.rect())
        # The window's style sheet reaches the new layer by itself; only its own sizes need setting.
        self._apply_to(layer, self.width() >= self.height())

    @property
    def current_page(self) -> QWidget:
        page = self._stack.currentWidget()
        assert page is not None  # the stack always holds the attract page
        return page

    def begin_transition(self, direction: int = 0) -> None:
        """Snapshot the page's content now, before the pages change, and fade it out over the new one.

        The snapshot is of the page alone (not the aids bar above it), with its fixed bars painted over by
        the page's own background, so nothing of them ghosts when the content slides."""
        if not (self.isVisible() and self._transitions and self.overlay.duration_ms > 0):
            return
        page = self.current_page
        ratio = page.devicePixelRatio()
        snapshot = QPixmap(page.size() * ratio)
        snapshot.setDevicePixelRatio(ratio)
        snapshot.fill(Qt.GlobalColor.white)  # opaque (grab() gives an alpha pixmap): each frame blends it faster
        painter = QPainter(snapshot)
        page.render(painter, QPoint(0, 0), QRegion(page.rect()))
        for rect in self._bar_rects(page, page):
            page.render(painter, rect.topLeft(), QRegion(rect), QWidget.RenderFlag.DrawWindowBackground)
        painter.end()
        self.overlay.play(snapshot, page.geometry(), direction)

    def _fixed_region(self) -> QRegion:
        """Where the current page's fixed bars are, in the overlay's coordinates: it never paints there."""
        region = QRegion()
        for rect in self._bar_rects(self.current_page, self.overlay):
            region += rect
        return region

    @staticmethod
    def _bar_rects(page: QWidget, relative_to: QWidget) -> list[QRect]:
        """Where the page's fixed bars are shown, in `relative_to`'s coordinates (both under the window)."""
        bars = getattr(page, "fixed_bars", None)
        if bars is None:
            return []
        origin = relative_to.mapTo(relative_to.window(), QPoint(0, 0))
        return [
            QRect(bar.mapTo(bar.window(), QPoint(0, 0)) - origin, bar.size()) for bar in bars() if bar.isVisibleTo(page)
        ]

    def show_page(self, page: QWidget) -> None:
        self._stack.setCurrentWidget(page)
        if self._overlay is not None:
            self._overlay.raise_()

    def set_aids(self, large_text: bool, high_contrast: bool) -> None:
        """Relay out every page for larger text and/or the high-contrast theme (only when they change)."""
        self.large_text, self.high_contrast = large_text, high_contrast
        self._apply_metrics()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        for layer in self.layers:
            layer.setGeometry(self.rect())
        self._apply_metrics()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.closable:
            event.accept()
        else:
            event.ignore()

    def _apply_metrics(self) -> None:
        key = (self.width(), self.height(), self.large_text, self.high_contrast)
        if key == self._applied_for:
            return
        self._applied_for = key
        self.metrics = metrics_for(self.width(), self.height(), self.large_text, self.high_contrast)
        landscape = self.width() >= self.height()
        self.setStyleSheet(style_sheet(self.metrics, family=self.font_family))
        for page in [self.aids, *self.pages, *self.layers]:
            self._apply_to(page, landscape)

    def _apply_to(self, widget: QWidget, landscape: bool) -> None:
        """A page's or layer's sizes; staff layers keep normal text (their own style sheet says so)."""
        metrics = self.metrics
        if getattr(widget, "for_staff", False):
            metrics = metrics_for(self.width(), self.height(), False, self.high_contrast)
            widget.setStyleSheet(style_sheet(metrics, family=self.font_family) if self.large_text else "")
        apply = getattr(widget, "apply_metrics", None)
        if apply is not None:
            apply(metrics, landscape)
