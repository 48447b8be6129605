"""Start a kiosk in a child process and look at it once its first screen is drawn: what start-up loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def first_screen(tmp_path: Path, probe: str) -> str:
    """What `probe` (a Python expression over `k`, the kiosk, and `sys`) is once a cached start shows its first screen.

    The kiosk is started twice in fresh processes: the first start validates the content and fills the cache,
    the second is every later start, and it is the one looked at. Throwaway config, data and cache folders.
    """
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from kiosk.app.kiosk import build\n"
        "from kiosk.config.options import Options\n"
        f"root = Path({str(tmp_path)!r})\n"
        "folders = {name + '_dir': root / name for name in ('config', 'data', 'cache')}\n"
        "k = build(Options(windowed=True, **folders))\n"
        "k.show()\n"
        "QApplication.processEvents()\n"
        f"print(repr({probe}))\n"
        "QApplication.processEvents()  # what runs once the frame is drawn: the first screen's picture is kept\n"
        "k.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    for _start in ("first", "second"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]
