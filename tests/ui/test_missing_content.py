"""A content folder that is missing or cannot be read when the kiosk starts: patients see the last good content
(the newest snapshot that validates) or, with none, the calm out-of-service page in Japanese and English; staff
see the problem with the folder's path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.recovery import CALM_BODY, CALM_HEADING
from kiosk.config.settings import Settings
from tests.conftest import SHIPPED_LESSON

QUICK = Settings(content_poll_seconds=0.02, content_quiet_seconds=0.1)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "live"
    shutil.copytree(SHIPPED_LESSON, root / "stretching")
    return root


def unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The folder as a kiosk user without the right to read it sees it (the tests run as root, which mode 000 does
    not stop): it exists, and listing anything in it fails with EACCES."""

    def refused(path: object) -> bool:
        try:
            return Path(os.fsdecode(path)).resolve().is_relative_to(folder.resolve())  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False

    real_scandir, real_listdir = os.scandir, os.listdir

    def scandir(path: object = ".") -> Iterator[os.DirEntry[str]]:
        if refused(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    def listdir(path: object = ".") -> list[str]:
        if refused(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)


def staff_notes(kiosk: Kiosk) -> str:
    kiosk.staff.show_menu()
    text = kiosk.staff.menu.notes.text()
    kiosk.staff.close()
    return text


def break_folder(how: str, content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "missing":
        shutil.rmtree(content)
    elif how == "a file":
        shutil.rmtree(content)
        content.write_text("not a folder", encoding="utf-8")
    else:
        unreadable(monkeypatch, content)


@pytest.mark.allow_warnings
@pytest.mark.parametrize("how", ["missing", "a file", "unreadable"])
def test_with_a_snapshot_patients_see_the_last_good_content(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], content: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """A kiosk that showed the lesson once is restarted with its folder gone, replaced by a file, or unreadable:
    the attract screen offers the lesson from the last snapshot, and the staff menu names the folder."""
    first = make_kiosk(content=content, transitions=False, settings=QUICK, watch_content=True)
    assert first.flow is not None and list(first.flow.library.lessons) == ["stretching"]
    first.close()
    break_folder(how, content, monkeypatch)
    kiosk = make_kiosk(content=content, transitions=False, settings=QUICK, watch_content=True)
    assert kiosk.flow is not None and list(kiosk.flow.library.lessons) == ["stretching"]
    assert kiosk.window.current_page is kiosk.window.attract
    assert kiosk.lessons.shown_root().parent == kiosk.lessons.place.snapshots
    assert str(content) in staff_notes(kiosk)
    assert kiosk.flow.start() and kiosk.window.current_page is kiosk.window.slide


@pytest.mark.allow_warnings
@pytest.mark.parametrize("how", ["missing", "a file", "unreadable"])
def test_without_a_snapshot_patients_see_the_calm_out_of_service_page(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], content: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """No content ever shown and the folder missing, a file or unreadable: the calm page says in Japanese and in
    English to ask at the desk (no path, no error words); the staff menu names the folder."""
    break_folder(how, content, monkeypatch)
    kiosk = make_kiosk(content=content, transitions=False, settings=QUICK, watch_content=True)
    assert kiosk.flow is None
    page = kiosk.window.error
    assert kiosk.window.current_page is page
    assert (page.heading.text(), page.body.text()) == (CALM_HEADING, CALM_BODY)
    assert "受付" in page.heading.text() and "front desk" in page.heading.text()
    assert str(content) not in page.heading.text() + page.body.text()
    notes = staff_notes(kiosk)
    assert str(content) in notes
    if how == "unreadable":  # said as it is, not "no lesson folder here"
        assert "cannot be read" in notes and "no lesson folder" not in notes


@pytest.mark.allow_warnings
def test_a_folder_named_in_the_settings_that_is_missing_is_named_for_staff(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """`content_folder` in the settings names a folder that is not there (no snapshot either): patients see the
    calm page; staff see the folder's path (from the settings' check and from loading)."""
    missing = tmp_path / "usb" / "lessons"
    settings = QUICK._replace(content_folder=str(missing))
    kiosk = make_kiosk(content=None, transitions=False, settings=settings, watch_content=True)
    assert kiosk.content_root == missing and kiosk.flow is None
    assert kiosk.window.current_page is kiosk.window.error
    assert kiosk.window.error.heading.text() == CALM_HEADING
    assert str(missing) in staff_notes(kiosk)


@pytest.mark.allow_warnings
def test_a_folder_that_arrives_later_is_shown_without_a_restart(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """The folder was missing at start (a stick or share mounted late): once it arrives and validates, the calm
    page gives way to the attract screen with its lesson, with no restart."""
    content = tmp_path / "late"
    kiosk = make_kiosk(content=content, transitions=False, settings=QUICK, watch_content=True)
    kiosk.lessons.start_updates()
    assert kiosk.window.current_page is kiosk.window.error
    shutil.copytree(SHIPPED_LESSON, content / "stretching")
    qtbot.waitUntil(lambda: kiosk.flow is not None, timeout=20_000)
    assert kiosk.window.current_page is kiosk.window.attract
    assert list(kiosk.flow.library.lessons) == ["stretching"]
