"""One error base class for everything the kiosk reports to a person.

Subclasses carry their context (file, line, option) and build their own message, so every report
reads the same way: `path:line: what is wrong`.
"""

from __future__ import annotations

from pathlib import Path


class KioskError(Exception):
    """Base of every error the kiosk reports to a person rather than as a traceback."""


def _shown(path: Path) -> Path:
    """A path as a person would type it: relative to the current folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except (ValueError, OSError):
        return path


class LocatedError(KioskError):
    """A problem at one line of one file, shown as `path:line: message`."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = _shown(Path(path))
        self.line = max(1, line)
        self.message = message
        super().__init__(f"{self.path}:{self.line}: {message}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocatedError) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


class ContentError(LocatedError):
    """A problem in a content file (deck, quiz, result, interface strings)."""


class ConfigError(LocatedError):
    """A problem with one option of the settings file."""

    def __init__(self, path: Path | str, line: int, option: str, message: str) -> None:
        self.option = option
        super().__init__(path, line, f"{option}: {message}")


class DeployError(KioskError):
    """A step of `kiosk install`, `update` or `uninstall` that cannot be done; says which and why."""

    def __init__(self, step: str, message: str) -> None:
        self.step = step
        self.message = message
        super().__init__(f"{step}: {message}")
