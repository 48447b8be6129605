"""Where things are: the interface icons, the shipped lessons, and the platform's folders for run-time files."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "clinic-kiosk"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
ASSETS = PROJECT_ROOT / "assets"
ICONS = ASSETS / "icons"
SHIPPED_CONTENT = PROJECT_ROOT / "content"


def log_dir() -> Path:
    """The platform's log folder for the kiosk (never inside the checkout)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The platform's cache folder: the validated content, safe to delete at any time."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
