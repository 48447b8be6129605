"""`kiosk install` and `kiosk uninstall`: the list of changes, done in order, recorded, and reversed.

The package goes into its own virtual environment, /opt/clinic-kiosk/venv-<version>-<hash>, with the locked
requirements; `current` points at the one the service runs (`previous` at the one before, for `kiosk update`).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple, Protocol

from kiosk.core.errors import DeployError
from kiosk.core.files import read_file, replace_file
from kiosk.core.i18n import _
from kiosk.deploy.changes import MAX_SYSTEM_FILE, Command, Directory, Done, File, Link, Target, run
from kiosk.deploy.layout import Layout
from kiosk.deploy.units import pam_session, service_unit
from kiosk.deploy.users import User, remove_user

MAX_WHEEL_BYTES = 256 * 1024 * 1024  # the kiosk's wheel is about 1 MB; anything near this is not it

# What the kiosk needs from Debian / Raspberry Pi OS: cage (Debian's 0.1.4 will not start without Xwayland),
# Python's venv, logind's PAM module, a Japanese font, and the libraries Qt's Wayland plugin loads
# (scripts/setup.sh's list; a test keeps the two in step).
DEBIAN_PACKAGES = (
    "cage", "xwayland", "python3", "python3-venv", "libpam-systemd", "dbus",
    "fonts-noto-cjk", "fonts-dejavu-core",
    "libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libglib2.0-0", "libdbus-1-3", "libxkbcommon0",
    "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxcb-render-util0",
    "libxcb-image0", "libxcb-randr0", "libxcb-xinerama0", "libxcb-xkb1", "libwayland-client0", "libwayland-cursor0",
    "libwayland-egl1", "libpulse0", "libpipewire-0.3-0", "libspeechd2",
)  # fmt: skip
_WHEEL = re.compile(r"clinic_kiosk-(?P<version>[0-9][0-9A-Za-z.+!-]*?)-py3-none-any\.whl")


class Change(Protocol):
    def line(self, target: Target) -> str: ...
    def needed(self, target: Target) -> bool: ...
    def apply(self, target: Target) -> Done: ...


def wheel_version(wheel: Path) -> str:
    match = _WHEEL.fullmatch(wheel.name)
    if not match:
        raise DeployError(
            _("package"),
            _("{name} is not a clinic_kiosk wheel (clinic_kiosk-VERSION-py3-none-any.whl)").format(name=wheel.name),
        )
    return match.group("version")


def venv_name(wheel: Path) -> str:
    """venv-<version>-<first 8 hex of the wheel's SHA-256>: a rebuilt wheel of the same version is a new folder."""
    digest = hashlib.sha256(read_file(wheel, MAX_WHEEL_BYTES)).hexdigest()[:8]
    return f"venv-{wheel_version(wheel)}-{digest}"


class Venv(NamedTuple):
    """A virtual environment holding the locked requirements and the kiosk's wheel."""

    layout: Layout
    wheel: Path
    requirements: Path | None

    @property
    def path(self) -> PurePosixPath:
        return self.layout.prefix / venv_name(self.wheel)

    def line(self, target: Target) -> str:
        locked = (
            f"-r {self.requirements} --require-hashes" if self.requirements else _("its own dependencies (not locked)")
        )
        state = _("same") if not self.needed(target) else _("new")
        line = _("venv {path}: {wheel} with {locked} [{state}]")
        return line.format(path=self.path, wheel=self.wheel.name, locked=locked, state=state)

    def needed(self, target: Target) -> bool:
        return not (target.path(self.path) / self.layout.folders_file).exists()

    def apply(self, target: Target) -> Done:
        build_venv(target, self.layout, self.path, self.wheel, self.requirements)
        return Done("venv", str(self.path))


