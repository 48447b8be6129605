"""Where things are: the interface icons, the shipped lessons, and the platform's folders for run-time files."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from kiosk.core.files import read_file

APP_NAME = "clinic-kiosk"
# An installed package carries the shipped lesson and the assets as kiosk/_shipped/ (setup.py puts them there);
# a checkout (and an editable install) has them at the top of the repository.
_INSTALLED = Path(__file__).resolve().parents[1] / "_shipped"
SHIPPED_ROOT = _INSTALLED if (_INSTALLED / "assets").is_dir() else Path(__file__).resolve().parents[2]
ASSETS = SHIPPED_ROOT / "assets"
ICONS = ASSETS / "icons"
SHIPPED_CONTENT = SHIPPED_ROOT / "content"
# An installed kiosk (`kiosk install`) keeps its folders where the install put them, never under a home folder:
# the service is told by systemd ($CONFIGURATION_DIRECTORY, ...), and a `kiosk` command run from the install's
# venv (set-pin, config) reads them from the file the install wrote into that venv.
INSTALLED_FOLDERS = "clinic-kiosk-folders"
_SYSTEMD = {"config": "CONFIGURATION_DIRECTORY", "data": "STATE_DIRECTORY", "cache": "CACHE_DIRECTORY",
            "logs": "LOGS_DIRECTORY"}  # fmt: skip


def installed_folder(kind: str, environ: Mapping[str, str] = os.environ, prefix: str = "") -> Path | None:
    """The install's folder of this kind (config, data, cache, logs), or None when not run from an install."""
    given = environ.get(_SYSTEMD[kind], "")
    if given:
        return Path(given.split(":")[0])  # systemd lists several folders with ':'; the unit names one
    try:
        text = read_file(Path(prefix or sys.prefix) / INSTALLED_FOLDERS, 64 * 1024).decode("utf-8")
    except OSError:
        return None
    found = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    return Path(found[kind]) if found.get(kind, "").startswith("/") else None


def log_dir() -> Path:
    """The platform's log folder for the kiosk (never inside the checkout)."""
    return installed_folder("logs") or Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return installed_folder("config") or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return installed_folder("data") or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The platform's cache folder: the validated content, safe to delete at any time."""
    return installed_folder("cache") or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
