"""A lesson's pictures: only files from its own pictures/ folder, only if they are real, small images."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.content.raster import MAX_PHOTO_BYTES, is_raster, raster_size
from kiosk.content.svg_check import svg_problem
from kiosk.core.files import FileTooLargeError, read_file
from kiosk.core.i18n import _

MAX_IMAGE_BYTES = 512_000
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.(svg|png|jpg|jpeg)$", re.IGNORECASE)


class IllustrationStore:
    """Checks and holds the bytes of illustrations, read once from one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._checked: dict[str, bytes | str] = {}  # name -> bytes, or the reason it was refused
        self.without_folder: set[str] = set()  # the reasons that are "no pictures/ folder" (one is enough to show)

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

    def _other_folder(self) -> str:
        """` (rename images/ to pictures/)` when another folder of the lesson holds pictures."""
        try:
            folders = sorted(p for p in self.folder.parent.iterdir() if p.is_dir() and not p.name.startswith("."))
        except OSError:
            return ""
        for folder in folders:
            if any(_SAFE_NAME.match(p.name) for p in folder.iterdir()):
                return _(" (rename {old}/ to pictures/: mv {path} {new})").format(
                    old=folder.name, path=folder, new=self.folder
                )
        return ""

    def _check(self, name: str) -> bytes | str:
        where = _("picture {name!r}").format(name=name)
        if not _SAFE_NAME.match(name):
            return _(
                "{where}: give only a file name (.svg, .png or .jpg) from the lesson's pictures/, "
                "no folders or addresses"
            ).format(where=where)
        path = self.folder / name
        limit = MAX_PHOTO_BYTES if is_raster(name) else MAX_IMAGE_BYTES
        try:
            data = read_file(path, limit, within=self.folder)
        except FileTooLargeError:
            return _("{where} is larger than {kb:,} kB").format(where=where, kb=limit // 1000)
        except FileNotFoundError:
            if not self.folder.is_dir():
                message = _("{where} not found: there is no pictures/ folder in {lesson}{hint}").format(
                    where=where, lesson=self.folder.parent, hint=self._other_folder()
                )
                self.without_folder.add(message)
                return message
            return _("{where} not found in {folder}").format(where=where, folder=self.folder)
        except OSError as error:  # FileRefusedError too: a FIFO, a device, a link out of the folder
            return _("{where} cannot be read ({why})").format(where=where, why=error.strerror)
        if is_raster(name):
            size = raster_size(name, data)
            return f"{where}: {size}" if isinstance(size, str) else data
        reason = svg_problem(data)
        if reason and reason.startswith("line "):  # path:line: as everywhere else
            reason = f"{self.folder.name}/{name}:{reason[len('line ') :]}"
        return f"{where}: {reason}" if reason else data
