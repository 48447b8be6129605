"""read_file: only regular files of bounded size inside their folder; nothing a file does can hang a read."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from kiosk.core.files import FileRefusedError, FileTooLargeError, read_file, read_head, read_listed
from tests.bounded import within_seconds


def test_reads_a_regular_file_and_a_link_inside_its_folder(tmp_path: Path) -> None:
    """An ordinary file is read; a link to another file in the same folder is followed."""
    (tmp_path / "a.txt").write_bytes(b"hello")
    (tmp_path / "b.txt").symlink_to("a.txt")
    assert read_file(tmp_path / "a.txt", 10) == b"hello"
    assert read_file(tmp_path / "b.txt", 10) == b"hello"
    assert read_head(tmp_path / "a.txt", 2) == b"he"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO with no writer would block open() for ever: it is refused at once."""
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)
    with within_seconds(5), pytest.raises(FileRefusedError, match="FIFO"):
        read_file(fifo, 1000)
    with within_seconds(5), pytest.raises(FileRefusedError, match="FIFO"):
        read_head(fifo, 100)


def test_a_device_is_refused(tmp_path: Path) -> None:
    """A link to /dev/zero (endless bytes) is refused, as a link out of the folder and as a device."""
    (tmp_path / "zero").symlink_to("/dev/zero")
    with within_seconds(5), pytest.raises(FileRefusedError, match="outside"):
        read_file(tmp_path / "zero", 1000)
    with within_seconds(5), pytest.raises(FileRefusedError, match="device"):
        read_file(Path("/dev/zero"), 1000)


def test_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    """A link to a file outside the folder (another user's file, say) is refused; `within` widens the folder."""
    (tmp_path / "secret.txt").write_bytes(b"secret")
    folder = tmp_path / "content" / "ja"
    folder.mkdir(parents=True)
    (folder / "deck.md").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(FileRefusedError, match="outside"):
        read_file(folder / "deck.md", 100)
    (tmp_path / "content" / "shared.md").write_bytes(b"shared")
    (folder / "quiz.md").symlink_to("../shared.md")
    assert read_file(folder / "quiz.md", 100, within=tmp_path / "content") == b"shared"


def test_a_dangling_link_is_a_missing_file(tmp_path: Path) -> None:
    """Emacs's .#deck.md lock is a link to nowhere: reading it says the file is not there."""
    (tmp_path / ".#deck.md").symlink_to("user@host.1234:1700000000")
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / ".#deck.md", 100)


def test_the_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    """A sparse 400 MB file is refused from its size, without reading it."""
    big = tmp_path / "pin.json"
    with big.open("wb") as handle:
        handle.truncate(400_000_000)
    with pytest.raises(FileTooLargeError) as caught:
        read_file(big, 4096)
    assert caught.value.size == 400_000_000 and "400,000,000 bytes" in caught.value.strerror


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    """A folder where a file should be gives IsADirectoryError."""
    with pytest.raises(IsADirectoryError):
        read_file(tmp_path, 100, within=tmp_path.parent)


def test_a_listed_file_gets_the_same_refusals_by_its_quick_path(tmp_path: Path) -> None:
    """read_listed (thousands of outbox files at the hub) reads a listed regular file quickly, and refuses what
    read_file refuses even when the listing said "no link" and the entry changed since: a link now out of the
    folder, a FIFO (without blocking), a file over the cap."""
    (tmp_path / "a.json").write_bytes(b"{}")
    assert read_listed(str(tmp_path / "a.json"), 10, link=False) == b"{}"
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_bytes(b"secret")
    (tmp_path / "b.json").symlink_to(outside)  # listed as a file a moment ago, a link out of the folder now
    for link in (False, True):
        with pytest.raises(FileRefusedError):
            read_listed(str(tmp_path / "b.json"), 10, link=link)
    os.mkfifo(tmp_path / "c.json")
    with within_seconds(5), pytest.raises(FileRefusedError, match="FIFO"):
        read_listed(str(tmp_path / "c.json"), 10, link=False)
    (tmp_path / "d.json").write_bytes(b"x" * 11)
    with pytest.raises(FileTooLargeError):
        read_listed(str(tmp_path / "d.json"), 10, link=False)


def test_a_small_listed_file_is_read_into_its_own_size_not_the_cap(tmp_path: Path) -> None:
    """The hub reads 36,500 summaries of ~400 bytes under a 1 MB cap: a buffer of the cap for each (then cut down)
    made the merge four times as slow as reading the files. What a read asks for stays near the file's size."""
    path = tmp_path / "summary-2026-12-01.json"
    path.write_bytes(b"x" * 400)
    tracemalloc.start()
    try:
        data = read_listed(str(path), 1024 * 1024, link=False)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == b"x" * 400
    assert peak < 64 * 1024, f"reading 400 bytes asked for {peak} bytes"
