"""A touchscreen kiosk that teaches patients in a clinic waiting room."""

from __future__ import annotations

__version__ = "0.1.0"
