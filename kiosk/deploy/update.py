"""`kiosk update`: install a newer package beside the running one, switch to it, and switch back if it fails.

The new package gets its own venv; `current` is pointed at it and `previous` at the one it replaces. If the
kiosk does not reach READY within a minute on the new package, `current` goes back and the new venv is removed.
Only the two venvs stay. Nothing under the kiosk's own folders is touched: lessons, settings, PIN, statistics.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from kiosk.core.errors import DeployError
from kiosk.core.files import entries
from kiosk.core.i18n import _
from kiosk.deploy.changes import Target, switch_link
from kiosk.deploy.install import Venv, read_manifest, record
from kiosk.deploy.layout import Layout
from kiosk.deploy.ready import reaches_ready
from kiosk.deploy.units import READY_SECONDS

ReadyCheck = Callable[[], bool]


def restart_service(layout: Layout) -> ReadyCheck:
    """On the real machine: `systemctl restart` waits for READY=1 and fails after the unit's TimeoutStartSec."""

    def check() -> bool:
        done = subprocess.run(["systemctl", "restart", f"{layout.service}.service"], check=False)
        return done.returncode == 0

    return check


def start_here(layout: Layout, target: Target, seconds: float = READY_SECONDS) -> ReadyCheck:
    """In a staging root: start the current package's kiosk with a notify socket, as the service would."""

    def check() -> bool:
        env = {
            **os.environ,
            "CONFIGURATION_DIRECTORY": str(target.path(layout.config)),
            "STATE_DIRECTORY": str(target.path(layout.state)),
            "CACHE_DIRECTORY": str(target.path(layout.cache)),
            "LOGS_DIRECTORY": str(target.path(layout.logs)),
        }
        return reaches_ready([str(target.path(layout.current) / "bin" / "kiosk"), "run"], env, seconds)

    return check


def update(
    layout: Layout, target: Target, wheel: Path, requirements: Path | None, ready: ReadyCheck | None = None
) -> int:
    """0 when the new package runs; 1 when it did not reach READY and the previous one runs again."""
    if not read_manifest(layout, target):
        message = _("no installed kiosk under {path}: run `kiosk install` first")
        raise DeployError(_("update"), message.format(path=target.path(layout.prefix)))
    if not target.staging and not target.dry_run and os.geteuid() != 0:
        raise DeployError(_("update"), _("run it as root (sudo)"))
    ready = ready or (start_here(layout, target) if target.staging else restart_service(layout))
    venv = Venv(layout, wheel, requirements)
    current = target.path(layout.current)
    old = current.readlink().name if current.is_symlink() else ""
    if old == venv.path.name:
        target.say(_("unchanged: {path} is already the running package").format(path=venv.path))
        return 0
    before = target.path(layout.previous).readlink().name if target.path(layout.previous).is_symlink() else ""
    heading = _("dry run: update {old} -> {new}") if target.dry_run else _("update {old} -> {new}")
    target.say(heading.format(old=old or _("(none)"), new=venv.path.name))
    target.say(f"  {venv.line(target)}")
    target.say(
        _("  link {current} -> {new}; {previous} -> {old}").format(
            current=layout.current, new=venv.path.name, previous=layout.previous, old=old
        )
    )
    target.say(
        _("  the kiosk must say READY within {seconds} s, else {current} goes back to {old}").format(
            seconds=READY_SECONDS, current=layout.current, old=old
        )
    )
    if target.dry_run:
        return 0
    if venv.needed(target):
        record(layout, target, [venv.apply(target)])
    switch_link(current, venv.path.name)
    if old:
        switch_link(target.path(layout.previous), old)
    if ready():
        _prune(layout, target, keep={venv.path.name, old})
        message = _("updated: {current} -> {new}, previous {old}")
        target.say(message.format(current=layout.current, new=venv.path.name, old=old))
        return 0
    target.say(_("  {new} did not reach READY: rolling back to {old}").format(new=venv.path.name, old=old))
    if old:
        switch_link(current, old)
        if before:
            switch_link(target.path(layout.previous), before)
        else:
            target.path(layout.previous).unlink(missing_ok=True)
    shutil.rmtree(target.path(venv.path), ignore_errors=True)
    back = ready() if old else False
    state = _("running") if back else _("NOT running either; see the journal")
    target.say(_("rolled back to {old}: {state}").format(old=old, state=state))
    return 1


def _prune(layout: Layout, target: Target, keep: set[str]) -> None:
    """Remove every venv but the running one and the one before it."""
    for folder in [
        target.path(layout.prefix) / e.name for e in entries(target.path(layout.prefix)) if e.name.startswith("venv-")
    ]:
        if folder.name not in keep and folder.is_dir():
            target.say(_("  remove {path} (older than the previous package)").format(path=layout.prefix / folder.name))
            shutil.rmtree(folder, ignore_errors=True)
