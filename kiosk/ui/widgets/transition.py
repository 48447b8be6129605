"""A short, non-blocking transition: the old content slides a little and fades over the new one.

Only the content moves. The overlay covers the pages' area (never the aids bar above it), the snapshot it
fades holds the old page without its fixed bars (nav bar, quiz bar: the window blanks them to the page's
background), and it never paints where the new page's fixed bars are (`fixed`, asked at every frame), so
the chrome a patient reaches for is still and crisp throughout.
The new screen is live at once underneath; the overlay ignores the mouse, so a touch never waits. When the new
page's pixels were drawn ahead (`set_incoming`), the overlay paints them under the fading snapshot and hides the
page's content area (it is opaque there), so a frame of the transition is two blits and the fixed bars.
A change with no transition (an answer's feedback) to a page drawn ahead is shown by `hold`: the overlay shows its
pixels, still, for HOLD_MS, so the tap's frame is one blit; the page paints itself under them afterwards, in idle
time, and any other change of screen ends the hold first (`release`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QPoint, QPointF, QRect, QRectF, QSizeF, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

DURATION_MS = 240  # DESIGN.md: 200 to 300 ms
HOLD_MS = 240  # a page's pixels drawn ahead are shown this long before the page paints itself under them
SLIDE_PX = 60


class TransitionOverlay(QWidget):
    """Paints a snapshot of the previous content while it fades out, around the fixed bars."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._snapshot: QPixmap | None = None
        self._incoming: QPixmap | None = None
        self._progress = 1.0
        self._direction = 0
        self.duration_ms = DURATION_MS
        # The region (in the overlay's coordinates) of the bars on screen now: never painted over.
        self.fixed: Callable[[], QRegion] = QRegion
        self._animation = QVariantAnimation(self, startValue=0.0, endValue=1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_progress)
        self._animation.finished.connect(self._finish)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._finish)
        self.hide()

    def play(self, snapshot: QPixmap, area: QRect, direction: int) -> None:
        """Fade out `snapshot` over `area` (parent coordinates), sliding it left (+1), right (-1) or not (0)."""
        if self.duration_ms <= 0:
            return
        self._animation.stop()
        self._hold.stop()
        self._snapshot, self._direction, self._progress = snapshot, direction, 0.0
        self.set_incoming(None)
        self.setGeometry(area)
        self._animation.setDuration(self.duration_ms)
        self.show()
        self.raise_()
        self._animation.start()

    def hold(self, pixels: QPixmap, area: QRect, ms: int = HOLD_MS) -> None:
        """Show `pixels` (the page just shown, drawn ahead: exactly what it paints) still over `area` for `ms`,
        around the fixed bars (the live page's own show through); the page paints itself when they go."""
        self._animation.stop()
        self._snapshot, self._direction, self._progress = pixels, 0, 1.0
        self.setGeometry(area)
        self.set_incoming(pixels)
        self.show()
        self.raise_()
        self._hold.start(ms)

    @property
    def holding(self) -> bool:
        """Pixels drawn ahead are shown still (`hold`), no fade."""
        return self._hold.isActive()

    def release(self) -> None:
        """End a hold now: the live page shows (another change of screen, of size or of aids comes)."""
        if self._hold.isActive():
            self._hold.stop()
            self._finish()

    @property
    def running(self) -> bool:
        """A fade is playing (a hold is not one)."""
        return self.isVisible() and not self._hold.isActive()

    @property
    def drawn_ahead(self) -> bool:
        """The new page's pixels were drawn ahead: this transition paints them instead of the page."""
        return self._incoming is not None

    @property
    def incoming(self) -> QPixmap | None:
        """The new page's pixels drawn ahead that this transition paints (tests compare them with the page's)."""
        return self._incoming

    @property
    def animation(self) -> QVariantAnimation:
        """The animation driving the fade (tests and benchmarks pause it and seek)."""
        return self._animation

    def _on_progress(self, value: float) -> None:
        self._progress = value
        self.update()

    def set_incoming(self, pixels: QPixmap | None) -> None:
        """The new page's content as drawn ahead (same size as the snapshot), or None: the live page shows through."""
        if pixels is not None and (self._snapshot is None or pixels.size() != self._snapshot.size()):
            pixels = None
        self._incoming = pixels
        opaque = pixels is not None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, opaque)
        if opaque:  # the page below is not painted under it, except where its fixed bars are
            self.setMask(QRegion(self.rect()).subtracted(self.fixed()))
        else:
            self.clearMask()
        self.update()

    def _finish(self) -> None:
        self._snapshot = None
        self.set_incoming(None)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self._snapshot is None:
            return
        painter = QPainter(self)
        ratio = self._snapshot.devicePixelRatio()
        whole = QRect(QPoint(0, 0), self._snapshot.deviceIndependentSize().toSize())
        rects = visible_rects(self.rect(), self.fixed())
        # At the start (the tap's own frame) the old content, opaque, still covers all: the new is not drawn yet.
        covered = self._progress <= 0.0 and whole.contains(self.rect())
        if self._incoming is not None and not covered:
            for rect in rects:
                area = QRectF(QPointF(rect.topLeft()) * ratio, QSizeF(rect.size()) * ratio)
                painter.setClipRect(rect)  # a rectangle, not the mask's region: Qt's fast blit
                painter.drawPixmap(QRectF(rect), self._incoming, area)
        if self._progress >= 1.0:  # held still, or the fade's end: the old content is gone
            painter.end()
            return
        painter.setOpacity(1.0 - self._progress)
        shift = round(-self._direction * SLIDE_PX * self._progress)
        # Rectangle by rectangle around the fixed bars: plain blits, cheaper than one blit through a clip region.
        for rect in rects:
            source = rect.translated(-shift, 0).intersected(whole)
            if self._incoming is not None:
                painter.setClipRect(rect)
            if not source.isEmpty():
                pixels = QRectF(QPointF(source.topLeft()) * ratio, QSizeF(source.size()) * ratio)
                painter.drawPixmap(QRectF(source.translated(shift, 0)), self._snapshot, pixels)
        painter.end()


def visible_rects(area: QRect, fixed: QRegion) -> list[QRect]:
    """The area less the fixed region, as the few rectangles Qt keeps a region in."""
    rects: list[QRect] = list(QRegion(area).subtracted(fixed))  # type: ignore[call-overload]  # stubs omit __iter__
    return rects
