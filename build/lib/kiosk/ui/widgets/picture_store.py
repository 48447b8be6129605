"""The first screen's pictures as last drawn, kept between runs: a cold start draws them without QtSvg.

Parsing and rasterising the attract picture costs a cold start ~4 ms (and loading QtSvg ~1 ms more);
reading its pixels back from the cache folder, straight into an image, costs under 1 ms. An entry is named
by a checksum of the SVG's bytes and the widget's size and pixel ratio, so new content, another screen or
larger text is a miss: drawn from the SVG as before, then kept. A missing, short or foreign entry is a miss
too; only the newest few are kept.
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

import logging
import math
import os
import struct
import zlib
from io import BufferedReader
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSize, qVersion
from PySide6.QtGui import QImage, QPixmap

from kiosk.core.files import open_regular, replace_file

log = logging.getLogger("kiosk.ui")

KEPT = 8  # entries: the lessons' first pictures at a size or two; older ones are deleted
MAGIC = b"KPC1"
DRAWN_BY = 1  # how Illustration renders (antialiased, on a transparent ground): raise it when that changes
HEADER = struct.Struct("<4sIId")  # magic, width and height in pixels, the picture's aspect ratio
FORMAT = QImage.Format.Format_ARGB32_Premultiplied  # what an SVG is rendered into; 4 bytes a pixel, no padding
SUFFIX = ".picture"


class Kept(NamedTuple):
    """A picture found in the store: its pixels, and its width over height (so the SVG need not be parsed)."""

    pixmap: QPixmap
    aspect: float


def _read(handle: BufferedReader, size: QSize, ratio: float) -> Kept | None:
    """A whole entry no larger than the widget, read straight into the image's own memory; else None."""
    head = handle.read(HEADER.size)
    if len(head) != HEADER.size:
        return None
    magic, width, height, aspect = HEADER.unpack(head)
    fits = 0 < width <= math.ceil(size.width() * ratio) and 0 < height <= math.ceil(size.height() * ratio)
    if magic != MAGIC or not fits or not (math.isfinite(aspect) and aspect > 0):
        return None
    if os.fstat(handle.fileno()).st_size != HEADER.size + 4 * width * height:
        return None
    image = QImage(width, height, FORMAT)
    if handle.readinto(image.bits()) != 4 * width * height:
        return None
    pixmap = QPixmap.fromImage(image)
    if pixmap.isNull():
        return None
    pixmap.setDevicePixelRatio(ratio)
    return Kept(pixmap, aspect)


class PictureStore:
    """Pictures rendered for a widget of a given size, in an owner-only folder of the platform's cache."""

    def __init__(self, folder: Path, kept: int = KEPT) -> None:
        self.folder = folder
        self.kept = kept

    def entry(self, svg: bytes, size: QSize, ratio: float) -> Path:
        """Where the picture of these SVG bytes, drawn in a widget of this size and pixel ratio, is kept.

        Two checksums and the length name the SVG (no hashlib: it costs start-up ~2 ms of OpenSSL); the Qt
        version and DRAWN_BY name the renderer, so a kiosk with another Qt or another way of drawing draws anew."""
        digest = f"{zlib.crc32(svg):08x}{zlib.adler32(svg):08x}-{len(svg)}"
        drawn = f"qt{qVersion()}-{DRAWN_BY}"
        return self.folder / f"{digest}-{size.width()}x{size.height()}-{round(ratio * 100)}-{drawn}{SUFFIX}"

    def find(self, svg: bytes, size: QSize, ratio: float) -> Kept | None:
        """The picture kept for this SVG and widget, or None (never kept, or the entry is not a whole one)."""
        try:
            with open_regular(self.entry(svg, size, ratio)) as handle:
                return _read(handle, size, ratio)
        except OSError:  # not kept yet (the usual miss), or refused: drawn from the SVG instead
            return None

    def keep(self, svg: bytes, size: QSize, ratio: float, pixmap: QPixmap, aspect: float) -> None:
        """Keep this rendering for the next start; then delete all but the newest `kept` entries.

        A full disk or a read-only cache only costs the next start-up the rendering."""
        image = pixmap.toImage().convertToFormat(FORMAT)
        header = HEADER.pack(MAGIC, image.width(), image.height(), aspect)
        pixels = bytes(image.constBits())  # a memoryview of sizeInBytes()
        if len(pixels) != 4 * image.width() * image.height():
            return  # Qt padded the lines (it does not for 4-byte pixels): not the layout `find` reads
        try:
            replace_file(self.entry(svg, size, ratio), header + pixels, durable=False)
            self._prune()
        except OSError as error:
            log.info("picture not kept for the next start (%s)", error)

    def _prune(self) -> None:
        entries = []
        for name in os.listdir(self.folder):
            if name.endswith(SUFFIX):
                path = self.folder / name
                try:
                    entries.append((path.stat().st_mtime_ns, path))
                except OSError:
                    continue
        for _, path in sorted(entries, reverse=True)[self.kept :]:
            path.unlink(missing_ok=True)
