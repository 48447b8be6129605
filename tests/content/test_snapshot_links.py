"""The snapshot of new content never follows a link, opens a FIFO or copies without bound (issue 27, item 1).

A link to /dev/zero grew a running kiosk's cache to 9 GB in 15 s, and `loopa -> .` plus `loopb -> .` to
700 MB in 20 s: the copy followed links. Now a link is copied as the same link, a FIFO is never opened, and
a folder beyond the snapshot's limits is refused once, with a located problem, and not copied again.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kiosk.content.cache import load_content
from kiosk.content.updates import UpdateChecker, listing, take_snapshot
from kiosk.core.files import FileRefusedError, TreeLimits, copy_tree
from tests.bounded import within_seconds
from tests.conftest import SHIPPED_LESSON


def _size(folder: Path) -> int:
    return sum(os.lstat(os.path.join(top, name)).st_size for top, _, names in os.walk(folder) for name in names)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SHIPPED_LESSON, root / "stretching")
    return root


def test_a_link_to_a_big_file_is_copied_as_a_link(content: Path, tmp_path: Path) -> None:
    """A link to a 200 MB file outside the folder: the snapshot holds the link (a few bytes), not the file."""
    big = tmp_path / "big.bin"
    with big.open("wb") as handle:
        handle.truncate(200_000_000)
    (content / "stretching" / "notes.txt").symlink_to(big)
    with within_seconds(20):
        snapshot = take_snapshot(content, tmp_path / "snapshots")
    copied = snapshot / "stretching" / "notes.txt"
    assert copied.is_symlink() and os.readlink(copied) == str(big)
    assert _size(snapshot) < 5_000_000


def test_links_to_dev_zero_and_loops_copy_in_moments(content: Path, tmp_path: Path) -> None:
    """/dev/zero and two `-> .` loops: the snapshot and the listing finish at once and stay small."""
    lesson = content / "stretching"
    (lesson / "notes.txt").symlink_to("/dev/zero")
    (lesson / "loopa").symlink_to(".")
    (lesson / "loopb").symlink_to(".")
    with within_seconds(10):
        snapshot = take_snapshot(content, tmp_path / "snapshots")
        found = listing(content)
    assert _size(snapshot) < 5_000_000
    assert len(found) == len(listing(snapshot)) < 200
    assert (snapshot / "stretching" / "loopa").is_symlink()


def test_a_fifo_is_never_opened_by_the_copy(content: Path, tmp_path: Path) -> None:
    """A FIFO among the content: the copy goes on at once and leaves it out."""
    os.mkfifo(content / "stretching" / "notes.txt")
    with within_seconds(10):
        snapshot = take_snapshot(content, tmp_path / "snapshots")
    assert not (snapshot / "stretching" / "notes.txt").exists()
    assert (snapshot / "stretching" / "ja" / "deck.md").is_file()


def test_copy_limits_hold_at_their_bound(tmp_path: Path) -> None:
    """A file of exactly the limit is copied, one byte more is refused; the same for the total and the count."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "a").write_bytes(b"x" * 10)
    (source / "b").write_bytes(b"y" * 10)
    copy_tree(source, tmp_path / "ok", TreeLimits(file_bytes=10, total_bytes=20, entries=2))
    assert (tmp_path / "ok" / "b").read_bytes() == b"y" * 10
    assert os.stat(tmp_path / "ok" / "a").st_mtime_ns == os.stat(source / "a").st_mtime_ns
    for number, limits in enumerate(
        (TreeLimits(9, 20, 2), TreeLimits(10, 19, 2), TreeLimits(10, 20, 1)),
    ):
        with pytest.raises(FileRefusedError):
            copy_tree(source, tmp_path / f"refused-{number}", limits)


def test_content_over_the_snapshot_limit_is_a_problem_said_once(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder beyond the snapshot's limits: one Update with a located problem, no copy left, no retry."""
    from kiosk.content import updates

    monkeypatch.setattr(updates, "SNAPSHOT_LIMITS", TreeLimits(file_bytes=1_000_000, total_bytes=1_000_000, entries=10))
    now = [100.0]
    check = UpdateChecker(content, tmp_path / "snapshots", 2.0, lambda root: load_content(root, None), lambda: now[0])
    (content / "stretching" / "extra.txt").write_text("more")
    check.step()
    now[0] += 3
    update = check.step()
    assert update is not None and update.library is None
    assert "more than 10 files" in str(update.problems[0])
    assert [p.name for p in (tmp_path / "snapshots").iterdir()] == []
    now[0] += 3
    assert check.step() is None  # the same folder is not copied again until it changes
