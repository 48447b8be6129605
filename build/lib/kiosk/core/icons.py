"""The interface's icons (tick, cross, home...), read once at start-up and handed to the widgets."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.core.files import read_file

log = logging.getLogger("kiosk.ui")

NAMES = ("tick", "cross")  # every icon the screens draw (the quiz feedback); assets/icons/ holds just these


def load_icons(folder: Path) -> dict[str, bytes]:
    """Every icon that exists and is a clean SVG; a missing icon is logged and simply not drawn."""
    from kiosk.content.svg_check import svg_problem  # with the quiz page's first use, not at start-up

    icons: dict[str, bytes] = {}
    for name in NAMES:
        path = folder / f"{name}.svg"
        try:
            data = read_file(path, 512_000)  # a regular file of icon size, never a FIFO or a link out
        except OSError as error:
            log.warning("icon %s cannot be read (%s); it will not be shown", path, error.strerror)
            continue
        problem = svg_problem(data)
        if problem:
            log.warning("icon %s: %s; it will not be shown", path, problem)
            continue
        icons[name] = data
    return icons
