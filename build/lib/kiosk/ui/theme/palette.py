"""The one palette: declared once, used by the widgets, the illustrations and the tests.

Contrast ratios are checked in tests/test_palette.py; the SVG files under assets/ may use only
these colours (also tested), so pictures and widgets always match.
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

from typing import NamedTuple


class Palette(NamedTuple):
    """Named colours of one theme, as #RRGGBB strings."""

    background: str  # the page
    surface: str  # cards and panels
    ink: str  # body text and outlines
    ink_soft: str  # secondary text (progress, captions)
    teal: str  # primary buttons, headings
    teal_dark: str  # pressed primary buttons
    sage: str  # fills, secondary buttons
    sage_light: str  # quiet fills
    accent: str  # pain and strain only; wrong answers
    right: str  # right answers (with a tick icon and words, never colour alone)
    right_light: str  # the fill of the right answer once answered (ink on it)
    accent_light: str  # the fill of a chosen answer that was not right (ink on it)
    on_primary: str  # text on teal / accent / right


NORMAL = Palette(
    background="#F7F4EE",
    surface="#FFFFFF",
    ink="#1F2D33",
    ink_soft="#3D4F56",
    teal="#2F6E7A",
    teal_dark="#225560",
    sage="#A8C5B5",
    sage_light="#DCE8E0",
    accent="#B03427",
    right="#2E6B3F",
    right_light="#E1EFE4",
    accent_light="#F8E5E2",
    on_primary="#FFFFFF",
)

# The high-contrast aid: black on white, darker buttons, every text pair far above 7:1.
HIGH_CONTRAST = Palette(
    background="#FFFFFF",
    surface="#FFFFFF",
    ink="#000000",
    ink_soft="#1A1A1A",
    teal="#00404A",
    teal_dark="#00323A",
    sage="#9DB8A9",
    sage_light="#E6EEE9",
    accent="#8A1C12",
    right="#12461F",
    right_light="#E6F2E9",
    accent_light="#FAE8E5",
    on_primary="#FFFFFF",
)

THEMES: dict[str, Palette] = {"normal": NORMAL, "high_contrast": HIGH_CONTRAST}

# Colours that only the illustrations use (skin, hair, faded nerve); never text.
ILLUSTRATION_EXTRAS: dict[str, str] = {
    "skin": "#EDC9A8",
    "hair": "#1F2D33",
    "faded": "#C9CFD1",
    "sand": "#E9DFCF",
}


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an #RRGGBB colour."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two #RRGGBB colours (1.0 to 21.0)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
