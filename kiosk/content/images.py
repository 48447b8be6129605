"""A lesson's pictures: only files from its own pictures/ folder, only if they are real, small images."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.core.files import FileTooLargeError, read_file

MAX_IMAGE_BYTES = 512_000
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.(svg|png)$")
_FORBIDDEN_SVG = ("script", "foreignObject", "image", "iframe")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class IllustrationStore:
    """Checks and holds the bytes of illustrations, read once from one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._checked: dict[str, bytes | str] = {}  # name -> bytes, or the reason it was refused

    def problem(self, name: str) -> str | None:
        """Why this illustration cannot be used, or None when it is fine."""
        if name not in self._checked:
            self._checked[name] = self._check(name)
        result = self._checked[name]
        return result if isinstance(result, str) else None

    def data(self, name: str) -> bytes:
        """The bytes of an illustration that passed `problem`."""
        result = self._checked[name]
        assert isinstance(result, bytes), name
        return result

    def _check(self, name: str) -> bytes | str:
        where = f"illustration {name!r}"
        if not _SAFE_NAME.match(name):
            return f"{where}: give only a file name (.svg or .png) from the lesson's pictures/, no folders or addresses"
        path = self.folder / name
        try:
            data = read_file(path, MAX_IMAGE_BYTES, within=self.folder)
        except FileTooLargeError:
            return f"{where} is larger than {MAX_IMAGE_BYTES // 1000} kB"
        except FileNotFoundError:
            return f"{where} not found in {self.folder}"
        except OSError as error:  # FileRefusedError too: a FIFO, a device, a link out of the folder
            return f"{where} cannot be read ({error.strerror})"
        reason = svg_problem(data) if name.endswith(".svg") else png_problem(data)
        return f"{where}: {reason}" if reason else data


def svg_problem(data: bytes) -> str | None:
    """Why these bytes are not a plain, self-contained SVG drawing, or None."""
    import xml.etree.ElementTree as ElementTree  # loaded with the first check, never on a cached start-up

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "SVG files with DOCTYPE or ENTITY declarations are refused"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"not a valid SVG file ({error})"
    if not root.tag.endswith("svg"):
        return "not an SVG file (the top element is not <svg>)"
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        if local in _FORBIDDEN_SVG:
            return f"SVG element <{local}> is not allowed"
        for attribute, value in element.attrib.items():
            if attribute.rsplit("}", 1)[-1] == "href" and not value.startswith("#"):
                return "SVG links to another file; illustrations must be self-contained"
            if attribute.startswith("on"):
                return f"SVG event attribute {attribute!r} is not allowed"
    return None


def png_problem(data: bytes) -> str | None:
    """Why these bytes are not a PNG image, or None."""
    return None if data.startswith(_PNG_SIGNATURE) else "not a PNG file"
