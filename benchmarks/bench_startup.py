"""Cold start to the first painted frame: the kiosk against the floor, and with a 500-slide deck.

Each run spawns fresh processes (floor_app.py, kiosk_first_frame.py with the shipped content, and
kiosk_first_frame.py with a generated 500-slide deck), in a rotating order so that none always goes
first. Wall time runs from just before spawning to the child's FIRST_PAINT time stamp (both read from
CLOCK_MONOTONIC); peak memory is each child's own ru_maxrss, from os.wait4 on its pid.
Also times load_library() of the 500-slide folder in-process, alternating with the shipped one.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import (
    BENCH_DIR,
    PYTHON,
    ROOT,
    SHIPPED_CONTENT,
    Figure,
    make_big_content,
    run_benchmark,
)
from first_frame import MARKER, PHASE

BIG_SLIDES = 500


@dataclass
class Run:
    """One child process: wall time to first paint (ms), peak RSS (MB), its phase time stamps."""

    wall_ms: float
    rss_mb: float
    phases: dict[str, float] = field(default_factory=dict)  # name -> ms after spawn
    peaks: dict[str, float] = field(default_factory=dict)  # name -> peak RSS so far, MB


def spawn(script: str, *args: str) -> Run:
    """Run one benchmark child to its first frame; measure wall time and the child's own peak RSS."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    command = [PYTHON, str(BENCH_DIR / script), *args]
    spawned = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    phases: dict[str, float] = {}
    peaks: dict[str, float] = {}
    painted: float | None = None
    assert child.stdout is not None and child.stderr is not None
    for line in child.stdout:
        parts = line.split()
        if len(parts) == 4 and parts[0] == PHASE:
            phases[parts[1]] = (float(parts[2]) - spawned) * 1000
            peaks[parts[1]] = int(parts[3]) / 1024
        elif len(parts) == 2 and parts[0] == MARKER:
            painted = float(parts[1])
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
    if painted is None or child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}): {errors[-2000:]}")
    return Run((painted - spawned) * 1000, usage.ru_maxrss / 1024, phases, peaks)


def phase_note(runs: list[Run]) -> str:
    """Median time of each step, in ms after spawn, e.g. 'start 45, imported 270, ...'."""
    names = list(runs[0].phases)
    steps = [f"{name} {statistics.median(r.phases.get(name, float('nan')) for r in runs):.0f}" for name in names]
    return "median ms after spawn: " + ", ".join(steps)


def peak_note(runs: list[Run]) -> str:
    """Median peak RSS reached by each step, e.g. 'imported 60, built 80, ...' (MB)."""
    names = [name for name in runs[0].peaks if name != "start"]
    steps = [f"{name} {statistics.median(r.peaks.get(name, float('nan')) for r in runs):.0f}" for name in names]
    return "median peak RSS (MB) by step: " + ", ".join(steps)


def startup_runs(count: int, big: Path) -> dict[str, list[Run]]:
    """`count` rounds of floor, kiosk and kiosk with the big deck, the order rotating each round."""
    kinds: dict[str, tuple[str, ...]] = {
        "floor": ("floor_app.py",),
        "kiosk": ("kiosk_first_frame.py",),
        "kiosk500": ("kiosk_first_frame.py", str(big)),
    }
    # An installed kiosk has byte-code (scripts/setup.sh compiles it, as pip does for PySide6), and the
    # children below run with PYTHONDONTWRITEBYTECODE: compile it here so no run pays for compiling.
    compileall.compile_dir(str(ROOT / "kiosk"), quiet=1)
    for args in kinds.values():  # warm the page cache; not counted
        spawn(*args)
    runs: dict[str, list[Run]] = {name: [] for name in kinds}
    names = list(kinds)
    for round_number in range(count):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            runs[name].append(spawn(*kinds[name]))
        print(f"  start-up round {round_number + 1}/{count}", file=sys.stderr)
    return runs


def load_runs(count: int, big: Path) -> tuple[list[float], list[float], int]:
    """load_library() of the big folder and of the shipped one, alternating; ms each, and the slide count."""
    from kiosk.content.loader import load_library

    def timed(root: Path) -> tuple[float, int]:
        started = time.perf_counter()
        library, problems = load_library(root)
        elapsed = (time.perf_counter() - started) * 1000
        if library is None:
            raise RuntimeError(f"{root} does not load: {problems[:3]}")
        texts = [text for lesson in library.lessons.values() for text in lesson.translations.values()]
        return elapsed, sum(len(text.deck.slides) for text in texts)

    timed(SHIPPED_CONTENT)  # imports and first-use caches; not counted
    big_ms: list[float] = []
    shipped_ms: list[float] = []
    slides = 0
    for index in range(count):
        pair = [(big, big_ms), (SHIPPED_CONTENT, shipped_ms)]
        for root, sink in pair if index % 2 == 0 else pair[::-1]:
            elapsed, found = timed(root)
            sink.append(elapsed)
            if root == big:
                slides = found
    return big_ms, shipped_ms, slides


def measure(quick: bool) -> list[Figure]:
    """All start-up figures."""
    count = 3 if quick else 10
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-big-") as scratch:
        big = make_big_content(Path(scratch), BIG_SLIDES)
        big_ms, shipped_ms, slides = load_runs(count, big)
        if slides != BIG_SLIDES:
            raise RuntimeError(f"the generated deck has {slides} slides, not {BIG_SLIDES}")
        runs = startup_runs(count, big)
    floor, kiosk, kiosk500 = runs["floor"], runs["kiosk"], runs["kiosk500"]
    return [
        Figure(
            "start-up to first frame",
            "ms",
            [r.wall_ms for r in kiosk],
            [r.wall_ms for r in floor],
            "floor_app",
            "ratio",
            1.3,
            f"kiosk {phase_note(kiosk)}; floor {phase_note(floor)}",
        ),
        Figure(
            "start-up peak RSS",
            "MB",
            [r.rss_mb for r in kiosk],
            [r.rss_mb for r in floor],
            "floor_app",
            "ratio",
            1.5,
            f"kiosk {peak_note(kiosk)}; floor {peak_note(floor)}",
        ),
        Figure(
            f"start-up, {BIG_SLIDES}-slide deck",
            "ms",
            [r.wall_ms for r in kiosk500],
            [r.wall_ms for r in kiosk],
            "shipped deck",
            note=f"500-slide {phase_note(kiosk500)}",
        ),
        Figure(
            f"start-up peak RSS, {BIG_SLIDES}-slide deck",
            "MB",
            [r.rss_mb for r in kiosk500],
            [r.rss_mb for r in kiosk],
            "shipped deck",
        ),
        Figure(
            f"load+validate {BIG_SLIDES}-slide folder",
            "ms",
            big_ms,
            shipped_ms,
            "shipped folder",
            "median",
            1000.0,
            f"in-process load_library(); {statistics.median(big_ms) / BIG_SLIDES:.2f} ms per slide",
        ),
    ]


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, measure))
