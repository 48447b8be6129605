"""PNG and JPEG pictures: checked from their headers, decoded safely, stood up by EXIF, scaled once, drawn."""

from __future__ import annotations

import struct
import threading
import time
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.content.images import IllustrationStore
from kiosk.content.loader import load_library
from kiosk.content.raster import MAX_PHOTO_BYTES, raster_size
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.raster import LONGEST_SIDE, decode_photo
from tests.conftest import ROOT

real = decode_photo
release = threading.Event()


def _encoded(width: int, height: int, kind: str, colour: str = "#C0392B") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, kind)
    return bytes(buffer.data().data())


def _with_orientation(jpeg: bytes, orientation: int) -> bytes:
    """The JPEG with an EXIF block saying how a camera held it (6: turned a quarter clockwise)."""
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    exif = b"Exif\x00\x00" + b"MM\x00\x2a" + struct.pack(">I", 8) + ifd
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:]


def test_headers_give_the_size_and_the_caps_refuse_before_decoding() -> None:
    """PNG's IHDR and JPEG's frame header are read without decoding; a claimed 20000 x 20000 is refused."""
    assert raster_size("a.png", _encoded(320, 200, "PNG")) == (320, 200)
    assert raster_size("a.jpg", _encoded(320, 200, "JPEG")) == (320, 200)
    huge = bytearray(_encoded(10, 10, "PNG"))
    huge[16:24] = struct.pack(">II", 20000, 20000)
    assert "20000x20000 pixels" in str(raster_size("huge.png", bytes(huge)))
    assert "not a JPEG picture" in str(raster_size("a.jpg", _encoded(10, 10, "PNG")))


def test_exif_orientation_stands_a_photo_up_and_it_is_scaled_once(qtbot: QtBot) -> None:
    """A landscape JPEG marked orientation 6 decodes as portrait; a large one is scaled to the longest side."""
    turned = decode_photo(_with_orientation(_encoded(400, 200, "JPEG"), 6))
    assert (turned.width(), turned.height()) == (200, 400)
    big = decode_photo(_encoded(4000, 1000, "JPEG"))
    assert (big.width(), big.height()) == (LONGEST_SIDE, LONGEST_SIDE // 4)


def test_a_photo_still_decoding_never_holds_a_frame(qtbot: QtBot) -> None:
    """While its photo decodes in the background the widget paints nothing and returns at once, then the photo."""
    widget = Illustration()
    qtbot.addWidget(widget)
    widget.resize(QSize(300, 300))
    data = _encoded(2400, 1600, "JPEG", "#A8C5B5")
    with patch("kiosk.ui.widgets.raster.decode_photo", side_effect=lambda d: (release.wait(5), real(d))[1]):
        widget.set_svg("slow.jpg", data)
        widget.show()
        started = time.monotonic()
        widget.repaint()  # a frame while the photo is still being decoded
        assert time.monotonic() - started < 0.1 and not widget.photo_ready("slow.jpg")
        release.set()
        qtbot.waitUntil(lambda: widget.photo_ready("slow.jpg"), timeout=5000)
    qtbot.waitUntil(lambda: abs(widget.grab().toImage().pixelColor(150, 150).red() - 0xA8) < 12, timeout=2000)
    assert decode_photo(b"\x89PNG\r\n\x1a\nbroken").isNull()


def test_a_photo_is_drawn_by_the_picture_widget(qtbot: QtBot) -> None:
    """The illustration widget shows a JPEG as it shows an SVG: its shape kept, its colour on screen."""
    widget = Illustration()
    qtbot.addWidget(widget)
    widget.resize(QSize(400, 400))
    widget.set_svg("front-desk.jpg", _encoded(300, 150, "JPEG", "#2F6E7A"))
    widget.show()
    qtbot.waitUntil(lambda: widget.photo_ready("front-desk.jpg"), timeout=5000)
    assert widget.aspect_ratio() == pytest.approx(2.0)
    picture = widget.grab().toImage()
    centre = picture.pixelColor(200, 200)
    assert abs(centre.red() - 0x2F) < 12 and abs(centre.green() - 0x6E) < 12 and abs(centre.blue() - 0x7A) < 12
    assert abs(picture.pixelColor(200, 10).red() - 0x2F) > 40  # above the 2:1 photo: the ground, not the photo


def test_a_lesson_with_photos_validates_and_caps_are_problems(tmp_path: Path) -> None:
    """A slide may name a .jpg or .png from pictures/; a file over the byte cap is refused by name."""
    lesson = tmp_path / "stretching"
    import shutil

    shutil.copytree(ROOT / "content" / "stretching", lesson)
    (lesson / "pictures" / "desk.jpg").write_bytes(_encoded(800, 600, "JPEG"))
    (lesson / "pictures" / "room.PNG").write_bytes(_encoded(64, 48, "PNG"))
    for language in ("ja", "en"):
        deck = lesson / language / "deck.md"
        text = deck.read_text(encoding="utf-8")
        text = text.replace("image: front-desk.svg", "image: desk.jpg").replace("image: consult.svg", "image: room.PNG")
        deck.write_text(text, encoding="utf-8")
    library, problems = load_library(lesson)
    assert problems == [] and library is not None
    images = library.first.translation("ja").images
    assert images["desk.jpg"].startswith(b"\xff\xd8") and images["room.PNG"].startswith(b"\x89PNG")
    (lesson / "pictures" / "big.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * (MAX_PHOTO_BYTES + 1))
    assert "is larger than 8,000 kB" in (IllustrationStore(lesson / "pictures").problem("big.jpg") or "")
