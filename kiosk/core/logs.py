"""Logging: named loggers per area, a rotating file in the platform's log folder, a fault trace."""

from __future__ import annotations

import faulthandler
import io
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from kiosk.core.files import open_private_text, private_folder

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5
_fault_file: TextIO | None = None


def setup_logging(folder: Path | None, level: int = logging.INFO) -> Path | None:
    """Log to stderr and, when a folder is given and writable, to a rotating file there.

    Returns the log file's path, or None when only stderr is used (a full or read-only disk never
    stops the kiosk; it is reported on stderr instead).
    """
    global _fault_file
    root = logging.getLogger("kiosk")
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    if folder is None:
        return None
    path = folder / "kiosk.log"
    try:
        private_folder(folder)
        handler = RotatingFile(path, MAX_BYTES, BACKUPS)
        if _fault_file is None:
            # A native crash (segfault in Qt or a driver) leaves its Python stack here.
            _fault_file = open_private_text(folder / "crash.log", "a", "utf-8")  # kept open for life
            faulthandler.enable(_fault_file)
    except OSError as error:
        root.warning("cannot write logs to %s (%s); logging to the console only", folder, error)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path


class RotatingFile(logging.FileHandler):
    """kiosk.log, kiosk.log.1 ... kiosk.log.N: the newest file is started afresh once it reaches `max_bytes`.

    What `logging.handlers.RotatingFileHandler` does; that module is not used because it imports
    socket, selectors and queue for its network handlers, 5 ms of a 170 ms start-up.
    """

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        self.max_bytes, self.backups = max_bytes, backups
        super().__init__(path, encoding="utf-8")

    def _open(self) -> io.TextIOWrapper:
        """kiosk.log is owner-only (0600), like every run-time file."""
        stream = open_private_text(self.baseFilename, self.mode, self.encoding or "utf-8")
        assert isinstance(stream, io.TextIOWrapper)
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self.rotate()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def rotate(self) -> None:
        """Start kiosk.log afresh now: each kept file moves one number up (the oldest is dropped)."""
        assert self.stream is not None  # only an open kiosk.log is rotated
        self.stream.close()
        path = self.baseFilename  # set by FileHandler: the absolute path of kiosk.log
        for number in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{path}.{number}"):
                os.replace(f"{path}.{number}", f"{path}.{number + 1}")
        os.replace(path, f"{path}.1")
        self.stream = self._open()
