"""Sizes and the style sheet, computed from the window size and the one palette.

Everything scales with the short side of the window, so the layout designed at 1920x1080 keeps its
physical proportions at 1366x768, 1280x800 and in portrait 1080x1920.
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

from typing import NamedTuple

from kiosk.ui.theme.palette import HIGH_CONTRAST, NORMAL, Palette

DESIGN_SHORT_SIDE = 1080  # px: the numbers below are for a 1080-pixel short side
LARGE_TEXT_FACTOR = 1.25


class Metrics(NamedTuple):
    """Pixel sizes for one window size."""

    scale: float
    text_scale: float  # scale times the large-text factor when that aid is on
    palette: Palette = NORMAL

    def px(self, design_px: float) -> int:
        """A layout size (margins, gaps, buttons) at this window size."""
        return max(1, round(design_px * self.scale))

    def text(self, design_px: float) -> int:
        """A font size at this window size, with large text applied."""
        return max(1, round(design_px * self.text_scale))

    # Text (DESIGN.md: body >= 32 px, headings >= 48 px at 1080 p).
    @property
    def body(self) -> int:
        return self.text(40)

    @property
    def heading(self) -> int:
        return self.text(56)

    @property
    def title(self) -> int:
        return self.text(64)

    @property
    def button_text(self) -> int:
        return self.text(36)

    @property
    def caption(self) -> int:
        return self.text(32)

    # Touch (DESIGN.md: targets >= 96 px tall, >= 24 px apart at 1080 p).
    @property
    def button_height(self) -> int:
        return max(self.px(112), round(self.button_text * 2.2))

    @property
    def button_min_width(self) -> int:
        return self.px(240)

    @property
    def gap(self) -> int:
        return self.px(32)

    @property
    def margin(self) -> int:
        return self.px(56)

    @property
    def radius(self) -> int:
        return self.px(24)


def metrics_for(width: int, height: int, large_text: bool = False, high_contrast: bool = False) -> Metrics:
    """The metrics for a window of this size, with the visit's aids."""
    scale = max(0.3, min(width, height) / DESIGN_SHORT_SIDE)
    palette = HIGH_CONTRAST if high_contrast else NORMAL
    return Metrics(scale, scale * (LARGE_TEXT_FACTOR if large_text else 1.0), palette)


LINE_HEIGHT_EM = 1.6  # DESIGN.md: line height about 1.6


