"""The first screen's pictures kept between runs: the same pixels without parsing the SVG, and every entry
that is not a whole one of ours, for this SVG at this size, a miss that costs only the rendering."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.ui.widgets import picture_store
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.picture_store import HEADER, MAGIC, SUFFIX, PictureStore
from tests.conftest import SHIPPED_LESSON

pytestmark = pytest.mark.usefixtures("qapp")  # pixmaps need a QApplication, whichever test runs first

SVG = (SHIPPED_LESSON / "pictures" / "attract.svg").read_bytes()
SIZE = QSize(640, 700)


def _pixmap(width: int = 64, height: int = 48) -> QPixmap:
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.fillRect(0, 0, width // 2, height, QColor(200, 40, 30, 128))  # half-transparent: alpha is kept
    painter.end()
    return pixmap


def _pixels(pixmap: QPixmap) -> QImage:
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def _shown(qtbot: QtBot, store: PictureStore) -> Illustration:
    picture = Illustration()
    qtbot.addWidget(picture)
    picture.store = store
    picture.resize(SIZE)
    picture.set_svg("attract.svg", SVG)
    picture.show()
    qtbot.waitExposed(picture)
    return picture


def _drawn(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def test_a_kept_picture_comes_back_with_its_pixels_and_shape(tmp_path: Path, qtbot: QtBot) -> None:
    store = PictureStore(tmp_path)
    store.keep(SVG, SIZE, 1.0, _pixmap(), 4 / 3)
    found = store.find(SVG, SIZE, 1.0)
    assert found is not None
    assert found.aspect == 4 / 3
    assert _pixels(found.pixmap) == _pixels(_pixmap())
    assert oct(next(tmp_path.iterdir()).stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    "other",
    [
        lambda store: store.find(SVG + b" ", SIZE, 1.0),  # the content changed
        lambda store: store.find(SVG, QSize(641, 700), 1.0),  # another window size, or larger text
        lambda store: store.find(SVG, SIZE, 2.0),  # another screen's pixel ratio
    ],
    ids=["other-svg", "other-size", "other-ratio"],
)
def test_another_svg_size_or_ratio_is_a_miss(tmp_path: Path, other: Callable[[PictureStore], object]) -> None:
    store = PictureStore(tmp_path)
    store.keep(SVG, SIZE, 1.0, _pixmap(), 4 / 3)
    assert store.find(SVG, SIZE, 1.0) is not None
    assert other(store) is None


def _entry(store: PictureStore) -> Path:
    store.keep(SVG, SIZE, 1.0, _pixmap(), 4 / 3)
    return store.entry(SVG, SIZE, 1.0)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[:-1],  # cut short (a full disk, a crash while copying the cache)
        lambda data: data + b"\0",  # longer than its header says
        lambda data: b"XXXX" + data[4:],  # not ours
        lambda data: data[: HEADER.size - 2],  # not even a header
        lambda data: HEADER.pack(MAGIC, 5000, 1, 4 / 3) + b"\0" * 20000,  # wider than the widget
        lambda data: HEADER.pack(MAGIC, 64, 48, float("nan")) + data[HEADER.size :],  # no shape
        lambda data: HEADER.pack(MAGIC, 64, 48, -1.0) + data[HEADER.size :],
        lambda data: HEADER.pack(MAGIC, 0, 48, 4 / 3),  # no pixels
    ],
    ids=["short", "long", "foreign", "no-header", "too-wide", "nan-aspect", "negative-aspect", "empty"],
)
def test_an_entry_that_is_not_a_whole_one_is_a_miss(tmp_path: Path, spoil: Callable[[bytes], bytes]) -> None:
    store = PictureStore(tmp_path)
    entry = _entry(store)
    entry.write_bytes(spoil(entry.read_bytes()))
    assert store.find(SVG, SIZE, 1.0) is None


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    store = PictureStore(tmp_path / "pictures")
    entry = _entry(store)
    outside = tmp_path / "elsewhere.picture"
    outside.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(outside)
    assert store.find(SVG, SIZE, 1.0) is None


def test_only_the_newest_entries_are_kept(tmp_path: Path) -> None:
    store = PictureStore(tmp_path, kept=3)
    for width in range(100, 106):
        store.keep(SVG, QSize(width, 700), 1.0, _pixmap(), 4 / 3)
        newest = store.entry(SVG, QSize(width, 700), 1.0)
        os.utime(newest, ns=(width * 10**9, width * 10**9))  # an order the file system's clock cannot blur
    kept = sorted(path.name for path in tmp_path.iterdir() if path.name.endswith(SUFFIX))
    assert kept == sorted(store.entry(SVG, QSize(width, 700), 1.0).name for width in (103, 104, 105))


def test_a_cache_that_cannot_be_written_costs_only_the_rendering(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "pictures"
    blocked.write_text("a file where the folder should be")
    store = PictureStore(blocked)
    store.keep(SVG, SIZE, 1.0, _pixmap(), 4 / 3)  # no exception: the kiosk goes on
    assert store.find(SVG, SIZE, 1.0) is None
    assert "picture not kept" in caplog.text


def test_the_next_start_draws_the_same_picture_without_parsing_it(tmp_path: Path, qtbot: QtBot) -> None:
    store = PictureStore(tmp_path)
    first = _shown(qtbot, store)
    qtbot.waitUntil(lambda: any(tmp_path.iterdir()), timeout=5000)  # kept once the frame is drawn
    assert first.parsed_svg, "the first start parses the SVG"

    second = _shown(qtbot, store)
    assert _drawn(second) == _drawn(first)
    assert not second.parsed_svg, "the picture came from the store: no SVG was parsed"
    assert second.aspect_ratio() == pytest.approx(first.aspect_ratio())


def test_a_spoiled_entry_still_draws_the_picture(tmp_path: Path, qtbot: QtBot) -> None:
    store = PictureStore(tmp_path)
    first = _shown(qtbot, store)
    qtbot.waitUntil(lambda: any(tmp_path.iterdir()), timeout=5000)
    entry = next(tmp_path.iterdir())
    entry.write_bytes(entry.read_bytes()[:-4])
    second = _shown(qtbot, store)
    assert _drawn(second) == _drawn(first)
    assert second.parsed_svg, "drawn from the SVG"


def test_kiosk_run_keeps_the_first_screens_pictures_in_its_cache(
    make_kiosk: Callable[..., Kiosk], tmp_path: Path, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(cache_dir=tmp_path / "cache")
    kept = tmp_path / "cache" / "pictures"
    qtbot.waitUntil(lambda: kept.is_dir() and any(kept.iterdir()), timeout=5000)
    assert kiosk.window.attract.illustration.store is not None


def test_another_qt_or_way_of_drawing_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry drawn by another Qt version, or before the way Illustration draws changed, is never shown."""
    store = PictureStore(tmp_path)
    store.keep(SVG, SIZE, 1.0, _pixmap(), 4 / 3)
    monkeypatch.setattr(picture_store, "qVersion", lambda: "6.0.0")
    assert store.find(SVG, SIZE, 1.0) is None
    monkeypatch.undo()
    monkeypatch.setattr(picture_store, "DRAWN_BY", picture_store.DRAWN_BY + 1)
    assert store.find(SVG, SIZE, 1.0) is None
