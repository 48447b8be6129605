"""The unprivileged `kiosk` user: useradd on the real machine; in a staging root, lines in etc/passwd, group, shadow.

The user has no password (locked), no login shell and no home folder of its own: its home is the kiosk's state
folder, so nothing the kiosk needs ever lives under /home.
"""

from __future__ import annotations

import grp
import pwd
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from kiosk.core.files import read_file, replace_file
from kiosk.core.i18n import _
from kiosk.deploy.changes import MAX_SYSTEM_FILE, Done, Target, run

# Seats: logind hands the session its screen and touchscreen; the groups are the fallback cage's docs name.
GROUPS = ("video", "render", "input")
NOLOGIN = "/usr/sbin/nologin"


class User(NamedTuple):
    name: str
    home: PurePosixPath

    def line(self, target: Target) -> str:
        state = _("exists") if self.exists(target) else _("new")
        where = _(" in {path}").format(path=target.path("/etc/passwd")) if target.staging else ""
        line = _("user {name} (system, no password, shell {shell}, home {home}, groups {groups}){where} [{state}]")
        return line.format(
            name=self.name, shell=NOLOGIN, home=self.home, groups=" ".join(GROUPS), where=where, state=state
        )

    def exists(self, target: Target) -> bool:
        if target.staging:
            return any(entry[0] == self.name for entry in _entries(target, "etc/passwd"))
        try:
            pwd.getpwnam(self.name)
        except KeyError:
            return False
        return True

    def needed(self, target: Target) -> bool:
        return not self.exists(target)

    def apply(self, target: Target) -> Done:
        if target.staging:
            self._stage(target)
        else:
            groups = ",".join(g for g in GROUPS if _group_exists(g))
            run(
                ["useradd", "--system", "--user-group", "--home-dir", str(self.home), "--no-create-home",
                 "--shell", NOLOGIN, *(["--groups", groups] if groups else []), self.name],
                _("make the {name} user").format(name=self.name),
            )  # fmt: skip
        return Done("user", self.name)

    def _stage(self, target: Target) -> None:
        taken = {int(entry[2]) for entry in _entries(target, "etc/passwd") if len(entry) > 2 and entry[2].isdigit()}
        taken |= {int(entry[2]) for entry in _entries(target, "etc/group") if len(entry) > 2 and entry[2].isdigit()}
        uid = next(n for n in range(999, 99, -1) if n not in taken)  # useradd --system counts down from 999
        _append(target, "etc/passwd", f"{self.name}:x:{uid}:{uid}:clinic kiosk:{self.home}:{NOLOGIN}")
        _append(target, "etc/group", f"{self.name}:x:{uid}:")
        _append(target, "etc/shadow", f"{self.name}:!:1::::::", mode=0o640)
        lines = []
        for entry in _entries(target, "etc/group"):
            if entry[0] in GROUPS and len(entry) == 4:
                members = [m for m in entry[3].split(",") if m]
                entry = [*entry[:3], ",".join([*members, self.name] if self.name not in members else members)]
            lines.append(":".join(entry))
        _write(target.path("/etc/group"), "\n".join(lines) + "\n")


def remove_user(target: Target, name: str) -> None:
    """Undo `User`: userdel on the real machine, the lines removed in a staging root."""
    if not target.staging:
        run(["userdel", name], _("remove the {name} user").format(name=name))
        return
    for table in ("etc/passwd", "etc/shadow", "etc/group"):
        kept = []
        for entry in _entries(target, table):
            if entry[0] == name:
                continue
            if table == "etc/group" and len(entry) == 4:
                entry = [*entry[:3], ",".join(m for m in entry[3].split(",") if m and m != name)]
            kept.append(":".join(entry))
        path = target.path("/" + table)
        if path.exists():
            _write(path, "".join(line + "\n" for line in kept))


def _entries(target: Target, table: str) -> list[list[str]]:
    path = target.path("/" + table)
    if not path.exists():
        return []
    return [line.split(":") for line in _read(path).splitlines() if line.strip()]


def _append(target: Target, table: str, line: str, mode: int = 0o644) -> None:
    path = target.path("/" + table)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _read(path) if path.exists() else ""
    _write(path, text + ("" if not text or text.endswith("\n") else "\n") + line + "\n")
    path.chmod(mode)


def _group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


def _read(path: Path) -> str:
    return read_file(path, MAX_SYSTEM_FILE).decode("utf-8")


def _write(path: Path, text: str) -> None:
    """A user database file of the staging root, replaced whole under a fresh name; its mode kept."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    replace_file(path, text.encode("utf-8"), private=False)
    path.chmod(mode)
