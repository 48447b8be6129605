"""Wall time of `kiosk render`: every screen to PNG at 1920x1080, against a same-run floor.

Each run calls kiosk.app.render.render_all() into a fresh temporary folder; it alternates with the floor:
the same number of 1920x1080 PNG files written by grabbing a window holding one Japanese label
(what any renderer pays for grabbing and PNG-encoding a full-HD frame).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchlib import Figure, run_benchmark
from PySide6.QtWidgets import QApplication
from qtlib import SIZE, FloorWindow, application

from kiosk.app.render import render_all
from kiosk.config.options import Options


def render_once(out: Path) -> tuple[float, list[tuple[str, float]]]:
    """One render_all() run; (total ms, [(file name, ms since the previous file)])."""
    stamps: list[tuple[str, float]] = []
    started = time.perf_counter()

    def stamp(path: Path) -> None:
        stamps.append((path.name, time.perf_counter()))

    written = render_all(Options(size=SIZE), out, on_file=stamp)
    total = (time.perf_counter() - started) * 1000
    if len(written) != len(stamps):
        raise RuntimeError("render_all() did not report every file it wrote")
    steps: list[tuple[str, float]] = []
    previous = started
    for name, stamp in stamps:
        steps.append((name, (stamp - previous) * 1000))
        previous = stamp
    return total, steps


def floor_once(out: Path, screens: int) -> float:
    """Grab a floor window and save it as PNG `screens` times; ms."""
    started = time.perf_counter()
    window = FloorWindow()
    window.show()
    for number in range(screens):
        window.label.setText(f"{FloorWindow.TEXTS[number % 2]} {number}")
        QApplication.processEvents()
        if not window.grab().save(str(out / f"{number:02d}.png")):
            raise OSError(f"cannot write into {out}")
    window.close()
    window.deleteLater()
    return (time.perf_counter() - started) * 1000


def measure(quick: bool) -> list[Figure]:
    """The render figures."""
    runs = 2 if quick else 3
    application()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-render-") as scratch:
        _, warm = render_once(Path(scratch) / "warm")  # imports and font caches; not counted
        screens = len(warm)
        totals: list[float] = []
        floors: list[float] = []
        steps: list[list[tuple[str, float]]] = []
        for run in range(runs):
            kiosk_dir, floor_dir = Path(scratch) / f"kiosk-{run}", Path(scratch) / f"floor-{run}"
            floor_dir.mkdir()
            if run % 2:
                floors.append(floor_once(floor_dir, screens))
            total, found = render_once(kiosk_dir)
            totals.append(total)
            steps.append(found)
            if not run % 2:
                floors.append(floor_once(floor_dir, screens))
    per_file = {name: statistics.median(run[i][1] for run in steps) for i, (name, _) in enumerate(steps[0])}
    first_name, first_ms = steps[0][0][0], per_file[steps[0][0][0]]
    slowest = sorted(((n, ms) for n, ms in per_file.items() if n != first_name), key=lambda item: -item[1])[:3]
    note = (
        f"{screens} screens, {statistics.median(totals) / screens:.0f} ms per screen "
        f"(floor {statistics.median(floors) / screens:.0f}); the first file ({first_name}) includes building "
        f"the kiosk: {first_ms:.0f} ms; slowest others: " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in slowest)
    )
    return [
        Figure("render every screen (1920x1080)", "ms", totals, floors, f"floor: {screens} PNG grabs", note=note),
        Figure("screens rendered", "screens", [float(screens)]),
    ]


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, measure))
