"""What an SVG picture would cost to draw, checked once when content is validated, never while drawing.

A 2 kB file can ask for a billion shapes: `<use>` (or `fill="url(#...)"`) draws another element again, and
ten of them per level over nine levels multiply. So the check counts the shapes the drawing would expand
to, following every `#` reference, and refuses a file over the cap before Qt ever sees it. It reads the
file through expat, which decodes whatever encoding the file declares (UTF-16 included), so a DOCTYPE or
ENTITY declaration is seen however the bytes look.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import kiosk.content.svg_area as svg_area
from kiosk.core.i18n import N_, _

if TYPE_CHECKING:  # expat itself loads with the first check, never on a cached start-up
    from xml.parsers import expat

MAX_ELEMENTS = 4_000  # the shipped pictures have 32 to 138
MAX_DRAWN = 20_000  # shapes once every reference is followed
MAX_DEPTH = 100  # nesting; also bounds the walk below
_FORBIDDEN = ("script", "foreignObject", "image", "iframe")
# Features the lesson's flat style never uses, refused because they cost per pixel, not per shape: one
# feGaussianBlur of stdDeviation 300 over 600 rectangles (56 kB, within every cap above) took over 40 s to draw,
# and the watchdog restarted the kiosk straight into the same hang.
_WHY_COSTLY = {
    "filter": N_("filters (blur, shadows, lighting) cost per pixel times their radius"),
    "mask": N_("a mask draws what it masks again off screen, then blends it pixel by pixel"),
    "pattern": N_("a pattern draws its tile again across every area it fills"),
}
# The drawing budget: all shapes together may paint the canvas this many times over. The shipped pictures paint
# it 0.5 to 2.3 times; 150 full-canvas rectangles drew in 0.06 s at 1000x750 and 0.17 s at 1920x1080 (3,000,
# within the shape caps: 0.53 s and 2.2 s), measured on the shared 2-core build machine.
MAX_OVERDRAW = 150
_NEEDS_NONE = N_(" (the lesson's flat style needs none)")
_PAINT = ("fill", "stroke", "stroke-width")
_DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;]+)")
_URL = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)")


class _RefusedError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")  # images.py makes it path:line: (the message is translated)


@dataclass
class _Element:
    tag: str
    line: int
    refs: list[str] = field(default_factory=list)
    children: list[int] = field(default_factory=list)
    area: float = 0.0  # the canvas area this element paints itself, its own transform applied
    scale: float = 1.0  # how much its transform enlarges what it contains and what it draws by reference


class _Reader:
    """Collects the elements, their ids and references while expat parses; refuses what is never allowed."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.elements: list[_Element] = []
        self.ids: dict[str, int] = {}
        self.open: list[int] = []
        self.in_style = False
        self.paint: list[dict[str, str]] = [{}]  # fill, stroke and stroke-width as inherited, per open element
        self.size = (300.0, 150.0)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        line = self.parser.CurrentLineNumber
        tag = name.rsplit(":", 1)[-1]
        declared = dict(_DECLARATION.findall(attributes.get("style", "")))
        self._refuse_element(line, tag, attributes, declared)
        element = _Element(tag, line)
        if not self.elements:
            self.size = svg_area.canvas(attributes)
        paint = {**self.paint[-1], **{k: v for k, v in attributes.items() if k in _PAINT}}
        paint.update({k: v.strip() for k, v in declared.items() if k in _PAINT})
        self.paint.append(paint)
        element.scale = svg_area.scale(attributes.get("transform", ""))
        own = svg_area.painted(tag, attributes, paint, self.size) * element.scale
        element.area = min(own, self.size[0] * self.size[1])  # what falls outside the canvas is not drawn
        for attribute, value in attributes.items():
            self._attribute(line, element, attribute, value)
        if self.open:
            self.elements[self.open[-1]].children.append(len(self.elements))
        self.open.append(len(self.elements))
        self.elements.append(element)
        self.in_style = tag == "style"

    def _refuse_element(self, line: int, tag: str, attributes: dict[str, str], declared: dict[str, str]) -> None:
        """Raise for an element never allowed, one too many or too deep, or a costly one (a filter, a mask)."""
        if tag in _FORBIDDEN:
            raise _RefusedError(line, _("SVG element <{tag}> is not allowed").format(tag=tag))
        if len(self.elements) >= MAX_ELEMENTS:
            raise _RefusedError(line, _("more than {most:,} elements; simplify the drawing").format(most=MAX_ELEMENTS))
        if len(self.open) >= MAX_DEPTH:
            raise _RefusedError(line, _("elements nested more than {most} deep").format(most=MAX_DEPTH))
        if tag in _WHY_COSTLY or tag.startswith("fe"):
            kind = tag if tag in _WHY_COSTLY else "filter"
            why = _(_WHY_COSTLY[kind]) + _(_NEEDS_NONE)
            raise _RefusedError(line, _("SVG <{tag}> is not allowed: {why}").format(tag=tag, why=why))
        for kind in ("filter", "mask"):
            if kind in attributes or kind in declared:
                why = _(_WHY_COSTLY[kind]) + _(_NEEDS_NONE)
                raise _RefusedError(line, _("SVG {kind} is not allowed: {why}").format(kind=kind, why=why))

    def _attribute(self, line: int, element: _Element, attribute: str, value: str) -> None:
        """Refuse an event attribute or a link to another file; note ids and the references to them."""
        local = attribute.rsplit(":", 1)[-1]
        if local.startswith("on"):
            raise _RefusedError(line, _("SVG event attribute {name!r} is not allowed").format(name=attribute))
        if local == "href":
            if not value.startswith("#"):
                raise _RefusedError(line, _("SVG links to another file; illustrations must be self-contained"))
            element.refs.append(value[1:])
        elif local == "id":
            self.ids.setdefault(value, len(self.elements))
        element.refs += _URL.findall(value)

    def end(self, name: str) -> None:
        self.open.pop()
        self.paint.pop()
        self.in_style = False

    def text(self, data: str) -> None:
        if self.in_style and self.open:  # a <style> sheet's fill: url(#...) draws its target too
            self.elements[self.open[-1]].refs += _URL.findall(data)

    def declaration(self, *args: object) -> None:
        why = _("SVG files with DOCTYPE or ENTITY declarations are refused")
        raise _RefusedError(self.parser.CurrentLineNumber, why)


