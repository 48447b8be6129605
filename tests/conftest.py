"""Shared fixtures. Qt runs offscreen; any unexpected Qt warning or kiosk log at WARNING fails a test."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CONTENT = ROOT / "content"
SHIPPED_LESSON = SHIPPED_CONTENT / "stretching"
ILLUSTRATIONS = SHIPPED_LESSON / "pictures"
TINY_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600"><circle cx="400" cy="300" r="100"/></svg>'


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need a QApplication are marked `qt` automatically, so `-m 'not qt'` runs the pure ones."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "kiosk" in getattr(item, "fixturenames", ()):
            item.add_marker("qt")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "qt: needs a QApplication (added automatically)")
    config.addinivalue_line("markers", "allow_warnings: the test expects kiosk log records at WARNING or above")
    config.addinivalue_line("markers", "real_scrypt: hash PINs at the shipped scrypt cost (128 MiB, ~0.5 s)")


@pytest.fixture(autouse=True)
def _fail_on_kiosk_warnings(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture) -> None:
    """A kiosk log record at WARNING or above fails the test unless the test says it expects one."""
    caplog.set_level(logging.DEBUG, logger="kiosk")
    yield
    if request.node.get_closest_marker("allow_warnings"):
        return
    loud = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING and r.name.startswith("kiosk")]
    assert not loud, "unexpected log records: " + "; ".join(f"{r.name}: {r.getMessage()}" for r in loud)


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages are English in tests whatever the machine's locale (tests/test_messages.py tries the others)."""
    from kiosk.core import i18n

    monkeypatch.setenv("LANGUAGE", "en")
    i18n.set_language(None)
    yield
    i18n.set_language(None)


@pytest.fixture(autouse=True)
def _cheap_scrypt(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """New PINs are hashed at N=2^12 in tests (2 cores shared by many), except in tests marked real_scrypt."""
    if not request.node.get_closest_marker("real_scrypt"):
        from kiosk.staff import pin

        monkeypatch.setattr(pin, "SCRYPT_N", 2**12)


@pytest.fixture
def illustrations(tmp_path: Path) -> Path:
    """A folder of small valid illustrations with every name a test deck uses."""
    folder = tmp_path / "illustrations"
    folder.mkdir()
    for name in ("a.svg", "b.svg", "c.svg", "attract.svg", "result-friendly.svg"):
        (folder / name).write_bytes(TINY_SVG)
    return folder


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped lesson folder (its languages and pictures), inside a content folder."""
    target = tmp_path / "content" / SHIPPED_LESSON.name
    shutil.copytree(SHIPPED_LESSON, target)
    return target


@pytest.fixture
def unnarrated_content(shipped_copy: Path) -> Path:
    """A content folder with a copy of the shipped lesson without its narration (the system voice's tests)."""
    for audio in shipped_copy.glob("*/audio"):
        shutil.rmtree(audio)
    return shipped_copy.parent


def lesson_copies(lesson: Path, content: Path, ids: tuple[str, ...]) -> Path:
    """A content folder at `content` with one copy of `lesson` per id, each with its own lesson.toml id."""
    for lesson_id in ids:
        shutil.copytree(lesson, content / lesson_id)
        (content / lesson_id / "lesson.toml").write_text(f'id = "{lesson_id}"\n', encoding="utf-8")
    return content


@contextmanager
def kiosk_logger_restored() -> Iterator[logging.Logger]:
    """The "kiosk" logger as it was before (handlers, level, propagation): a test may set logging up for real."""
    root = logging.getLogger("kiosk")
    handlers, level, propagate = list(root.handlers), root.level, root.propagate
    try:
        yield root
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            if handler not in handlers:
                handler.close()
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
        root.propagate = propagate


def written_lesson(content: Path, name: str) -> Path:
    """`kiosk new-lesson NAME`, then each template line made the lesson's own (例：… / E.g. …), so it validates."""
    from kiosk.content.new_lesson import new_lesson
    from kiosk.content.placeholders import _MARKS, PLACEHOLDERS, _bare

    made = new_lesson(content, name)
    for path in made.glob("*/*.md"):
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if _bare(line) in PLACEHOLDERS:
                marks = _MARKS.match(line)
                start = marks.end() if marks else 0
                prefix = "E.g. " if path.parent.name == "en" else "例："
                lines[number] = line[:start] + prefix + line[start:]
        path.write_text("\n".join(lines), encoding="utf-8")
    return made
