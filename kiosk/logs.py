"""Logging: named loggers per area, a rotating file in the platform's log folder, a fault trace."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
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
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        if _fault_file is None:
            # A native crash (segfault in Qt or a driver) leaves its Python stack here.
            _fault_file = open(folder / "crash.log", "a", encoding="utf-8")  # noqa: SIM115 (kept open for life)
            faulthandler.enable(_fault_file)
    except OSError as error:
        root.warning("cannot write logs to %s (%s); logging to the console only", folder, error)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path
