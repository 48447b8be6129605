"""The changes an install makes, each one able to say what it would do, do it, and say how to undo it.

An install is a list of changes. `--dry-run` prints each change's line without doing it; a real run prints
the same lines while doing them, and skips (as "unchanged") what is already so, which makes it idempotent.
What was done goes into a manifest that `kiosk uninstall` reverses, last change first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Final, NamedTuple

from kiosk.core.errors import DeployError
from kiosk.core.files import read_file, replace_file
from kiosk.core.i18n import _
from kiosk.deploy.layout import Layout

MAX_SYSTEM_FILE: Final = 4 * 1024 * 1024  # a unit, a PAM file, /etc/passwd: far smaller than this


class Target(NamedTuple):
    """Where the changes go: the real machine (root /) or a staging root, where system commands are not run."""

    root: Path
    dry_run: bool = False
    say: Callable[[str], None] = print

    @property
    def staging(self) -> bool:
        return self.root.resolve() != Path("/")

    def path(self, path: PurePosixPath | str) -> Path:
        return Layout.at(self.root, path)


class Done(NamedTuple):
    """One manifest entry: what kind of change, where, and what undoing it needs."""

    kind: str
    path: str
    undo: tuple[str, ...] = ()


class Directory(NamedTuple):
    path: PurePosixPath
    mode: int
    owner: str = "root"
    keep: bool = False  # holds the clinic's own files (settings, PIN, statistics): only --purge removes it

    def line(self, target: Target) -> str:
        state = _("exists") if target.path(self.path).is_dir() else _("new")
        line = _("folder {path} (mode {mode:04o}, owner {owner}) [{state}]")
        return line.format(path=self.path, mode=self.mode, owner=self.owner, state=state)

    def needed(self, target: Target) -> bool:
        path = target.path(self.path)
        return not path.is_dir() or (path.stat().st_mode & 0o7777) != self.mode

    def apply(self, target: Target) -> Done:
        path = target.path(self.path)
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(self.mode)
        if not target.staging:
            shutil.chown(path, self.owner, self.owner)
        return Done("keep-folder" if self.keep else "folder", str(self.path))


class File(NamedTuple):
    path: PurePosixPath
    text: str
    mode: int = 0o644

    def line(self, target: Target) -> str:
        path = target.path(self.path)
        state = _("new") if not path.exists() else (_("same") if not self.needed(target) else _("changed"))
        return _("file {path} (mode {mode:04o}) [{state}]").format(path=self.path, mode=self.mode, state=state)

    def needed(self, target: Target) -> bool:
        path = target.path(self.path)
        try:
            return (
                read_file(path, MAX_SYSTEM_FILE).decode("utf-8") != self.text
                or (path.stat().st_mode & 0o7777) != self.mode
            )
        except OSError:
            return True

    def apply(self, target: Target) -> Done:
        path = target.path(self.path)
        replace_file(path, self.text.encode("utf-8"), private=False)  # a fresh name, never through a planted link
        path.chmod(self.mode)
        return Done("file", str(self.path))


class Link(NamedTuple):
    path: PurePosixPath
    points_to: str

    def line(self, target: Target) -> str:
        state = _("same") if not self.needed(target) else _("new")
        return _("link {path} -> {points_to} [{state}]").format(path=self.path, points_to=self.points_to, state=state)

    def needed(self, target: Target) -> bool:
        path = target.path(self.path)
        return not path.is_symlink() or os.readlink(path) != self.points_to

    def apply(self, target: Target) -> Done:
        switch_link(target.path(self.path), self.points_to)
        return Done("link", str(self.path))


class Command(NamedTuple):
    """A command on the real machine (apt-get, useradd, systemctl); in a staging root it is listed, not run."""

    argv: tuple[str, ...]
    why: str
    undo: tuple[str, ...] = ()
    check: Callable[[Target], bool] | None = None  # True when already done

    def line(self, target: Target) -> str:
        where = _(" (not run in a staging root)") if target.staging else ""
        return _("run {command}: {why}{where}").format(command=" ".join(self.argv), why=self.why, where=where)

    def needed(self, target: Target) -> bool:
        return self.check is None or not self.check(target)

    def apply(self, target: Target) -> Done:
        if not target.staging:
            run(self.argv, self.why)
        return Done("command", " ".join(self.argv), self.undo)


def switch_link(path: Path, points_to: str) -> None:
    """Point a symlink somewhere else in one step (a new link renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".kiosk-new")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(points_to)
    temporary.replace(path)


def run(argv: tuple[str, ...] | list[str], why: str) -> None:
    """Run one system command; a failure stops the install with what was being done."""
    try:
        subprocess.run(argv, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise DeployError(why, _("{command} failed ({error})").format(command=" ".join(argv), error=error)) from error
