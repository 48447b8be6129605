"""Pictures with a drawing budget (issue 27, item 2): features the flat lesson style never uses and that cost per
pixel are refused, saying which and why, and what remains is bounded by the area it would paint."""

from __future__ import annotations

import pytest

from kiosk.content.svg_check import MAX_OVERDRAW, svg_problem
from tests.bounded import within_seconds

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600">'


def picture(body: str) -> bytes:
    return f"{HEAD}\n{body}\n</svg>".encode()


def test_the_audits_blur_is_refused_naming_filters_and_why() -> None:
    """600 rectangles under feGaussianBlur stdDeviation=300 (56 kB, within the shape caps; 40 s to draw): refused."""
    rects = "".join(f'<rect x="{i}" y="0" width="50" height="50" filter="url(#b)"/>' for i in range(600))
    data = picture(f'<defs><filter id="b"><feGaussianBlur stdDeviation="300"/></filter></defs>{rects}')
    with within_seconds(5):
        problem = svg_problem(data)
    assert problem is not None and problem.startswith("line 2: SVG <filter> is not allowed")
    assert "cost per pixel" in problem


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ('<feGaussianBlur stdDeviation="3"/>', "<feGaussianBlur> is not allowed: filters"),
        ('<mask id="m"><rect width="9" height="9"/></mask>', "<mask> is not allowed: a mask draws"),
        ('<pattern id="p" width="4" height="4"><rect width="2" height="2"/></pattern>', "<pattern> is not allowed"),
        ('<rect width="9" height="9" mask="url(#m)"/>', "mask is not allowed"),
        ('<rect width="9" height="9" style="fill: red; filter: blur(9px)"/>', "filter is not allowed"),
    ],
)
def test_other_costly_features_are_refused(body: str, said: str) -> None:
    """Every filter primitive, masks and patterns, also as an attribute or in a style, say why they are refused."""
    problem = svg_problem(picture(body))
    assert problem is not None and said in problem and "line 2:" in problem


def full_rects(count: int, extra: str = "") -> bytes:
    return picture("".join(f'<rect x="0" y="0" width="800" height="600" {extra}/>' for _ in range(count)))


def test_overdraw_at_the_budget_passes_and_one_more_canvas_is_refused() -> None:
    """MAX_OVERDRAW full-canvas rectangles are drawn; one more is refused with how many times it would paint."""
    assert svg_problem(full_rects(MAX_OVERDRAW)) is None
    problem = svg_problem(full_rects(MAX_OVERDRAW + 1))
    assert problem is not None and f"paint the picture {MAX_OVERDRAW + 1} times over" in problem


def test_overdraw_through_use_and_scale_is_counted() -> None:
    """Small shapes made large by a transform, or repeated by <use>, count for the area they paint."""
    scaled = picture("".join('<rect width="8" height="6" transform="scale(100)"/>' for _ in range(MAX_OVERDRAW + 1)))
    assert "times over" in (svg_problem(scaled) or "")
    used = picture(
        '<defs><g id="g">' + '<rect width="800" height="600"/>' * 20 + "</g></defs>" + '<use href="#g"/>' * 10
    )
    assert "times over" in (svg_problem(used) or "")


def test_thick_strokes_count_for_their_area() -> None:
    """A zigzag polyline stroked 30 wide covers the canvas; drawn more times than the budget: refused."""
    zigzag = " ".join(f"{0 if i % 2 else 800},{i * 6}" for i in range(100))
    lines = f'<polyline fill="none" stroke="black" stroke-width="30" points="{zigzag}"/>' * (MAX_OVERDRAW + 1)
    assert "times over" in (svg_problem(picture(lines)) or "")


def test_inherited_stroke_width_counts() -> None:
    """A stroke width set on a group reaches its lines."""
    lines = '<line x1="0" y1="0" x2="800" y2="600"/>' * 200
    assert "times over" in (svg_problem(picture(f'<g stroke="black" stroke-width="400">{lines}</g>')) or "")
    assert svg_problem(picture(f'<g stroke="black" stroke-width="4">{lines}</g>')) is None