def build_venv(target: Target, layout: Layout, name: PurePosixPath, wheel: Path, requirements: Path | None) -> None:
    """Make the venv in its place (a venv cannot be moved: its scripts name their Python by path); the folders file
    is written last and marks it whole, so a build that failed half-way is made again from nothing."""
    building = target.path(name)
    shutil.rmtree(building, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(building)], _("make the virtual environment {name}").format(name=name))
    pip = [str(building / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "--quiet", "install"]
    if requirements is not None:
        run(
            [*pip, "--require-hashes", "--only-binary=:all:", "-r", str(requirements)],
            _("install the locked requirements"),
        )
        run([*pip, "--no-deps", str(wheel)], _("install {name}").format(name=wheel.name))
    else:
        run([*pip, str(wheel)], _("install {name} and its dependencies").format(name=wheel.name))
    # Tells `kiosk` commands run from this venv (set-pin, config) where the installed kiosk's folders are.
    folders = {"config": layout.config, "data": layout.state, "cache": layout.cache, "logs": layout.logs}
    replace_file(
        building / layout.folders_file, "".join(f"{k}={v}\n" for k, v in folders.items()).encode(), private=False
    )


def _installed(packages: Sequence[str]) -> bool:
    try:
        done = subprocess.run(["dpkg-query", "-W", "-f=${Status}\\n", *packages], capture_output=True, text=True)
    except OSError:
        return False
    return done.returncode == 0 and done.stdout.count("ok installed") == len(packages)


def _enabled(layout: Layout) -> bool:
    done = subprocess.run(["systemctl", "is-enabled", "--quiet", f"{layout.service}.service"], check=False)
    return done.returncode == 0


def plan(layout: Layout, target: Target, wheel: Path, requirements: Path | None) -> list[Change]:
    """Every change of an install, in order; each knows whether it is already done."""
    service = f"{layout.service}.service"
    venv = Venv(layout, wheel, requirements)
    changes: list[Change] = [
        Directory(layout.prefix, 0o755),  # first: it holds the manifest of what the install did
        Command(("apt-get", "install", "-y", "--no-install-recommends", *DEBIAN_PACKAGES),
                _("the Debian packages the kiosk needs (left installed by uninstall)"),
                check=lambda _: _installed(DEBIAN_PACKAGES)),
        User(layout.user, layout.state),
        Directory(layout.config, 0o700, layout.user, keep=True),
        Directory(layout.state, 0o700, layout.user, keep=True),
        Directory(layout.cache, 0o700, layout.user),
        Directory(layout.logs, 0o700, layout.user, keep=True),
        venv,
    ]  # fmt: skip
    current = target.path(layout.current)
    if current.is_symlink() and current.readlink().name != venv.path.name:
        changes.append(Link(layout.previous, current.readlink().name))  # kept for `kiosk update`'s rollback
    changes += [
        Link(layout.current, venv.path.name),
        File(layout.unit, service_unit(layout)),
        File(layout.pam, pam_session(layout)),
        Command(("systemctl", "daemon-reload"), _("systemd reads the new unit"), ("systemctl", "daemon-reload")),
        Command(("systemctl", "enable", service), _("start the kiosk on {tty} at every boot").format(tty=layout.tty),
                ("systemctl", "disable", "--now", service), check=lambda t: not t.staging and _enabled(layout)),
    ]  # fmt: skip
    return changes


def install(layout: Layout, target: Target, wheel: Path, requirements: Path | None) -> int:
    """Do (or with dry_run only print) every change not yet done; record what was done for uninstall."""
    if not wheel.is_file():
        raise DeployError(_("package"), _("{path} not found").format(path=wheel))
    if requirements is not None and not requirements.is_file():
        raise DeployError(_("requirements"), _("{path} not found").format(path=requirements))
    if not target.staging and not target.dry_run and _euid() != 0:
        raise DeployError(_("install"), _("run it as root (sudo), or with --root DIR to stage it in a folder"))
    heading = _("dry run: nothing is changed; an install would do:") if target.dry_run else _("install:")
    target.say(f"{heading} {wheel}")
    done: list[Done] = []
    recorded = read_manifest(layout, target)
    for change in plan(layout, target, wheel, requirements):
        staged = target.staging and isinstance(change, Command) and Done("command", " ".join(change.argv), change.undo)
        if (staged in recorded) if staged else not change.needed(target):
            target.say(_("  unchanged: {line}").format(line=change.line(target)))
            if isinstance(change, Directory) and change.keep and not target.dry_run:
                done.append(Done("keep-folder", str(change.path)))  # there before: still the kiosk's, for --purge
            continue
        target.say(f"  {change.line(target)}")
        if not target.dry_run:
            done.append(change.apply(target))
            record(layout, target, done)
    if not target.dry_run:
        record(layout, target, done)
        target.say(_("done. Start it now with: systemctl start {service} (or reboot)").format(service=layout.service))
    return 0


def record(layout: Layout, target: Target, done: list[Done]) -> None:
    """Add what was done to the manifest (kept across runs, so a second install keeps the first one's entries)."""
    entries = read_manifest(layout, target)
    for item in done:
        if item not in entries:
            entries.append(item)
    path = target.path(layout.manifest)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, (json.dumps([list(item) for item in entries], indent=1) + "\n").encode(), private=False)


def read_manifest(layout: Layout, target: Target) -> list[Done]:
    path = target.path(layout.manifest)
    if not path.exists():
        return []
    return [Done(kind, where, tuple(undo)) for kind, where, undo in json.loads(read_file(path, MAX_SYSTEM_FILE))]


def uninstall(layout: Layout, target: Target, purge: bool = False) -> int:
    """Reverse the manifest, last change first; the clinic's settings, PIN, lessons and statistics stay unless purge."""
    entries = read_manifest(layout, target)
    if not entries:
        target.say(_("nothing to uninstall: {path} not found").format(path=target.path(layout.manifest)))
        return 0
    if not target.staging and not target.dry_run and _euid() != 0:
        raise DeployError(_("uninstall"), _("run it as root (sudo)"))
    target.say(_("dry run: nothing is changed; an uninstall would do:") if target.dry_run else _("uninstall:"))
    for item in reversed(entries):
        line = _undo_line(item, target, purge)
        target.say(f"  {line}")
        if not target.dry_run:
            _undo(item, target, purge)
    if not target.dry_run:
        shutil.rmtree(target.path(layout.prefix), ignore_errors=True)  # the venvs `kiosk update` added, the manifest
        if not target.staging:
            run(["systemctl", "daemon-reload"], _("systemd forgets the removed unit"))
    return 0


def _undo_line(item: Done, target: Target, purge: bool) -> str:
    if item.kind == "command":
        return (
            _("run {command}").format(command=" ".join(item.undo))
            + (_(" (not run in a staging root)") if target.staging else "")
            if item.undo
            else _("leave as it is: {path}").format(path=item.path)
        )
    if item.kind == "user":
        return _("remove user {name}").format(name=item.path)
    if item.kind == "keep-folder" and not purge:
        message = _("keep {path} (the clinic's settings, PIN, lessons, statistics or logs; --purge removes it)")
        return message.format(path=item.path)
    return _("remove {path}").format(path=item.path)


def _undo(item: Done, target: Target, purge: bool) -> None:
    path = target.path(item.path)
    if item.kind == "command":
        if item.undo and not target.staging:
            run(list(item.undo), f"undo {item.path}")
    elif item.kind == "user":
        remove_user(target, item.path)
    elif item.kind in ("file", "link"):
        path.unlink(missing_ok=True)
    elif item.kind in ("venv", "folder") or (item.kind == "keep-folder" and purge):
        shutil.rmtree(path, ignore_errors=True)


def _euid() -> int:
    import os

    return os.geteuid()
