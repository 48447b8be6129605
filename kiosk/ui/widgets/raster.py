"""A photo (PNG or JPEG) decoded safely, once: Qt's reader under an allocation limit, turned by its EXIF
orientation, and scaled while decoding to no more than a screen needs.

The content engine has already refused files over the byte and pixel caps (kiosk/content/raster.py) from
their headers; the allocation limit is the second fence, for a header that lies.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor, wait

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

ALLOCATION_LIMIT_MB = 256  # Qt's own default; set here so a change of default never loosens it
LONGEST_SIDE = 1600  # pixels: a slide's picture is at most about 1000 wide at 1920 x 1080, 1080 in portrait
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-photos")
_decoded: dict[bytes, Future[QImage]] = {}


def is_photo(data: bytes) -> bool:
    """PNG or JPEG bytes (anything else here is an SVG)."""
    return data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"))


def decode_photo(data: bytes, longest: int = LONGEST_SIDE) -> QImage:
    """The photo upright and at most `longest` pixels on its longer side; a null QImage when it cannot be read."""
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # EXIF orientation: a phone's portrait photo stands up
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > longest:
        scale = longest / max(size.width(), size.height())
        reader.setScaledSize(QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))))
    image = reader.read()
    buffer.close()
    return image if not image.isNull() else QImage()


def prepare(data: bytes) -> Future[QImage]:
    """The photo decoded once, in a background thread (a 6000 x 4000 JPEG takes ~0.2 s): drawing never waits on it.

    Called for every photo of a lesson when content is installed, and by the widget when it meets one; the same
    bytes are decoded once however often they are asked for.
    """
    key = hashlib.blake2b(data, digest_size=16).digest()
    if key not in _decoded:
        _decoded[key] = _pool.submit(decode_photo, data)
    return _decoded[key]


def prepare_all(images: dict[str, bytes]) -> None:
    """Start decoding every photo among a lesson's pictures (SVGs are left to the widget)."""
    for data in images.values():
        if is_photo(data):
            prepare(data)


def wait_for_photos(timeout: float = 10.0) -> None:
    """Block until every photo asked for is decoded: for `kiosk render` and the preview, never the kiosk."""
    wait(list(_decoded.values()), timeout=timeout)


def scaled(image: QImage, size: QSize) -> QImage:
    """The photo at a drawn size, smoothly, its shape kept."""
    return image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
