"""New content found by polling: a quiet wait, a snapshot, validation of the snapshot; bad or half copies refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.cache import load_content
from kiosk.content.updates import KEEP_SNAPSHOTS, UpdateChecker, listing, take_snapshot
from tests.conftest import SHIPPED_LESSON
from tests.conftest import written_lesson as new_lesson


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SHIPPED_LESSON, root / "stretching")
    return root


def checker(content: Path, tmp_path: Path, clock: Clock) -> UpdateChecker:
    return UpdateChecker(content, tmp_path / "snapshots", 2.0, lambda root: load_content(root, None), clock)


def test_a_change_is_checked_only_once_it_has_been_quiet(content: Path, tmp_path: Path) -> None:
    """Nothing happens while files keep changing; once quiet, a validated snapshot of the new lesson comes."""
    clock = Clock()
    check = checker(content, tmp_path, clock)
    assert check.step() is None  # nothing changed
    new_lesson(content, "back-pain")
    assert check.step() is None  # just changed
    clock.now += 1.0
    assert check.step() is None  # not quiet long enough
    clock.now += 1.5
    update = check.step()
    assert update is not None and update.problems == ()
    assert list(update.library.lessons) == ["stretching", "back-pain"]
    assert (update.snapshot / "back-pain" / "pictures" / "cover.svg").is_file()
    assert listing(update.snapshot) == listing(content)
    assert check.step() is None  # the same content is not checked twice


def test_invalid_new_content_is_refused_with_its_problems(content: Path, tmp_path: Path) -> None:
    """A picture referenced but missing: the problem, located; no library; the snapshot is removed."""
    clock = Clock()
    check = checker(content, tmp_path, clock)
    (content / "stretching" / "pictures" / "seiza.svg").unlink()
    check.step()
    clock.now += 3
    update = check.step()
    assert update is not None and update.library is None and update.snapshot is None
    assert any("seiza.svg" in str(p) and "not found" in str(p) and "deck.md:" in str(p) for p in update.problems)
    assert [p.name for p in (tmp_path / "snapshots").iterdir()] == []


def test_a_copy_interrupted_half_way_never_validates(content: Path, tmp_path: Path) -> None:
    """A lesson copied file by file and stopped half way (a file cut short, the rest missing) is refused."""
    source = tmp_path / "made"
    new_lesson(source, "back-pain")
    files = sorted(p for p in (source / "back-pain").rglob("*") if p.is_file())
    clock = Clock()
    check = checker(content, tmp_path, clock)
    for path in files[: len(files) // 2]:
        target = content / "back-pain" / path.relative_to(source / "back-pain")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    last = files[len(files) // 2]
    target = content / "back-pain" / last.relative_to(source / "back-pain")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(last.read_bytes()[: len(last.read_bytes()) // 2])
    check.step()
    clock.now += 3
    update = check.step()
    assert update is not None and update.library is None and update.problems


def test_a_change_during_the_copy_means_another_quiet_wait(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the folder changes while the snapshot is taken, that snapshot is thrown away, not validated."""
    import kiosk.content.updates as updates

    clock = Clock()
    check = checker(content, tmp_path, clock)
    deck = content / "stretching" / "ja" / "deck.md"
    deck.write_text(deck.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    check.step()
    clock.now += 3
    real = updates.take_snapshot

    def copy_then_edit(root: Path, snapshots: Path) -> Path:
        made = real(root, snapshots)
        deck.write_text(deck.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
        return made

    monkeypatch.setattr(updates, "take_snapshot", copy_then_edit)
    assert check.step() is None
    assert [p for p in (tmp_path / "snapshots").iterdir() if p.name.isdigit()] == []


def test_editor_files_are_no_change_and_a_vanished_folder_is_said_once(content: Path, tmp_path: Path) -> None:
    """Lock and swap files change nothing; a folder that disappears is one problem, then quiet."""
    clock = Clock()
    check = checker(content, tmp_path, clock)
    ja = content / "stretching" / "ja"
    for name in (".#deck.md", "deck.md~", ".deck.md.swp"):
        (ja / name).write_text("x", encoding="utf-8")
    clock.now += 3
    assert check.step() is None and check.step() is None
    shutil.rmtree(content)
    update = check.step()
    assert update is not None and update.library is None and "content folder not found" in str(update.problems[0])
    assert check.step() is None


def test_old_snapshots_are_removed(content: Path, tmp_path: Path) -> None:
    """Only the last few snapshots are kept, each whole; no partial copy is left behind."""
    for _ in range(KEEP_SNAPSHOTS + 2):
        take_snapshot(content, tmp_path / "snapshots")
    names = sorted(p.name for p in (tmp_path / "snapshots").iterdir())
    assert names == [str(n) for n in range(3, KEEP_SNAPSHOTS + 3)]


def test_validation_in_a_child_process_gives_the_library_or_located_problems(content: Path, tmp_path: Path) -> None:
    """The child validates and fills the cache; a broken deck comes back as path:line: message, as in-process."""
    from kiosk.content.updates import validate_elsewhere

    library, problems = validate_elsewhere(content, tmp_path / "validated")
    assert problems == [] and list(library.lessons) == ["stretching"]
    assert library == load_content(content, None)[0]
    deck = content / "stretching" / "ja" / "deck.md"
    deck.write_text(deck.read_text(encoding="utf-8").replace("seiza.svg", "missing.svg"), encoding="utf-8")
    library, problems = validate_elsewhere(content, tmp_path / "validated")
    assert library is None
    assert [str(p) for p in problems] == [str(p) for p in load_content(content, None)[1]]
