"""The kiosk's one window: a stack of pages, the transition overlay, and sizes from the window size.

A page may name its fixed bars (`fixed_bars()`: the slides' nav bar, the quiz's bar). A transition moves
only the content: the aids bar and those bars stay where they are, never faded or slid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, Literal, assert_never

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QPainter, QPixmap, QRegion, QResizeEvent
from PySide6.QtWidgets import QLayout, QStackedLayout, QVBoxLayout, QWidget

from kiosk.ui.pages.attract_page import AttractPage
from kiosk.ui.theme.styles import Metrics, metrics_for, style_sheet
from kiosk.ui.widgets.aids_bar import AidsBar

# The pages built on first use; the type checker proves every place that chooses by page name covers each one.
PageName = Literal["slide", "question", "result", "error"]
LAZY_PAGES: Final[tuple[PageName, ...]] = ("slide", "question", "result")
# Instances of a page kept laid out (kiosk/ui/page_pool.py): a slide, the next and the previous one; a question
# and it answered each way (at most four answers).
POOL_SIZES: Final[dict[PageName, int]] = {"slide": 3, "question": 5}

if TYPE_CHECKING:
    from kiosk.ui.page_pool import PagePool
    from kiosk.ui.pages.error_page import ErrorPage
    from kiosk.ui.pages.question_page import QuestionPage
    from kiosk.ui.pages.result_page import ResultPage
    from kiosk.ui.pages.slide_page import SlidePage
    from kiosk.ui.widgets.transition import TransitionOverlay


class PageStack(QStackedLayout):
    """The pages, one shown: it takes the window's height less the aids bar, and never asks its pages for sizes.

    A plain QStackedLayout reports the largest height-for-width and minimum of all its pages, hidden ones included:
    every page switch measured every page's text again (1-2 ms a page, and the pages laid out ahead are several),
    and a hidden page's content could change the shown page's room."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return False

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, 0)

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, 0)


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
        self._built: dict[PageName, QWidget] = {}
        self._pools: dict[PageName, PagePool[Any]] = {}  # the slide and question pages laid out ahead
        self._kept: tuple[QWidget, object, QPixmap] | None = None  # the shown page's content, drawn in idle time
        # The attract page as Home will show it, drawn in idle time: (its data, the window's context, pixels).
        # Dropped as soon as the page is given other data (`attract_shown`), so when kept it is what the page holds.
        self._attract_ahead: tuple[object, object, QPixmap] | None = None
        self.page_built: Callable[[PageName], None] | None = None  # called with the name of each page built
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
        self._stack = PageStack()
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
        """The slide page shown (or last shown): one of `slides`."""
        return self.slides.current

    @property
    def slides(self) -> PagePool[SlidePage]:
        return self._pool("slide")

    @property
    def question(self) -> QuestionPage:
        """The question page shown (or last shown): one of `questions`."""
        return self.questions.current

    @property
    def questions(self) -> PagePool[QuestionPage]:
        return self._pool("question")

    @property
    def result(self) -> ResultPage:
        return self._page("result")  # type: ignore[return-value]

    @property
    def error(self) -> ErrorPage:
        return self._page("error")  # type: ignore[return-value]

    @property
    def built_pages(self) -> dict[PageName, QWidget]:
        return dict(self._built)

    def build_all(self) -> None:
        """Build the pages not needed yet: called in idle time so the first tap on them pays nothing."""
        for name in LAZY_PAGES:
            self._page(name)
        self.overlay  # noqa: B018 (made now, so the first page change pays nothing for it)

    def _page(self, name: PageName) -> QWidget:
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

    def _pool(self, name: PageName) -> PagePool[Any]:
        pool = self._pools.get(name)
        if pool is None:
            from kiosk.ui.page_pool import PagePool

            first = self._page(name)
            part: Callable[[Any], object] = lambda page: page.part  # noqa: E731 (a slide's text may flow on)
            state = part if name == "slide" else lambda _: None
            spare = lambda: self._spare_page(name, first)  # noqa: E731
            # Its pixels are kept from its layout ahead: the transition to it paints them, and an answered state
            # (shown with no transition) is shown from them at first (`show_page`).
            draw = self._snapshot
            context = lambda: self._applied_for  # noqa: E731
            pool = self._pools[name] = PagePool(first, spare, context, POOL_SIZES[name], state, draw)
        return pool

    def _spare_page(self, name: PageName, first: QWidget) -> QWidget:
        """Another instance of a page, for the pool: sized and styled like the first, reporting through it."""
        from kiosk.ui.page_pool import relay_signals

        page = self._make_page(name)
        self.pages.append(page)
        self._stack.addWidget(page)
        self._apply_to(page, self.width() >= self.height())
        relay_signals(page, first)
        return page

    def _make_page(self, name: PageName) -> QWidget:
        # Each module is imported with its page: start-up needs only the attract page.
        match name:
            case "slide":
                from kiosk.ui.pages.slide_page import SlidePage

                return SlidePage()
            case "question":
                from kiosk.ui.pages.question_page import QuestionPage

                return QuestionPage(self._load_icons())
            case "result":
                from kiosk.ui.pages.result_page import ResultPage

                return ResultPage()
            case "error":
                from kiosk.ui.pages.error_page import ErrorPage

                return ErrorPage()
            case _:
                assert_never(name)

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
        if not self._fades():
            return
        page, kept = self.current_page, self._kept
        self._kept = None  # handed to the overlay
        if kept is not None and kept[0] is page and kept[1] == self._shown_token():
            snapshot = kept[2]  # drawn in idle time, and the page has not changed since: no grab on the tap
        else:
            snapshot = self._snapshot(page)
        self.overlay.play(snapshot, page.geometry(), direction)

    def keep_snapshot(self) -> None:
        """In idle time: draw the shown page's content for the next transition away from it (slides and questions,
        whose pools know whether the page still shows what it was given)."""
        token = self._shown_token()
        if token is None or not self._fades():
            self._kept = None
            return
        page = self.current_page
        if self._kept is None or self._kept[0] is not page or self._kept[1] != token:
            self._kept = (page, token, self._shown_pixels() or self._snapshot(page))

    def _fades(self) -> bool:
        return self.isVisible() and self._transitions and self.overlay.duration_ms > 0

    def prepare_attract(self, key: object, setup: Callable[[AttractPage], None]) -> None:
        """In idle time, while it is hidden: give the attract page the screen Home will show (`key`: all its data)
        and draw it, so the fade to it paints these pixels (`attract_shown`)."""
        page = self.attract
        if page.isVisible() or not self._fades():
            return
        ahead = self._attract_ahead
        if ahead is not None and ahead[0] == key and ahead[1] == self._applied_for:
            return
        self._attract_ahead = None
        setup(page)
        self._attract_ahead = (key, self._applied_for, self._snapshot(page))

    def attract_shown(self, key: object) -> None:
        """The attract page was just given this screen: pixels drawn ahead for another one are dropped."""
        if self._attract_ahead is not None and self._attract_ahead[0] != key:
            self._attract_ahead = None

    def _shown_pixels(self) -> QPixmap | None:
        """The shown page's pixels as drawn when it was laid out ahead, if it still shows what it was given."""
        page = self.current_page
        ahead = self._attract_ahead
        if page is self.attract:
            if ahead is not None and ahead[1] == self._applied_for:
                return ahead[2]
            return None
        for pool in self._pools.values():
            if pool.current is page:
                return pool.pixels()
        return None

    def _shown_token(self) -> object | None:
        """What the shown page shows, when it is a pooled page that still shows what it was given; else None."""
        page = self.current_page
        for pool in self._pools.values():
            if pool.current is page:
                return pool.token()
        return None

    def _snapshot(self, page: QWidget) -> QPixmap:
        """The page's content as pixels, its fixed bars painted over with its background."""
        ratio = page.devicePixelRatio()
        snapshot = QPixmap(page.size() * ratio)
        snapshot.setDevicePixelRatio(ratio)
        snapshot.fill(Qt.GlobalColor.white)  # opaque (grab() gives an alpha pixmap): each frame blends it faster
        painter = QPainter(snapshot)
        page.render(painter, QPoint(0, 0), QRegion(page.rect()))
        for rect in self._bar_rects(page, page):
            page.render(painter, rect.topLeft(), QRegion(rect), QWidget.RenderFlag.DrawWindowBackground)
        painter.end()
        return snapshot

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
        switched = page is not self._stack.currentWidget()
        self._stack.setCurrentWidget(page)
        if self._overlay is not None:
            self._overlay.release()  # pixels held from the last change: this one may change the page
            self._overlay.raise_()
            if self._overlay.running:  # the new page's pixels drawn ahead: the fade paints them, not the page
                self._overlay.set_incoming(self._shown_pixels())
                return
        questions = self._pools.get("question")
        if switched and self.isVisible() and questions is not None and page is questions.current:
            # No fade (an answer's feedback): the answered question, another instance drawn ahead, is shown from its
            # pixels, one blit, and paints itself under them once they go (HOLD_MS), in idle time.
            pixels = questions.pixels()
            if pixels is not None:
                self.overlay.hold(pixels, page.geometry())

    def set_aids(self, large_text: bool, high_contrast: bool) -> None:
        """Relay out every page for larger text and/or the high-contrast theme (only when they change)."""
        self.large_text, self.high_contrast = large_text, high_contrast
        self._apply_metrics()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self._overlay is not None:
            self._overlay.release()
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