def style_sheet(m: Metrics, family: str = "") -> str:
    """The application style sheet; widgets pick their role through objectName."""
    p = m.palette
    card_border = f"border: {m.px(3)}px solid {p.ink};" if p is HIGH_CONTRAST else ""
    font = f'font-family: "{family}";' if family else ""
    pad_key = m.px(200) - 2 * m.px(3)  # PIN keys 200 px wide at 1080 p, border included
    # The idle prompt's Continue: 520x140 at 1080 p, border and padding included. In the style sheet, not
    # setMinimumSize: a repolish (the first show) would put the sheet's smaller minimum back.
    wide = m.px(520) - 2 * m.px(36) - 2 * m.px(3)
    return f"""
    QWidget#page {{ background: {p.background}; }}
    QWidget {{ color: {p.ink}; {font} }}
    QLabel {{ font-size: {m.body}px; background: transparent; }}
    QLabel#title {{ font-size: {m.title}px; font-weight: bold; color: {p.teal_dark}; }}
    QLabel#subtitle {{ font-size: {m.heading * 3 // 4}px; color: {p.ink_soft}; }}
    QLabel#heading {{ font-size: {m.heading}px; font-weight: bold; color: {p.teal_dark}; }}
    QLabel#body {{ font-size: {m.body}px; color: {p.ink}; }}
    QLabel#safety_point {{ font-size: {m.text(36)}px; font-weight: bold; color: {p.ink}; }}
    QLabel#subheading {{ font-size: {m.text(42)}px; font-weight: bold; color: {p.ink}; }}
    QLabel#score_words {{ font-size: {m.text(76)}px; font-weight: bold; color: {p.teal_dark}; }}
    QLabel#question {{ font-size: {m.text(58)}px; font-weight: bold; color: {p.teal_dark}; }}
    QLabel#question_long {{ font-size: {m.heading}px; font-weight: bold; color: {p.teal_dark}; }}
    QLabel#answer_text {{ font-size: {m.body}px; color: {p.ink}; font-weight: bold; }}
    QLabel#answer_tag {{ font-size: {m.caption}px; color: {p.ink}; font-weight: bold; }}
    QPushButton#answer_dim QLabel {{ color: {p.ink_soft}; font-weight: normal; }}
    QLabel#countdown {{ font-size: {m.heading}px; font-weight: bold; color: {p.accent}; }}
    QLabel#pin_dots {{ font-size: {m.title}px; color: {p.ink}; }}
    QPushButton#pin_key {{ font-size: {m.title}px; }}
    QLabel#caption {{ font-size: {m.caption}px; color: {p.ink_soft}; }}
    QLabel#progress {{ font-size: {m.caption}px; color: {p.ink_soft}; font-weight: bold; }}
    QLabel#banner_right {{ font-size: {m.heading}px; font-weight: bold; color: {p.right}; }}
    QLabel#banner_wrong {{ font-size: {m.heading}px; font-weight: bold; color: {p.accent}; }}
    QPushButton {{
        font-size: {m.button_text}px; min-height: {m.button_height}px;
        min-width: {m.button_min_width}px; padding: 0 {m.px(36)}px; border-radius: {m.radius}px;
        border: {m.px(3)}px solid {p.teal_dark}; background: {p.surface}; color: {p.teal_dark};
        font-weight: bold;
    }}
    QPushButton[compact="true"] {{ min-width: {m.px(160)}px; }}
    QPushButton[pad_key="true"] {{ min-width: {pad_key}px; max-width: {pad_key}px; padding: 0; }}
    QPushButton[wide="true"] {{ min-width: {wide}px; min-height: {m.px(140) - 2 * m.px(3)}px; }}
    QPushButton:pressed {{ background: {p.sage_light}; }}
    QPushButton:disabled {{ border-color: {p.sage}; color: {p.ink_soft}; background: {p.background}; }}
    QPushButton#primary {{ background: {p.teal_dark}; color: {p.on_primary}; border-color: {p.teal_dark}; }}
    QPushButton#primary:pressed {{ background: {p.ink}; }}
    QPushButton#primary:disabled {{ background: {p.background}; color: {p.ink_soft}; border-color: {p.sage}; }}
    QPushButton#leave {{ color: {p.accent}; border-color: {p.accent}; background: {p.surface}; }}
    QPushButton#leave:pressed {{ background: {p.sage_light}; }}
    QPushButton#answer, QPushButton#answer_right, QPushButton#answer_wrong, QPushButton#answer_dim {{
        text-align: left; padding: 0; min-width: 0; min-height: 0; border-width: {m.px(4)}px;
    }}
    QPushButton#answer {{ background: {p.surface}; border-color: {p.teal_dark}; }}
    QPushButton#answer_right {{ background: {p.right_light}; border-color: {p.right}; }}
    QPushButton#answer_wrong {{ background: {p.accent_light}; border-color: {p.accent}; }}
    QPushButton#answer_dim {{ background: {p.background}; border-color: {p.sage}; }}
    QPushButton#topic {{ padding: 0; min-width: 0; }}
    QLabel#topic_title {{ font-size: {m.text(44)}px; font-weight: bold; color: {p.teal_dark}; }}
    QLabel#topic_line {{ font-size: {m.caption}px; color: {p.ink_soft}; }}
    QLabel#topic_note {{
        font-size: {m.caption}px; font-weight: bold; color: {p.ink}; background: {p.sage_light};
        border-radius: {m.px(12)}px; padding: {m.px(6)}px {m.px(24)}px;
    }}
    QFrame#card {{ background: {p.surface}; border-radius: {m.radius}px; {card_border} }}
    QPushButton#aid {{
        font-size: {m.caption}px; min-width: 0; padding: 0 {m.px(24)}px; border-width: {m.px(2)}px;
        min-height: {m.px(96)}px;
    }}
    QPushButton#aid:checked {{ background: {p.teal_dark}; color: {p.on_primary}; }}
    """
