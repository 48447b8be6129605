"""What a clinic chain sets in Syncthing for one kiosk: two folders on the hub, two on the kiosk.

Content goes out: the hub shares the practitioner's content folder Send Only, the kiosk receives it
Receive Only into the folder it reads (the kiosk validates new content and switches at its next attract
screen, so a sync in progress is never shown). Statistics come back: the kiosk's outbox is Send Only,
the hub receives it Receive Only into one folder per kiosk, which `kiosk stats merge` reads.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Final

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

    def text(self) -> str:
        lines = [f"Kiosk {self.kiosk}: Syncthing folders (create each on the side named, share it with the other)", ""]
        for side, folder_id, kind, path in self.folders():
            label = {"sendonly": "Send Only", "receiveonly": "Receive Only"}[kind]
            lines.append(f"  on the {side:5}  folder ID {folder_id:40} {label:12}  {path}")
        lines += ["", "The same with Syncthing's own command line (run on the side named; add the devices first):"]
        for side, folder_id, kind, path in self.folders():
            command = ["syncthing", "cli", "config", "folders", "add", "--id", folder_id, "--label", folder_id]
            command += ["--path", str(path), "--type", kind]
            lines.append(f"  [{side}] {shlex.join(command)}")
        lines += ["", "Ignore patterns for both content folders (.stignore):", *(f"  {p}" for p in IGNORE_PATTERNS)]
        lines += ["", "In the kiosk's settings.toml (`kiosk config path` prints where it is):"]
        lines += [f"  {line}" for line in self.settings_lines()]
        lines += [
            "",
            "Then on the hub: `kiosk stats merge "
            f"{self.hub_outboxes}` for the report, `kiosk fleet status {self.hub_outboxes}` for the kiosks' health.",
        ]
        return "\n".join(lines)
