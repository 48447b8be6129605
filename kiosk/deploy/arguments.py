"""The arguments of `kiosk install | update | uninstall`: read at every `kiosk` start, so nothing heavy is imported."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeVar

from kiosk.core.i18n import _

P = TypeVar("P", bound=argparse.ArgumentParser)  # the kiosk command's own parser class, or argparse's

CHECKOUT = Path(__file__).resolve().parents[2]
# The locked requirements the kiosk runs with (requirements/ of the checkout; the lead's field-ready change).
REQUIREMENTS = CHECKOUT / "requirements" / "kiosk.txt"


def add_parsers(commands: argparse._SubParsersAction[P]) -> None:
    """`install`, `update` and `uninstall`, for the `kiosk` command and for `python3 -m kiosk.deploy`."""
    for name, text in (
        ("install", _("install the kiosk as this machine's kiosk (root; Debian 12/13, Raspberry Pi OS)")),
        ("update", _("install a newer package; go back to the running one if it is not READY within a minute")),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--wheel", type=Path, help=_("the clinic_kiosk wheel (default: built from this checkout)"))
        command.add_argument(
            "--requirements", type=Path, help=_("locked requirements (default: {path})").format(path=REQUIREMENTS)
        )
        _common(command)
    remove = commands.add_parser("uninstall", help=_("reverse every change `kiosk install` made"))
    remove.add_argument(
        "--purge", action="store_true", help=_("also remove settings, PIN, lessons, statistics and logs")
    )
    _common(remove)


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--dry-run", action="store_true", help=_("print every change without making it"))
    command.add_argument(
        "--root", type=Path, default=Path("/"), help=_("install into this staging folder instead of /")
    )
