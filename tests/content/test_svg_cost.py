"""SVG pictures are checked for what drawing them costs, in any encoding; PNGs are refused (the widget draws SVG)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kiosk.content.images import IllustrationStore
from kiosk.content.loader import load_library
from kiosk.content.svg_check import MAX_DRAWN, MAX_ELEMENTS, svg_problem
from tests.bounded import within_seconds
from tests.conftest import TINY_SVG

SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def use_bomb(fan_out: int = 10, levels: int = 9, attribute: str = "href") -> bytes:
    """The audit's picture: each level draws the one below `fan_out` times, only `#` links (about 2 kB)."""
    parts = [f'<svg {SVG} viewBox="0 0 800 600"><defs><circle id="l0" r="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use {attribute}="#l{level - 1}" x="{i}"/>' for i in range(fan_out))
        parts.append(f'\n<g id="l{level}">{uses}</g>')  # level N on line N + 1
    parts.append(f'</defs>\n<use {attribute}="#l{levels}"/></svg>')
    return "".join(parts).encode()


@pytest.mark.parametrize("attribute", ["href", "xlink:href"])
def test_a_use_fan_out_bomb_is_refused_quickly_with_its_line(attribute: str) -> None:
    """10x <use> fan-out over 9 levels (10^9 shapes from 2 kB) is refused at once, naming the level past the cap."""
    data = use_bomb(attribute=attribute)
    assert len(data) < 4000
    with within_seconds(5):
        problem = svg_problem(data)
    assert problem is not None
    assert problem.startswith("line 5: <g> would draw 22,221 shapes")  # level 4: 10^4 circles and their links
    assert f"at most {MAX_DRAWN:,}" in problem and "<use>" in problem


def test_a_small_fan_out_is_fine() -> None:
    """A few reused shapes (a row of ten circles, ten times) are an ordinary drawing."""
    assert svg_problem(use_bomb(fan_out=10, levels=2)) is None


def test_use_that_refers_to_itself_is_refused() -> None:
    """A <use> inside the group it draws would never finish."""
    data = f'<svg {SVG}>\n<g id="a"><circle r="1"/>\n<use href="#a"/></g></svg>'.encode()
    assert svg_problem(data) == "line 3: <use> draws #a, which contains it; a picture cannot draw itself"


def test_too_many_elements_are_refused() -> None:
    """A file of plain shapes beyond the element cap is refused (the shipped pictures have at most ~140)."""
    circles = "\n".join('<circle r="1"/>' for _ in range(MAX_ELEMENTS + 1))
    problem = svg_problem(f"<svg {SVG}>\n{circles}\n</svg>".encode())
    assert problem is not None and f"more than {MAX_ELEMENTS:,} elements" in problem


def test_url_references_count_too() -> None:
    """A clip path (or a pattern, now refused outright) drawn again through fill="url(#...)" fans out like <use>."""
    parts = [f'<svg {SVG}><defs><circle id="p0" r="1"/>']
    for level in range(1, 8):
        rects = "".join(f'<rect fill="url(#p{level - 1})" width="1" height="1"/>' for _ in range(10))
        parts.append(f'<clipPath id="p{level}">{rects}</clipPath>')
    parts.append('</defs><rect style="fill: url(#p7)" width="9" height="9"/></svg>')
    assert "at most" in (svg_problem("".join(parts).encode()) or "")


def _utf16(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def test_the_doctype_check_sees_through_utf16() -> None:
    """A UTF-16 file with an ENTITY declaration (a billion-laughs start) is refused like a UTF-8 one."""
    text = f'<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg {SVG}>&a;</svg>'
    assert b"<!DOCTYPE" not in _utf16(text) and b"<!ENTITY" not in _utf16(text)
    assert svg_problem(_utf16(text)) == "line 2: SVG files with DOCTYPE or ENTITY declarations are refused"
    assert svg_problem(text.replace("UTF-16", "UTF-8").encode()) is not None


def test_the_cost_check_sees_through_utf16() -> None:
    """The <use> bomb saved as UTF-16 is refused too, and a plain UTF-16 drawing passes."""
    bomb = use_bomb().decode()
    assert "at most" in (svg_problem(_utf16(bomb)) or "")
    assert svg_problem(_utf16(TINY_SVG.decode())) is None


def test_forbidden_content_is_still_refused() -> None:
    """Scripts, external links and event attributes stay refused, with their line."""
    assert (
        svg_problem(f"<svg {SVG}>\n<script>x</script></svg>".encode()) == "line 2: SVG element <script> is not allowed"
    )
    assert "self-contained" in (svg_problem(f'<svg {SVG}><use href="other.svg#a"/></svg>'.encode()) or "")
    assert "onload" in (svg_problem(f'<svg {SVG} onload="x()"></svg>'.encode()) or "")
    assert "not an SVG" in (svg_problem(b"<html/>") or "")
    assert "not a valid SVG" in (svg_problem(b"<svg") or "")


def test_a_png_that_is_not_a_png_is_refused_at_validation(tmp_path: Path) -> None:
    """A .png whose bytes are no PNG (or whose size cannot be read) is refused, never passed on to a decoder."""
    (tmp_path / "photo.png").write_bytes(b"<svg/>" + b"\x00" * 100)
    problem = IllustrationStore(tmp_path).problem("photo.png")
    assert problem is not None and "not a PNG picture" in problem
    (tmp_path / "short.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "size cannot be read" in (IllustrationStore(tmp_path).problem("short.png") or "")


def test_validate_names_the_deck_line_and_the_picture_line(shipped_copy: Path) -> None:
    """A deck slide that shows the bomb: deck.md:line: picture 'x.svg': pictures/x.svg:line: what is wrong."""
    (shipped_copy / "pictures" / "seiza.svg").write_bytes(use_bomb())
    with within_seconds(10):
        library, problems = load_library(shipped_copy)
    assert library is None
    found = [str(p) for p in problems if "seiza.svg" in str(p)]
    assert found and all("deck.md:" in p and "pictures/seiza.svg:5:" in p and "at most" in p for p in found)
