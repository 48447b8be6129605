"""replace_file: atomic, leaves no temporary file, keeps the old file when the write fails."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.core.files import replace_file, spool


def test_creates_the_folder_and_writes_the_bytes_exactly(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "state.json"
    replace_file(target, "héllo\n".encode())
    assert target.read_bytes() == "héllo\n".encode()
    assert [p.name for p in target.parent.iterdir()] == ["state.json"]


@pytest.mark.parametrize("durable", [True, False])
def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, durable: bool
) -> None:
    target = tmp_path / "settings.toml"
    replace_file(target, b"old\n")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError, match="No space left"):
        replace_file(target, b"new\n", durable=durable)
    monkeypatch.undo()
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_private_files_are_owner_only_and_others_follow_the_umask(tmp_path: Path) -> None:
    open_file, private = tmp_path / "settings.toml", tmp_path / "pin.json"
    private.write_text("{}")
    os.chmod(private, 0o644)
    replace_file(private, b"{}\n")
    replace_file(open_file, b"x = 1\n", private=False)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(open_file.stat().st_mode) == 0o666 & ~umask


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; Windows deletes the file on close")
def test_a_spool_is_owner_only_nameless_and_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The merge's scratch file: 0600, made in a 0700 folder of its own, which is gone at once (the file has no
    name), so nothing is left behind whatever happens to the process; it reads back what was written."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    old = os.umask(0)  # the process's umask would hide a mode the code forgot to set
    try:
        with spool() as handle:
            assert stat.S_IMODE(os.fstat(handle.fileno()).st_mode) == 0o600
            assert list(tmp_path.iterdir()) == [], "the spool's folder or its name was left behind"
            handle.write(b"day rows\n")
            handle.seek(0)
            assert handle.read() == b"day rows\n"
    finally:
        os.umask(old)
