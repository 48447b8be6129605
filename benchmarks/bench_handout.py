"""`kiosk handout` for the shipped lesson (A4 PDF, every slide and the closing page), against a one-page PDF.

The floor writes one A4 page holding one Japanese line with the same PDF writer and font: what any PDF of
this text costs (font embedding, file writing). Target (issue 18): the shipped lesson's handout under 3 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchlib import Figure, run_benchmark
from PySide6.QtGui import QFont, QPainter, QPdfWriter
from qtlib import application

from kiosk.app.handout_job import handout_for
from kiosk.core import paths
from kiosk.ui.theme.fonts import japanese_family


def floor_once(out: Path, family: str) -> float:
    started = time.perf_counter()
    writer = QPdfWriter(str(out))
    painter = QPainter(writer)
    font = QFont(family)
    font.setPixelSize(40)
    painter.setFont(font)
    painter.drawText(100, 100, "ストレッチが逆効果になるとき")
    painter.end()
    return (time.perf_counter() - started) * 1000


def measure(quick: bool) -> list[Figure]:
    application()
    family = japanese_family()
    runs = 2 if quick else 7
    handout: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-handout-") as scratch:
        for number in range(runs):
            floor.append(floor_once(Path(scratch) / f"floor{number}.pdf", family))
            started = time.perf_counter()
            pages, problem = handout_for(paths.SHIPPED_CONTENT, "", "ja", Path(scratch) / f"h{number}.pdf")
            handout.append((time.perf_counter() - started) * 1000)
            if problem:
                raise RuntimeError(problem)
    return [
        Figure(
            "handout of the shipped lesson (ja), load + layout + write",
            "ms",
            handout,
            floor,
            "a one-line A4 PDF",
            "median",
            3000,
            note=f"{pages} pages; includes loading and validating the lesson",
        )
    ]


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__ or "", measure))
