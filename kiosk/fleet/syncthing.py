"""What a clinic chain sets in Syncthing for one kiosk: the pairing, two folders on the hub, two on the kiosk.

Content goes out: the hub shares the practitioner's content folder Send Only, the kiosk receives it
Receive Only into the folder it reads (the kiosk takes a lesson only when it matches its manifest and switches
at its next attract screen, so a sync in progress is never shown). Statistics come back: the kiosk's outbox is
Send Only, the hub receives it Receive Only into one folder per kiosk, which `kiosk stats merge` reads, with
deletions from the kiosk ignored (the hub keeps every summary it had). Every folder is also rescanned every
`rescan_seconds` (60), because Syncthing's file watcher misses some changes (a folder deleted and made again):
with its default of an hour, half a lesson could wait an hour for the rest. `script` prints Syncthing's own
commands for one side, to run as they are.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from kiosk.core.i18n import _

CONTENT_FOLDER_ID: Final = "clinic-kiosk-content"
# Never synced: editors' lock, swap and backup files, and the OS's clutter.
IGNORE_PATTERNS: Final = ("(?d).#*", "(?d)*~", "(?d).*.swp", "(?d).DS_Store", "(?d)Thumbs.db", "(?d)desktop.ini")


def outbox_folder_id(kiosk: str) -> str:
    return f"clinic-kiosk-outbox-{kiosk}"


@dataclass(frozen=True)
class FleetPlan:
    kiosk: str
    kiosk_content: Path  # where the kiosk reads its content (its `content_folder` setting)
    kiosk_outbox: Path  # the kiosk's `outbox_folder` setting
    hub_content: Path  # the practitioner's content folder on the hub
    hub_outboxes: Path  # where the hub keeps one folder per kiosk's outbox
    hub_device: str = "HUB-DEVICE-ID"  # Syncthing's device IDs (Actions > Show ID), for the pairing
    kiosk_device: str = "KIOSK-DEVICE-ID"
    hub_address: str = "dynamic"  # where each side finds the other: "dynamic" (discovery) or tcp://host:port
    kiosk_address: str = "dynamic"
    listen: str = "default"  # an address to listen on besides Syncthing's default, for example tcp://0.0.0.0:22000
    local_only: bool = False  # no global discovery, relays or NAT traversal: the devices meet on the clinic's network
    rescan_seconds: int = 60
    watch_delay_seconds: int = 2  # the file watcher's wait after a change before it scans (Syncthing's default 10)
    cli: str = "syncthing cli"  # how to reach one side's running Syncthing (`syncthing cli --home=DIR` for another)

    @property
    def hub_outbox(self) -> Path:
        return self.hub_outboxes / self.kiosk

    def settings_lines(self) -> list[str]:
        """The kiosk's settings.toml lines (TOML literal strings: a Windows path needs no escaping)."""
        return [
            f"content_folder = '{self.kiosk_content}'",
            f"outbox_folder = '{self.kiosk_outbox}'",
            f"kiosk_name = '{self.kiosk}'",
        ]

    def folders(self) -> list[tuple[str, str, str, Path]]:
        """(side, folder id, Syncthing folder type, path) for every folder to create."""
        outbox = outbox_folder_id(self.kiosk)
        return [
            ("hub", CONTENT_FOLDER_ID, "sendonly", self.hub_content),
            ("kiosk", CONTENT_FOLDER_ID, "receiveonly", self.kiosk_content),
            ("kiosk", outbox, "sendonly", self.kiosk_outbox),
            ("hub", outbox, "receiveonly", self.hub_outbox),
        ]

    def script(self, side: str) -> list[str]:
        """Syncthing's own commands for one side ("hub" or "kiosk"), in order: network options, the other device,
        each folder and who it is shared with. Run them on that side while its Syncthing is running."""
        cli = shlex.split(self.cli)
        other, other_name, address = (
            (self.kiosk_device, self.kiosk, self.kiosk_address)
            if side == "hub"
            else (self.hub_device, "hub", self.hub_address)
        )
        commands: list[list[str]] = []
        if self.listen != "default":
            commands.append([*cli, "config", "options", "raw-listen-addresses", "add", self.listen])
        if self.local_only:
            for option, value in (
                ("global-ann-enabled", "false"),
                ("relays-enabled", "false"),
                ("natenabled", "false"),
                ("local-ann-enabled", "true"),
            ):
                commands.append([*cli, "config", "options", option, "set", value])
        # add-json: Syncthing's `devices add --addresses` cannot take a list (1.19 panics), and JSON says it all.
        own = self.hub_device if side == "hub" else self.kiosk_device
        device = {"deviceID": other, "name": other_name, "addresses": [address]}
        commands.append([*cli, "config", "devices", "add-json", json.dumps(device)])
        for folder_side, folder_id, kind, path in self.folders():
            if folder_side != side:
                continue
            folder = {
                "id": folder_id,
                "label": folder_id,
                "path": str(path),
                "type": kind,
                "rescanIntervalS": self.rescan_seconds,
                "fsWatcherEnabled": True,
                "fsWatcherDelayS": self.watch_delay_seconds,
                # The hub keeps every summary a kiosk ever sent: deletions from the kiosk's outbox are ignored.
                "ignoreDelete": kind == "receiveonly" and folder_id != CONTENT_FOLDER_ID,
                "devices": [{"deviceID": own}, {"deviceID": other}],
            }
            commands.append([*cli, "config", "folders", "add-json", json.dumps(folder)])
        return [shlex.join(command) for command in commands]

    def text(self) -> str:
        title = _("Kiosk {kiosk}: Syncthing folders (create each on the side named, share it with the other)")
        lines = [title.format(kiosk=self.kiosk), ""]
        for side, folder_id, kind, path in self.folders():
            label = {"sendonly": _("Send Only"), "receiveonly": _("Receive Only")}[kind]
            row = _("  on the {side:5}  folder ID {folder_id:40} {label:12}  {path}")
            lines.append(row.format(side=side, folder_id=folder_id, label=label, path=path))
        discovery = (
            _("local network only (no global discovery, relays or NAT)")
            if self.local_only
            else _("Syncthing's default")
        )
        lines += [
            "",
            _(
                "Pairing: hub {hub} (found at {hub_address}), kiosk {kiosk} (found at {kiosk_address}); discovery:"
                " {discovery}; every folder rescanned every {seconds} s besides the file watcher; the hub ignores"
                " deletions from the kiosk's outbox."
            ).format(
                hub=self.hub_device,
                hub_address=self.hub_address,
                kiosk=self.kiosk_device,
                kiosk_address=self.kiosk_address,
                discovery=discovery,
                seconds=self.rescan_seconds,
            ),
            "",
            _(
                "All of it with Syncthing's own command line, run on each side while its Syncthing runs"
                " (`kiosk fleet config ... --script hub` or `--script kiosk` prints one side alone):"
            ),
        ]
        for side in ("hub", "kiosk"):
            lines += [f"  [{side}] {command}" for command in self.script(side)]
        lines += ["", _("Ignore patterns for both content folders (.stignore):"), *(f"  {p}" for p in IGNORE_PATTERNS)]
        lines += ["", _("In the kiosk's settings.toml (`kiosk config path` prints where it is):")]
        lines += [f"  {line}" for line in self.settings_lines()]
        lines += [
            "",
            _(
                "Then on the hub: `kiosk stats merge {outboxes}` for the report, `kiosk fleet status {outboxes}` for"
                " the kiosks' health."
            ).format(outboxes=self.hub_outboxes),
        ]
        return "\n".join(lines)
