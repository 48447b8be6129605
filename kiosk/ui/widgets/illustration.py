"""Draws one SVG illustration (or a PNG/JPEG photo), scaled to fit with its aspect ratio kept, crisp at every size.

A photo is decoded once, safely and scaled to a screen's need (kiosk/ui/widgets/raster.py), when first needed.

An SVG is parsed when first needed (laid out or drawn), not when it is set, and drawn by a worker thread
within a time budget (kiosk/ui/widgets/svg_drawing.py): a picture over it is shown as a calm placeholder.
The first screen's pictures can come from a PictureStore instead: a cold start then draws them without
loading QtSvg at all.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.widgets.raster import is_photo, prepare, scaled
from kiosk.ui.widgets.svg_drawing import PictureDrawer, shared

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

    from kiosk.ui.widgets.picture_store import PictureStore

PIXMAPS_KEPT = 6  # the slides around the current one: Back and Next then cost no SVG rendering
PHOTO_POLL_MS = 30  # how soon a widget looks again for a photo still being decoded
HOUSE_ASPECT = 4 / 3  # the house canvas (800x600): the shape of a picture whose own is unusable
PLACEHOLDER_FILL = QColor("#DCE8E0")  # the palette's quiet sage: a picture too slow to draw is a calm frame
PLACEHOLDER_LINE = QColor("#A8C5B5")


class Illustration(QWidget):
    """Shows an SVG given as bytes; renders it once per size into a pixmap so repaints are cheap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svgs: dict[str, bytes] = {}
        self._renderers: dict[str, QSvgRenderer] = {}  # parsed from _svgs when first needed
        self._photos: dict[str, QImage] = {}  # PNG or JPEG pictures, decoded from _svgs when first needed
        self._aspects: dict[str, float] = {}  # width over height, of pictures the store gave (never parsed)
        self._name = ""
        self._pixmaps: OrderedDict[tuple[str, int, int], QPixmap] = OrderedDict()
        self.store: PictureStore | None = None  # the first screen's: pictures kept between runs
        self.drawer: PictureDrawer = shared()  # draws SVGs off the UI thread
        self.drawer.arrived.connect(self.update)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_svg(self, name: str, data: bytes) -> None:
        """Show the illustration `name`; `data` is kept (and parsed later) only the first time a name is seen."""
        if name and name not in self._svgs:
            self._svgs[name] = data
        if name != self._name:
            self._name = name
            self.update()

    def set_drawer(self, drawer: PictureDrawer) -> None:
        """Draw SVGs with this drawer instead of the shared one (tests give one with a slow renderer)."""
        self.drawer.arrived.disconnect(self.update)
        self.drawer = drawer
        drawer.arrived.connect(self.update)
        self._pixmaps.clear()
        self.update()

    def clear(self) -> None:
        self.set_svg("", b"")

    @property
    def name(self) -> str:
        return self._name

    @property
    def parsed_svg(self) -> bool:
        """Whether it has parsed an SVG (a picture drawn from the picture store needs none)."""
        return bool(self._renderers)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(400, 300)

    def aspect_ratio(self) -> float:
        """Width over height of the picture shown (4:3, the house canvas, before one is set)."""
        aspect = self._aspect(self._name)
        return HOUSE_ASPECT if aspect is None else aspect

    def image_rect(self, name: str | None = None) -> QRectF:
        """Where the picture (this one, or the one named) is drawn: the largest rectangle of its aspect that fits."""
        ratio = self._aspect(self._name if name is None else name)
        if ratio is None or self.width() <= 0 or self.height() <= 0:
            return QRectF()
        width = min(float(self.width()), self.height() * ratio)
        height = width / ratio
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _aspect(self, name: str) -> float | None:
        """Width over height of a picture set here, from the store or its view box; None if none is set."""
        if name in self._aspects:
            return self._aspects[name]
        photo = self._photo(name)
        if photo is not None:
            return photo.width() / photo.height() if not photo.isNull() else None
        renderer = self._renderer(name)
        if renderer is None:
            return None
        view = renderer.viewBoxF()
        return view.width() / view.height() if view.height() > 0 else HOUSE_ASPECT

    def _photo(self, name: str) -> QImage | None:
        """The photo of that name once decoded (in the background, raster.prepare); None for an SVG.

        While it is being decoded the result is a null image and the widget looks again shortly: a frame is
        never held up by a photo.
        """
        if name in self._photos:
            return self._photos[name]
        if name not in self._svgs or not is_photo(self._svgs[name]):
            return None
        decoding = prepare(self._svgs[name])
        if not decoding.done():
            QTimer.singleShot(PHOTO_POLL_MS, self, self._photo_arrived)
            return QImage()
        photo = self._photos[name] = decoding.result()
        return photo

    def photo_ready(self, name: str) -> bool:
        """The photo of that name is decoded (tests and the render command wait on it)."""
        return name in self._svgs and (not is_photo(self._svgs[name]) or prepare(self._svgs[name]).done())

    def _photo_arrived(self) -> None:
        self.updateGeometry()
        self.update()

    def _renderer(self, name: str) -> QSvgRenderer | None:
        renderer = self._renderers.get(name)
        if renderer is None and name in self._svgs and not is_photo(self._svgs[name]):
            from PySide6.QtCore import QByteArray
            from PySide6.QtSvg import QSvgRenderer  # not on a cold start whose pictures the store has

            renderer = self._renderers[name] = QSvgRenderer(QByteArray(self._svgs[name]), self)
        return renderer

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self.store is not None and self._name not in self._aspects and self._name not in self._renderers:
            self._take_from_store(self.store)
        rect = self.image_rect()
        if rect.isEmpty():
            return
        painter = QPainter(self)
        painter.drawPixmap(rect.topLeft(), self._pixmap_for(rect))
        painter.end()

    def _take_from_store(self, store: PictureStore) -> None:
        """The picture as a former run drew it at this size, if the store kept it: nothing to parse or render."""
        name = self._name
        if name not in self._svgs:
            return
        kept = store.find(self._svgs[name], self.size(), self.devicePixelRatioF())
        if kept is None:
            return
        self._aspects[name] = kept.aspect
        pixels = kept.pixmap.size()
        wanted = self.image_rect().size() * self.devicePixelRatioF()
        if (round(wanted.width()), round(wanted.height())) == (pixels.width(), pixels.height()):
            self._pixmaps[(name, pixels.width(), pixels.height())] = kept.pixmap

    def _pixmap_for(self, rect: QRectF, name: str | None = None) -> QPixmap:
        """The picture (this one, or the one named) at this size, from the few kept, else rendered from the SVG once."""
        name = self._name if name is None else name
        ratio = self.devicePixelRatioF()
        wanted = QSize(round(rect.width() * ratio), round(rect.height() * ratio))
        key = (name, wanted.width(), wanted.height())
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = QPixmap(wanted)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            photo = self._photo(name)
            if photo is not None and photo.isNull():  # not decoded yet: drawn when it is, never kept blank
                return pixmap
            if photo is not None:
                painter = QPainter(pixmap)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(QRectF(0, 0, rect.width(), rect.height()), scaled(photo, wanted))
                painter.end()
            renderer = self._renderer(name)
            if renderer is not None and self.drawer.is_slow(self._svgs[name]):
                draw_placeholder(pixmap, rect)
                renderer = None  # never kept in the store: a later run may draw it in time
            elif renderer is not None:  # drawing it otherwise? raise picture_store.DRAWN_BY, or old pixels come back
                drawn = self.drawer.image(name, self._svgs[name], wanted)
                if drawn is None:  # still being drawn: this frame goes without it, `arrived` repaints
                    return pixmap
                painter = QPainter(pixmap)
                painter.drawImage(QRectF(0, 0, rect.width(), rect.height()), drawn)
                painter.end()
            self._pixmaps[key] = pixmap
            while len(self._pixmaps) > PIXMAPS_KEPT:
                self._pixmaps.popitem(last=False)
            if self.store is not None and name == self._name and renderer is not None:
                # Written once this frame is drawn: the next start finds it.
                keep = partial(self.store.keep, self._svgs[name], self.size(), ratio, pixmap, self.aspect_ratio())
                QTimer.singleShot(0, self, keep)
        self._pixmaps.move_to_end(key)
        return pixmap


def draw_placeholder(pixmap: QPixmap, rect: QRectF) -> None:
    """A calm frame where a picture too slow to draw would be: a quiet rounded panel with a soft edge, no words."""
    painter = QPainter(pixmap)
    paint_placeholder(painter, QRectF(0, 0, rect.width(), rect.height()))
    painter.end()


def paint_placeholder(painter: QPainter, rect: QRectF) -> None:
    """The placeholder's panel filling `rect` (on a pixmap, or on a page of the handout)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = max(2.0, min(rect.width(), rect.height()) / 100)
    inner = rect.adjusted(line, line, -line, -line)
    painter.setPen(QPen(PLACEHOLDER_LINE, line))
    painter.setBrush(PLACEHOLDER_FILL)
    radius = min(inner.width(), inner.height()) / 12
    painter.drawRoundedRect(inner, radius, radius)
    painter.restore()
