"""Start the real kiosk (content load, validation, window) and exit once the attract screen is painted.

It takes the path of `python main.py --windowed`: the collector off, the command-line module imported
first, then `kiosk run`'s steps (log file, QApplication, build, show), with throwaway folders.

Usage: kiosk_first_frame.py [CONTENT_FOLDER]. Reports its steps and the first paint of `window.attract` as
`first_frame.py` describes.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import gc  # noqa: E402 (the clock is read before any import)

gc.disable()  # as main.py does: start-up runs without the garbage collector

import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from first_frame import first_paint_reporter, phase  # noqa: E402

import kiosk.cli  # noqa: E402, F401 (what main.py imports first)
from kiosk.config.options import Options  # noqa: E402


def main() -> int:
    """Start the kiosk as `python main.py --windowed` does and wait for the first frame.

    Differences from `kiosk run`: the log file and the config, data folders are throwaway ones (a fresh
    install: default settings, no PIN), so that nothing of this machine's kiosk is read or written.
    """
    phase("start", STARTED)
    from kiosk.app.kiosk import build, ensure_application  # what `kiosk run` imports, in its order
    from kiosk.core.logs import setup_logging

    phase("imported")
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        setup_logging(Path(scratch) / "log", logging.INFO)
        app = ensure_application()
        options = Options(
            content=Path(sys.argv[1]) if len(sys.argv) > 1 else None,
            windowed=True,
            size=(1920, 1080),
            config_dir=Path(scratch) / "config",
            data_dir=Path(scratch) / "data",
            # As `kiosk run`: the validated content is cached between runs (the warm-up run fills it).
            cache_dir=Path(tempfile.gettempdir()) / "kiosk-bench-cache",
        )
        kiosk = build(options)
        phase("built")
        if kiosk.flow is None:
            print(f"content problems: {kiosk.lessons.problem_texts()[:3]}", file=sys.stderr)
            return 2
        watcher = first_paint_reporter(app)
        kiosk.window.attract.installEventFilter(watcher)
        kiosk.show()
        phase("shown")
        return app.exec()


if __name__ == "__main__":
    sys.exit(main())
