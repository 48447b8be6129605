"""Several lessons and new content: start-up with five lessons against one, content change to the new attract
screen, and the patient's frames while new content is validated in the background.

1. Cold start to the first painted attract screen (kiosk_first_frame.py children, cache warm as in
   `kiosk run`) with a content folder of five lessons (copies of the shipped one, each its own id and
   pictures) against the same with one lesson, alternating.
2. In-process, the real kiosk watching a copy of the shipped lesson with the default settings (poll every
   1 s, 2 s quiet): a deck title is changed, then the time until the attract screen is painted with it.
3. In-process, on a slide: the window is repainted every 16 ms (a timer, as an animation would) for two
   seconds while a worker thread validates a copy of the shipped lesson over and over as the watcher does
   (kiosk.content.updates.validate_elsewhere: a child process, then the validated lesson from its cache),
   against the same with no validation running. Each frame's repaint time and each tick's lateness (how long the event
   loop could not run because the worker held the interpreter) are measured; their sum is the frame's cost.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_startup import spawn
from benchlib import SHIPPED_CONTENT, Figure, run_benchmark

from kiosk.content.publish import write_manifest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the in-process QApplication is made
LESSONS = 5
FRAME_MS = 16
TITLE_LINE = re.compile(r"(?m)^title: .*$")


def five_lessons(dest: Path) -> Path:
    """A content folder of LESSONS copies of the shipped lesson, each with its own id and order."""
    root = dest / "five"
    for number in range(1, LESSONS + 1):
        folder = root / f"lesson-{number}"
        shutil.copytree(SHIPPED_CONTENT / "stretching", folder)
        (folder / "lesson.toml").write_text(f'id = "lesson-{number}"\norder = {number}\n', encoding="utf-8")
        write_manifest(folder, f"lesson-{number}")  # published, as a kiosk shows only published lessons
    return root


def startup(count: int, scratch: Path) -> tuple[list[float], list[float]]:
    five = five_lessons(scratch)
    one = scratch / "one"
    shutil.copytree(SHIPPED_CONTENT / "stretching", one / "stretching")
    for root in (five, one):  # fills the content cache, as the first start of a kiosk does
        spawn("kiosk_first_frame.py", str(root))
    five_ms: list[float] = []
    one_ms: list[float] = []
    for index in range(count):
        pair = [(five, five_ms), (one, one_ms)]
        for root, sink in pair if index % 2 == 0 else pair[::-1]:
            sink.append(spawn("kiosk_first_frame.py", str(root)).wall_ms)
        print(f"  start-up round {index + 1}/{count}", file=sys.stderr)
    return five_ms, one_ms


def _kiosk(content: Path, scratch: Path):  # noqa: ANN202 (a Kiosk; Qt is imported only here)
    from kiosk.app.kiosk import build, ensure_application
    from kiosk.config.options import Options
    from kiosk.config.settings import Settings

    ensure_application()
    kiosk = build(
        Options(
            content=content,
            windowed=True,
            size=(1920, 1080),
            transitions=False,
            config_dir=scratch / "config",
            data_dir=scratch / "data",
            settings=Settings(),  # the defaults: poll every 1 s, 2 s quiet
            watch_content=True,
        )
    )
    kiosk.show()
    return kiosk


def change_to_screen(count: int, scratch: Path) -> list[float]:
    """Seconds from a changed deck title to the attract screen painted with the new title."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.typeset import plain

    content = scratch / "live"
    shutil.copytree(SHIPPED_CONTENT / "stretching", content / "stretching")
    kiosk = _kiosk(content, scratch)
    kiosk.lessons.start_updates()
    app = QApplication.instance()
    deck = content / "stretching" / "ja" / "deck.md"
    original = deck.read_text(encoding="utf-8")
    seconds: list[float] = []
    try:
        for run in range(count):
            title = f"ストレッチの話 {run}"
            started = time.monotonic()
            deck.write_text(TITLE_LINE.sub(f"title: {title}", original, count=1), encoding="utf-8")
            write_manifest(deck.parent.parent, "stretching")  # published (what a synced publication delivers)
            deadline = started + 30
            while time.monotonic() < deadline:
                app.processEvents()
                if title in plain(kiosk.window.attract.title.text()):
                    kiosk.window.attract.repaint()
                    break
                time.sleep(0.005)
            else:
                raise RuntimeError("the new content never reached the attract screen")
            seconds.append(time.monotonic() - started)
            print(f"  change {run + 1}/{count}: {seconds[-1]:.2f} s", file=sys.stderr)
    finally:
        kiosk.close()
    return seconds


def frames(scratch: Path, validating: bool, seconds: float = 2.0) -> list[float]:
    """Per frame: repaint ms plus the tick's lateness ms, on a slide, for `seconds`."""
    from PySide6.QtCore import QEventLoop, QTimer

    from kiosk.content.updates import validate_elsewhere

    copy = scratch / f"copy-{validating}"
    if not copy.exists():
        shutil.copytree(SHIPPED_CONTENT / "stretching", copy / "stretching")
    kiosk = _kiosk(SHIPPED_CONTENT, scratch / f"frames-{validating}")
    kiosk.flow.start()
    kiosk.flow.next()
    stop = threading.Event()
    validations = [0]

    def validate_again() -> None:
        while not stop.is_set():  # as the content watcher does: in a child process, then from its cache
            validate_elsewhere(copy, scratch / f"validated-{validations[0]}")
            validations[0] += 1

    worker = threading.Thread(target=validate_again, daemon=True)
    costs: list[float] = []
    loop = QEventLoop()
    due = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        late = max(0.0, (now - due[0]) * 1000)
        kiosk.window.repaint()
        done = time.perf_counter()
        costs.append(late + (done - now) * 1000)
        due[0] = done + FRAME_MS / 1000
        if done > end:
            loop.quit()

    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.timeout.connect(tick)
    kiosk.window.repaint()
    if validating:
        worker.start()
        time.sleep(0.05)
    end = time.perf_counter() + seconds
    due[0] = time.perf_counter() + FRAME_MS / 1000
    timer.start(FRAME_MS)
    loop.exec()
    timer.stop()
    stop.set()
    if validating:
        worker.join()
        print(f"  {validations[0]} validations during the frames", file=sys.stderr)
    kiosk.close()
    return costs


def measure(quick: bool) -> list[Figure]:
    count = 3 if quick else 8
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-lessons-") as name:
        scratch = Path(name)
        five_ms, one_ms = startup(count, scratch)
        change = change_to_screen(2 if quick else 5, scratch)
        busy = frames(scratch, validating=True)
        idle = frames(scratch, validating=False)
    over = sum(1 for cost in busy if cost > FRAME_MS)
    return [
        Figure(
            f"start-up, {LESSONS} lessons",
            "ms",
            five_ms,
            one_ms,
            "one lesson",
            "ratio",
            1.1,
            "cache warm, as in `kiosk run`; the target: no growth beyond the content load",
        ),
        Figure(
            "content change → new attract screen",
            "s",
            change,
            target_on="median",
            target_max=5.0,
            note="default settings: polled every 1 s, then 2 s quiet; then snapshot, validation, switch",
        ),
        Figure(
            "frame on a slide while content validates",
            "ms",
            busy,
            idle,
            "no validation running",
            "p95",
            16.0,
            f"repaint + event-loop lateness per 16 ms tick; {over} of {len(busy)} frames over 16 ms, "
            f"max {max(busy):.1f} ms (idle max {max(idle):.1f} ms); median {statistics.median(busy):.1f}",
        ),
    ]


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, measure))
