"""The command line of `kiosk install | update | uninstall` (also `python3 -m kiosk.deploy ...`)."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk.core.errors import DeployError
from kiosk.core.files import entries
from kiosk.core.i18n import _
from kiosk.deploy.arguments import CHECKOUT, REQUIREMENTS, add_parsers
from kiosk.deploy.changes import Target
from kiosk.deploy.install import install, uninstall
from kiosk.deploy.layout import Layout
from kiosk.deploy.update import update


def run(args: argparse.Namespace) -> int:
    target = Target(args.root, args.dry_run)
    layout = Layout()
    if sys.platform != "linux":
        message = _("kiosk {command}: for Debian and Raspberry Pi OS only; on Windows see docs/deploy-windows.md")
        print(message.format(command=args.command), file=sys.stderr)
        return 1
    try:
        if args.command == "uninstall":
            return uninstall(layout, target, purge=args.purge)
        requirements = args.requirements or (REQUIREMENTS if REQUIREMENTS.is_file() else None)
        if requirements is None:
            print(
                _("kiosk {command}: no locked requirements ({path}); the wheel's own are used").format(
                    command=args.command, path=REQUIREMENTS
                ),
                file=sys.stderr,
            )
        with tempfile.TemporaryDirectory(prefix="kiosk-wheel-") as folder:
            wheel = args.wheel or build_wheel(Path(folder))
            if args.command == "install":
                return install(layout, target, wheel, requirements)
            return update(layout, target, wheel, requirements)
    except DeployError as error:
        print(f"kiosk {args.command}: {error}", file=sys.stderr)
        return 1


def build_wheel(folder: Path) -> Path:
    """The checkout's package as a wheel (what the lead's release builds), for an install from a checkout."""
    if not (CHECKOUT / "pyproject.toml").is_file():
        raise DeployError(_("package"), _("not run from a checkout: give the package with --wheel FILE"))
    argv = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        str(CHECKOUT),
        "-w",
        str(folder),
    ]
    try:
        subprocess.run(argv, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise DeployError(_("package"), _("building the wheel failed ({error})").format(error=error)) from error
    return next(folder / entry.name for entry in entries(folder) if re.fullmatch(r"clinic_kiosk-.*\.whl", entry.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m kiosk.deploy", description=_("Install, update or remove the kiosk.")
    )
    add_parsers(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))
