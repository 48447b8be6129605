"""How much of the canvas one SVG element paints: the area its fill and stroke cover, scaled by its transform.

An estimate made at validation from the element's own attributes (no geometry library, no Qt): a rectangle's,
a circle's or an ellipse's area, a line's or polyline's length times its stroke width, a path's bounding box.
It only has to be of the right size: kiosk.content.svg_check adds the areas up, following every reference,
and refuses a picture whose shapes would paint the canvas over more times than the drawing budget allows
(the audit's full-canvas overdraw within the shape caps took 2.3 s to draw at 1000x750).
"""

from __future__ import annotations

import math
import re
from itertools import pairwise

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(matrix|scale)\s*\(([^)]*)\)")


def numbers(text: str) -> list[float]:
    return [float(found) for found in _NUMBER.findall(text)]


def number(value: str | None, default: float = 0.0, whole: float = 0.0) -> float:
    """An attribute's length; a percentage of `whole`; the default when absent or not a number."""
    if not value:
        return default
    found = numbers(value)
    if not found or not math.isfinite(found[0]):
        return default
    return abs(found[0]) * whole / 100 if value.strip().endswith("%") else abs(found[0])


def canvas(attributes: dict[str, str]) -> tuple[float, float]:
    """The drawing's width and height in its own units (viewBox, else width and height, else SVG's 300x150)."""
    box = numbers(attributes.get("viewBox", ""))
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        return box[2], box[3]
    return number(attributes.get("width"), 300.0) or 300.0, number(attributes.get("height"), 150.0) or 150.0


def scale(transform: str) -> float:
    """How much a transform enlarges an area (the product of its scale and matrix determinants)."""
    factor = 1.0
    for kind, arguments in _TRANSFORM.findall(transform):
        values = numbers(arguments)
        if kind == "scale" and values:
            factor *= abs(values[0] * (values[1] if len(values) > 1 else values[0]))
        elif kind == "matrix" and len(values) == 6:
            factor *= abs(values[0] * values[3] - values[1] * values[2])
    return factor if math.isfinite(factor) else math.inf


def _length(points: list[float]) -> float:
    pairs = list(zip(points[::2], points[1::2], strict=False))
    return sum(math.dist(a, b) for a, b in pairwise(pairs))


def _box(points: list[float]) -> tuple[float, float]:
    xs, ys = points[::2] or [0.0], points[1::2] or [0.0]
    return max(xs) - min(xs), max(ys) - min(ys)


def painted(tag: str, attributes: dict[str, str], style: dict[str, str], size: tuple[float, float]) -> float:
    """The area `tag` paints in canvas units, before transforms; `style` holds fill, stroke and stroke-width as
    inherited. 0 for an element that paints nothing itself (a group, a definition)."""
    width, height = size
    filled = style.get("fill", "black") != "none"
    stroked = style.get("stroke", "none") != "none"
    stroke = number(style.get("stroke-width"), 1.0, math.hypot(width, height) / math.sqrt(2)) if stroked else 0.0
    if tag == "rect":
        w, h = number(attributes.get("width"), 0, width), number(attributes.get("height"), 0, height)
        return (w * h if filled else 0.0) + 2 * (w + h) * stroke
    if tag in ("circle", "ellipse"):
        rx = number(attributes.get("r") or attributes.get("rx"), 0, width)
        ry = number(attributes.get("r") or attributes.get("ry"), 0, height)
        return (math.pi * rx * ry if filled else 0.0) + 2 * math.pi * max(rx, ry) * stroke
    if tag == "line":
        ends = [number(attributes.get(name)) for name in ("x1", "y1", "x2", "y2")]
        return _length(ends) * stroke
    if tag in ("polyline", "polygon", "path"):
        points = numbers(attributes.get("points") or attributes.get("d") or "")
        w, h = _box(points)
        length = _length(points) if tag != "path" else 2 * (w + h)
        return (w * h if filled else 0.0) + length * stroke
    return 0.0