def svg_problem(data: bytes) -> str | None:
    """Why these bytes are not a plain, self-contained SVG drawing of bounded cost, or None.

    Messages start with `line N:` of the SVG file, so the caller can show `path:N: ...`.
    """
    from xml.parsers import expat

    parser = expat.ParserCreate()
    reader = _Reader(parser)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.StartDoctypeDeclHandler = reader.declaration
    parser.EntityDeclHandler = reader.declaration
    try:
        parser.Parse(data, True)
        if not reader.elements or reader.elements[0].tag != "svg":
            return _("not an SVG file (the top element is not <svg>)")
        _check_cost(reader.elements, reader.ids, reader.size[0] * reader.size[1])
    except _RefusedError as refused:
        return str(refused)
    except expat.ExpatError as error:
        return _("not a valid SVG file ({why}: line {line}, column {column})").format(
            why=expat.ErrorString(error.code), line=error.lineno, column=error.offset
        )
    return None


def _check_cost(elements: list[_Element], ids: dict[str, int], canvas: float) -> None:
    """Count the shapes drawn from the top element, following references; refuse cycles and a count over the cap,
    and paint beyond the drawing budget (MAX_OVERDRAW times the canvas).

    An explicit stack rather than recursion: a chain of references may be as long as the file allows.
    Each element's cost is counted once (memoised), so the check itself stays linear in the file.
    """
    cost: dict[int, int] = {}
    area: dict[int, float] = {}
    on_path: set[int] = set()
    stack: list[tuple[int, bool]] = [(0, False)]
    while stack:
        index, done = stack.pop()
        element = elements[index]
        targets = [ids[ref] for ref in element.refs if ref in ids]
        if done:
            on_path.discard(index)
            total = 1 + sum(cost[child] for child in element.children) + sum(cost[t] for t in targets)
            if total > MAX_DRAWN:
                raise _RefusedError(
                    element.line,
                    _(
                        "<{tag}> would draw {total:,} shapes once its <use> and url(#...) references are followed;"
                        " at most {most:,} are drawn (simplify the drawing)"
                    ).format(tag=element.tag, total=total, most=MAX_DRAWN),
                )
            cost[index] = total
            below = sum(area[child] for child in element.children) + sum(area[t] for t in targets)
            area[index] = element.area + element.scale * below
            if not area[index] <= MAX_OVERDRAW * canvas:  # `not <=`: an infinite or NaN scale is refused too
                times = area[index] / canvas if math.isfinite(area[index]) else math.inf
                raise _RefusedError(
                    element.line,
                    _(
                        "<{tag}> would paint the picture {times:,.0f} times over; at most {most} are drawn in the"
                        " time a screen allows (fewer or smaller shapes, thinner strokes)"
                    ).format(tag=element.tag, times=times, most=MAX_OVERDRAW),
                )
            continue
        if index in cost:
            continue
        on_path.add(index)
        stack.append((index, True))
        for ref, target in ((ref, ids[ref]) for ref in element.refs if ref in ids):
            if target in on_path:  # the target is this element or one it is drawn inside: endless
                raise _RefusedError(
                    element.line,
                    _("<{tag}> draws #{ref}, which contains it; a picture cannot draw itself").format(
                        tag=element.tag, ref=ref
                    ),
                )
        stack.extend((child, False) for child in element.children + targets if child not in cost)
