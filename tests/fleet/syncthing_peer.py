"""A throwaway Syncthing instance on 127.0.0.1 for the chain's integration test: no discovery, relays or NAT."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

SYNCTHING = shutil.which("syncthing")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Peer:
    def __init__(self, home: Path, name: str) -> None:
        assert SYNCTHING is not None
        self.home, self.name = home, name
        self.gui_port, self.listen_port = free_port(), free_port()
        self.apikey = secrets.token_urlsafe(24)
        self.process: subprocess.Popen[bytes] | None = None
        subprocess.run(
            [SYNCTHING, "generate", f"--home={home}", "--no-default-folder"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        out = subprocess.run([SYNCTHING, "--device-id", f"--home={home}"], check=True, capture_output=True, timeout=30)
        self.device_id = out.stdout.decode().strip()
        self._configure()

    @property
    def config(self) -> Path:
        return self.home / "config.xml"

    def _configure(self) -> None:
        tree = ET.parse(self.config)
        root = tree.getroot()
        gui = root.find("gui")
        assert gui is not None
        gui.find("address").text = f"127.0.0.1:{self.gui_port}"  # type: ignore[union-attr]
        gui.find("apikey").text = self.apikey  # type: ignore[union-attr]
        options = root.find("options")
        assert options is not None
        settings = {
            "listenAddress": f"tcp://127.0.0.1:{self.listen_port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "startBrowser": "false",
            "urAccepted": "-1",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
            "reconnectionIntervalS": "1",
            "setLowPriority": "false",
        }
        for key, value in settings.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        tree.write(self.config)

    def add_device(self, other: Peer) -> None:
        tree = ET.parse(self.config)
        root = tree.getroot()
        device = ET.Element("device", id=other.device_id, name=other.name, compression="metadata")
        ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{other.listen_port}"
        ET.SubElement(device, "autoAcceptFolders").text = "false"
        root.insert(1, device)
        tree.write(self.config)

    def add_folder(self, folder_id: str, path: Path, kind: str, other: Peer) -> None:
        tree = ET.parse(self.config)
        root = tree.getroot()
        folder = ET.Element(
            "folder",
            id=folder_id,
            label=folder_id,
            path=str(path),
            type=kind,
            rescanIntervalS="3600",
            fsWatcherEnabled="false",
            fsWatcherDelayS="1",
        )
        for device_id in (self.device_id, other.device_id):
            ET.SubElement(folder, "device", id=device_id)
        ET.SubElement(folder, "minDiskFree", unit="%").text = "0"
        root.insert(0, folder)
        tree.write(self.config)

    def start(self, log: Path) -> None:
        env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1", "HOME": str(self.home)}
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [SYNCTHING, "serve", f"--home={self.home}", "--no-browser", "--no-restart", "--no-upgrade"],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        wait_for(lambda: self.request("GET", "/rest/system/ping") is not None, 30, f"{self.name} to start")

    def request(self, method: str, path: str) -> object | None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", method=method, headers={"X-API-Key": self.apikey}
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                body = response.read()
        except OSError:
            return None
        return json.loads(body) if body else {}

    def connected_to(self, other: Peer) -> bool:
        connections = self.request("GET", "/rest/system/connections")
        if not isinstance(connections, dict):
            return False
        return bool(connections.get("connections", {}).get(other.device_id, {}).get("connected"))

    def scan(self, folder_id: str) -> None:
        self.request("POST", f"/rest/db/scan?folder={folder_id}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.request("POST", "/rest/system/shutdown")
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def wait_for(condition: object, seconds: float, what: str) -> None:
    """Poll a condition (bounded in time); the test fails naming what it waited for."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds:g} s waiting for {what}")


def text_or_none(path: Path) -> str | None:
    """A synced file's text, or None while it is missing: Syncthing may take the old file away before the new one
    is in place (seen once in CI: FileNotFoundError in the middle of a wait)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
