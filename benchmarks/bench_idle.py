"""CPU time of the kiosk at rest: idling on the attract screen, and on a slide nobody touches.

Offscreen, 1920x1080, transitions on, after the warm-up that builds the other pages. The share is CPU
time (user + system, this process) over wall time, in % of one core. The baseline is a floor window
with one Japanese label idling just as long. Targets (issue 12): attract <= 2 %, slide <= 0.5 %.
On the attract screen the loop runs as shipped (a 0.6 s cross-fade every `attract_seconds`, 8 s): the
moves it made are counted, so a figure from a loop that never moved cannot pass for a quiet one.
"""

from __future__ import annotations

import time

from benchlib import Figure, run_benchmark
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from qtlib import FloorWindow, application, build_kiosk

SETTLE_S = 2.5  # past the kiosk's 1.5 s warm-up (the other pages are built then)


def idle_share(seconds: float) -> float:
    """Run the event loop for `seconds` doing nothing; CPU time over wall time, in % of one core."""
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    cpu, wall = time.process_time(), time.monotonic()
    loop.exec()
    return (time.process_time() - cpu) / (time.monotonic() - wall) * 100


def settle(seconds: float = SETTLE_S) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def measure(quick: bool) -> list[Figure]:
    application()
    seconds = 10.0 if quick else 60.0
    floor = FloorWindow()
    floor.show()
    settle(1.0)
    baseline = [idle_share(seconds)]
    floor.close()
    kiosk = build_kiosk()
    kiosk.show()
    settle()
    moves: list[tuple[int, int]] = []
    kiosk.attract_loop.moved.connect(lambda lesson, picture: moves.append((lesson, picture)))
    attract = [idle_share(seconds)]
    if seconds > kiosk.settings.attract_seconds * 2 and len(moves) < 2:
        raise RuntimeError(f"the attract loop moved {len(moves)} times in {seconds:.0f} s")
    assert kiosk.flow is not None
    kiosk.flow.start()
    settle()
    slide = [idle_share(seconds)]
    kiosk.close()
    QApplication.processEvents()
    window = f"{seconds:.0f} s"
    return [
        Figure(
            "idle on the attract screen, CPU",
            "% of a core",
            attract,
            baseline,
            f"floor window, {window}",
            "median",
            2.0,
            note=f"{window} offscreen after a {SETTLE_S} s settle; the loop moved {len(moves)} times "
            f"(every {kiosk.settings.attract_seconds:g} s)",
        ),
        Figure(
            "idle on a slide at rest, CPU",
            "% of a core",
            slide,
            baseline,
            f"floor window, {window}",
            "median",
            0.5,
            note=f"{window} offscreen after a {SETTLE_S} s settle",
        ),
    ]


if __name__ == "__main__":
    raise SystemExit(run_benchmark(__doc__ or "", measure))
