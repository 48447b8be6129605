"""Start the real kiosk (content load, validation, window) and exit once the attract screen is painted.

It takes the path of `python main.py --windowed`: the collector off, the command-line module imported
first, then `kiosk run`'s steps (log file, QApplication, build, show), with throwaway folders.

Usage: kiosk_first_frame.py [CONTENT_FOLDER]. Prints `PHASE <name> <time.monotonic()> <peak RSS kB>`
lines at each step and `FIRST_PAINT <time.monotonic()>` when the first paint of `window.attract` is over.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import gc  # noqa: E402 (the clock is read before any import)

gc.disable()  # as main.py does: start-up runs without the garbage collector

import dataclasses  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import kiosk.cli  # noqa: E402, F401 (what main.py imports first)
from kiosk.options import Options  # noqa: E402

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

MARKER = "FIRST_PAINT"


def phase(name: str, when: float | None = None) -> None:
    """Print one time stamp (and the peak RSS so far, in kB) for the parent."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"PHASE {name} {time.monotonic() if when is None else when:.6f} {peak}", flush=True)


def first_paint_reporter(app: QApplication) -> QObject:
    """An event filter that prints the marker after the watched widget's first paint, then quits."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self._done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and not self._done:
                self._done = True
                QTimer.singleShot(0, self._report)  # after the paint (and the rest of the frame) is over
            return False

        def _report(self) -> None:
            phase("painted")
            print(f"{MARKER} {time.monotonic():.6f}", flush=True)
            app.quit()

    return FirstPaint()


def kiosk_options(**wanted: object) -> Options:
    """Options with only the fields this version of `Options` has (qtlib's helper, copied: not its imports)."""
    known = {f.name for f in dataclasses.fields(Options)}
    return Options(**{name: value for name, value in wanted.items() if name in known})  # type: ignore[arg-type]


def main() -> int:
    """Start the kiosk as `python main.py --windowed` does and wait for the first frame.

    Differences from `kiosk run`: the log file and the config, data folders are throwaway ones (a fresh
    install: default settings, no PIN), so that nothing of this machine's kiosk is read or written.
    """
    phase("start", STARTED)
    from kiosk.app import build, ensure_application  # what `kiosk run` imports, in its order
    from kiosk.logs import setup_logging

    phase("imported")
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        setup_logging(Path(scratch) / "log", logging.INFO)
        app = ensure_application()
        wanted: dict[str, object] = {"windowed": True, "size": (1920, 1080)}
        wanted |= {"config_dir": Path(scratch) / "config", "data_dir": Path(scratch) / "data"}
        # As `kiosk run`: the validated content is cached between runs (the warm-up run fills it).
        wanted["cache_dir"] = Path(tempfile.gettempdir()) / "kiosk-bench-cache"
        if len(sys.argv) > 1:
            wanted["content"] = Path(sys.argv[1])
        kiosk = build(kiosk_options(**wanted))
        phase("built")
        if kiosk.flow is None:
            print(f"content problems: {kiosk.problems[:3]}", file=sys.stderr)
            return 2
        watcher = first_paint_reporter(app)
        kiosk.window.attract.installEventFilter(watcher)
        kiosk.show()
        phase("shown")
        return app.exec()


if __name__ == "__main__":
    sys.exit(main())
