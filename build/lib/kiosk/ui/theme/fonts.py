"""Pick a font family that has Japanese glyphs, and say clearly when none is installed."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

log = logging.getLogger("kiosk.ui")

PREFERRED_FAMILIES = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "BIZ UDPGothic",
    "Yu Gothic UI",
    "Yu Gothic",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "Meiryo",
    "IPAexGothic",
    "IPAGothic",
    "TakaoGothic",
)
MISSING_FONT_ADVICE = (
    "no Japanese font found, Japanese text will show as boxes; install one "
    "(Debian/Ubuntu: sudo apt-get install fonts-noto-cjk; Windows: Yu Gothic ships with the system)"
)


def japanese_family() -> str:
    """The first installed family of PREFERRED_FAMILIES, or "" (after a warning) when none is."""
    installed = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in installed:
            log.debug("font family: %s", family)
            return family
    for family in sorted(installed):
        if QFontDatabase.WritingSystem.Japanese in QFontDatabase.writingSystems(family):
            log.info("font family: %s (has Japanese, not on the preferred list)", family)
            return family
    log.warning(MISSING_FONT_ADVICE)
    return ""
