"""The chain's commands: `kiosk stats merge DIR...`, `kiosk fleet status DIR...`, `kiosk fleet config`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.files import replacing_text
from kiosk.core.i18n import _


def add_parsers(commands: Any, stats_commands: Any) -> None:
    """Add the sub-commands to `kiosk`'s parser (argparse's sub-parser objects have no public type)."""
    merge = stats_commands.add_parser("merge", help=_("merge the outboxes of many kiosks into one report"))
    merge.add_argument("folders", nargs="+", type=Path, help=_("outbox folders, or folders holding one per kiosk"))
    merge.add_argument("--csv", type=Path, help=_("also write the report as CSV (UTF-8 with BOM, for Excel)"))

    fleet = commands.add_parser("fleet", help=_("a clinic chain: Syncthing folders and the kiosks' health"))
    fleet_commands = fleet.add_subparsers(dest="fleet_command", required=True)
    status = fleet_commands.add_parser("status", help=_("every kiosk's last heartbeat; silent ones marked"))
    status.add_argument("folders", nargs="+", type=Path, help=_("outbox folders, or folders holding one per kiosk"))
    status.add_argument("--stale-minutes", type=float, default=30, help=_("silent after this long (default 30)"))
    status.add_argument(
        "--skew-minutes",
        type=float,
        default=10,
        help=_("a kiosk's clock this far off the hub's is reported (default 10)"),
    )
    config = fleet_commands.add_parser("config", help=_("print the Syncthing folders and settings for one kiosk"))
    config.add_argument("--kiosk", required=True, help=_("the kiosk's name (letters, digits, '-', '_', '.')"))
    data = paths.data_dir()
    config.add_argument("--content", type=Path, default=data / "content", help=_("the kiosk's content folder"))
    config.add_argument("--outbox", type=Path, default=data / "outbox", help=_("the kiosk's outbox folder"))
    config.add_argument("--hub-content", type=Path, default=Path("~/kiosk-hub/content"), help=_("on the hub"))
    config.add_argument("--hub-outboxes", type=Path, default=Path("~/kiosk-hub/outboxes"), help=_("on the hub"))
    config.add_argument("--hub-device", default="HUB-DEVICE-ID", help=_("the hub's Syncthing device ID"))
    config.add_argument("--kiosk-device", default="KIOSK-DEVICE-ID", help=_("the kiosk's Syncthing device ID"))
    config.add_argument("--hub-address", default="dynamic", help=_("where the kiosk finds the hub (tcp://HOST:PORT)"))
    config.add_argument("--kiosk-address", default="dynamic", help=_("where the hub finds the kiosk (tcp://HOST:PORT)"))
    config.add_argument("--listen", default="default", help=_("the address Syncthing listens on, on the side printed"))
    config.add_argument(
        "--local-only", action="store_true", help=_("no global discovery, relays or NAT: the clinic's network only")
    )
    config.add_argument("--rescan-seconds", type=int, default=60, help=_("rescan every folder this often (default 60)"))
    config.add_argument("--syncthing-cli", default="syncthing cli", help=_("how to run Syncthing's command line"))
    config.add_argument("--script", choices=("hub", "kiosk"), help=_("print only this side's Syncthing commands"))


def cmd_merge(args: argparse.Namespace) -> int:
    from kiosk.fleet.merge import merge, text_report, write_csv

    report = merge(args.folders, rows=args.csv is not None)  # the day rows only for the CSV
    print(text_report(report))
    if args.csv:
        with replacing_text(args.csv, "utf-8", private=False) as text:  # written as the rows come: never whole
            write_csv(report, text)
        print(_("wrote {path}").format(path=args.csv))
    if report.trouble:  # a kiosk's clock ahead, two kiosks with one name: the report holds, but act on it
        return 1
    return 0 if report.counted or not report.skipped else 1


def cmd_fleet(args: argparse.Namespace) -> int:
    if args.fleet_command == "config":
        from kiosk.fleet.summary import KIOSK_NAME
        from kiosk.fleet.syncthing import FleetPlan

        if not KIOSK_NAME.fullmatch(args.kiosk):
            message = _("kiosk: {name!r} is not a kiosk name (letters, digits, '-', '_', '.')")
            print(message.format(name=args.kiosk), file=sys.stderr)
            return 2
        plan = FleetPlan(
            args.kiosk,
            args.content,
            args.outbox,
            args.hub_content,
            args.hub_outboxes,
            hub_device=args.hub_device,
            kiosk_device=args.kiosk_device,
            hub_address=args.hub_address,
            kiosk_address=args.kiosk_address,
            listen=args.listen,
            local_only=args.local_only,
            rescan_seconds=args.rescan_seconds,
            cli=args.syncthing_cli,
        )
        print("\n".join(plan.script(args.script)) if args.script else plan.text())
        return 0
    from datetime import UTC, datetime, timedelta  # here: `kiosk run` never loads datetime at start-up

    from kiosk.fleet.status import read_status, status_lines

    statuses = read_status(args.folders)
    stale, skew = timedelta(minutes=args.stale_minutes), timedelta(minutes=args.skew_minutes)
    lines, counts = status_lines(statuses, datetime.now(UTC), stale, skew)
    print("\n".join(lines) if lines else _("no kiosk outboxes found"))
    print(_("{count} kiosks: {counts}").format(count=len(statuses), counts=counts))
    return 1 if counts.bad or not statuses else 0
