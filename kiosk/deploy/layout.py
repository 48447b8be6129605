"""Where an installed kiosk lives: one record of every path and name, on the target machine.

Paths are absolute as on the target; `Layout.at(root, path)` places one under a staging root (`--root DIR`),
as DESTDIR does for `make install`. Nothing is ever under a home folder.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import NamedTuple


class Layout(NamedTuple):
    """The installed kiosk's paths and names (defaults: what a clinic gets)."""

    prefix: PurePosixPath = PurePosixPath("/opt/clinic-kiosk")  # venv-<version>-<hash>/, current, previous
    config: PurePosixPath = PurePosixPath("/etc/clinic-kiosk")  # settings.toml, pin.json
    state: PurePosixPath = PurePosixPath("/var/lib/clinic-kiosk")  # statistics, lockout, lessons (content/)
    cache: PurePosixPath = PurePosixPath("/var/cache/clinic-kiosk")
    logs: PurePosixPath = PurePosixPath("/var/log/clinic-kiosk")
    unit_dir: PurePosixPath = PurePosixPath("/etc/systemd/system")
    pam_dir: PurePosixPath = PurePosixPath("/etc/pam.d")
    service: str = "clinic-kiosk"
    user: str = "kiosk"
    tty: str = "tty1"

    @property
    def current(self) -> PurePosixPath:
        return self.prefix / "current"

    @property
    def previous(self) -> PurePosixPath:
        return self.prefix / "previous"

    @property
    def manifest(self) -> PurePosixPath:
        """What the install changed, so uninstall reverses exactly that."""
        return self.prefix / "install-manifest.json"

    @property
    def unit(self) -> PurePosixPath:
        return self.unit_dir / f"{self.service}.service"

    @property
    def pam(self) -> PurePosixPath:
        return self.pam_dir / self.service

    @property
    def folders_file(self) -> str:
        """Name of the file in each venv that tells `kiosk` commands run from it where the kiosk's folders are."""
        return "clinic-kiosk-folders"

    @staticmethod
    def at(root: Path, path: PurePosixPath | str) -> Path:
        """`path` of the target machine, under `root` (the real machine when root is /)."""
        return root / str(path).lstrip("/")
