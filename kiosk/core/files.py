"""Replacing small files safely: a crash or a full disk mid-write leaves the old file, never half a new one."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path


def replace_file(path: Path, data: bytes, *, private: bool = False, durable: bool = True) -> None:
    """Replace `path` with `data` atomically, creating its folder; raises OSError and leaves no temporary file.

    The data goes to a temporary file in the same folder, which is then renamed over `path`.
    private: readable by the owner only, from the moment the file exists (PIN, lockout state).
    durable: flushed to the disk before the rename; a cache that can be rebuilt skips it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600 if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if private:
        try:
            # Makes the mode certain whatever the file system did on rename; Windows only knows read-only.
            os.chmod(path, 0o600)
        except OSError:
            if sys.platform != "win32":
                raise
