"""How to run the kiosk, from the command line: plain data, so the commands that never open a window
(validate, config, set-pin, stats) need no Qt."""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

from pathlib import Path
from typing import NamedTuple

from kiosk.config.settings import Settings


class Options(NamedTuple):
    """How to run, from the command line; None means "from the settings file" or the platform default."""

    content: Path | None = None
    language: str | None = None
    windowed: bool = False
    size: tuple[int, int] = (1920, 1080)
    lockdown: bool | None = None  # default: locked down unless windowed
    transitions: bool | None = None
    config_dir: Path | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None  # None: no content cache (tests, render); `kiosk run` passes the platform's
    settings: Settings | None = None
    watch_content: bool = False  # `kiosk run`: notice new content in the folder and show it between visits
