"""Presentation of the sanitised slide HTML: line height and emphasis colour, nothing else."""

from __future__ import annotations

from kiosk.ui.theme.palette import NORMAL, Palette
from kiosk.ui.theme.styles import LINE_HEIGHT_EM


def line_height_percent(font_px: int, natural_line_px: float) -> int:
    """Qt's proportional line height is relative to the font's own line spacing, not its size."""
    return max(100, round(LINE_HEIGHT_EM * font_px / natural_line_px * 100))


def styled_html(body_html: str, spacing_px: int, line_percent: int = 110, p: Palette = NORMAL) -> str:
    """Add the line height and paragraph spacing Qt's rich text needs as inline styles."""
    block = f'style="line-height:{line_percent}%; margin-top:0; margin-bottom:{spacing_px}px"'
    item = f'style="line-height:{line_percent}%; margin-bottom:{spacing_px // 3}px"'
    return (
        body_html.replace("<p>", f"<p {block}>")
        .replace("<li>", f"<li {item}>")
        .replace("<ul>", f'<ul style="margin-top:0; margin-bottom:{spacing_px}px; margin-left:0">')
        .replace("<strong>", f'<strong style="color:{p.teal_dark}">')
    )
