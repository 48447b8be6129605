"""Photos (PNG and JPEG) checked before any decoder sees them: the right kind, within byte and pixel caps.

Only the header is read (PNG's IHDR, JPEG's frame header), so a file that claims 60,000 x 60,000 pixels is
refused without allocating anything. The interface then decodes it with Qt's image reader under an allocation
limit, turned by its EXIF orientation and scaled once (kiosk/ui/widgets/raster.py).
"""

from __future__ import annotations

import struct

from kiosk.core.i18n import _

MAX_PHOTO_BYTES = 8_000_000  # a phone's photo is 2-5 MB; a slide shows it at most at screen size
MAX_PIXELS = 40_000_000  # 8000 x 5000; decoded at 4 bytes a pixel that is 160 MB, the reader's limit (ui)
MAX_SIDE = 12_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# JPEG start-of-frame markers (C0-CF but C4 DHT, C8 JPG and CC DAC), which carry the size.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def is_raster(name: str) -> bool:
    return name.lower().endswith((".png", ".jpg", ".jpeg"))


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if length < 2:
            return None
        if marker in _SOF and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if marker == 0xDA:  # the image data starts with no frame header before it
            return None
        at += 2 + length
    return None


def raster_size(name: str, data: bytes) -> tuple[int, int] | str:
    """(width, height) of a PNG or JPEG file whose bytes match its name, or why it is refused."""
    png = name.lower().endswith(".png")
    if not data.startswith(PNG_MAGIC if png else JPEG_MAGIC):
        kind = "PNG" if png else "JPEG"
        return _("the file is not a {kind} picture (is its name's ending right?)").format(kind=kind)
    size = _png_size(data) if png else _jpeg_size(data)
    if size is None or min(size) <= 0:
        return _("the picture's size cannot be read; save it again as PNG or JPEG")
    width, height = size
    if max(size) > MAX_SIDE or width * height > MAX_PIXELS:
        return _(
            "the picture is {width}x{height} pixels; at most {most:,} pixels: make it smaller (about 2000 wide)"
        ).format(width=width, height=height, most=MAX_PIXELS)
    return size
