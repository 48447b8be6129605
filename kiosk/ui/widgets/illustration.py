"""Draws one SVG illustration, scaled to fit with its aspect ratio kept, crisp at every size."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

PIXMAPS_KEPT = 6  # the slides around the current one: Back and Next then cost no SVG rendering


class Illustration(QWidget):
    """Shows an SVG given as bytes; renders it once per size into a pixmap so repaints are cheap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderers: dict[str, QSvgRenderer] = {}
        self._name = ""
        self._pixmaps: OrderedDict[tuple[str, int, int], QPixmap] = OrderedDict()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_svg(self, name: str, data: bytes) -> None:
        """Show the illustration `name`; `data` is parsed only the first time a name is seen."""
        if name and name not in self._renderers:
            self._renderers[name] = QSvgRenderer(QByteArray(data), self)
        if name != self._name:
            self._name = name
            self.update()

    def clear(self) -> None:
        self.set_svg("", b"")

    @property
    def name(self) -> str:
        return self._name

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(400, 300)

    def aspect_ratio(self) -> float:
        """Width over height of the picture shown (4:3, the house canvas, before one is set)."""
        renderer = self._renderers.get(self._name)
        view = renderer.viewBoxF() if renderer is not None else None
        return view.width() / view.height() if view is not None and view.height() > 0 else 4 / 3

    def image_rect(self, name: str | None = None) -> QRectF:
        """Where the picture (this one, or the one named) is drawn: the largest rectangle of its aspect that fits."""
        renderer = self._renderers.get(self._name if name is None else name)
        if renderer is None or self.width() <= 0 or self.height() <= 0:
            return QRectF()
        view = renderer.viewBoxF()
        ratio = view.width() / view.height() if view.height() > 0 else 4 / 3
        width = min(float(self.width()), self.height() * ratio)
        height = width / ratio
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        rect = self.image_rect()
        if rect.isEmpty():
            return
        painter = QPainter(self)
        painter.drawPixmap(rect.topLeft(), self._pixmap_for(rect))
        painter.end()

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
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._renderers[name].render(painter, QRectF(0, 0, rect.width(), rect.height()))
            painter.end()
            self._pixmaps[key] = pixmap
            while len(self._pixmaps) > PIXMAPS_KEPT:
                self._pixmaps.popitem(last=False)
        self._pixmaps.move_to_end(key)
        return pixmap
