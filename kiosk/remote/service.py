"""The desk's HTTP API and page, as a function from a request to a reply (no sockets, no Qt).

GET  /, /pair, /app.js, /app.css   the page (same-origin files only; no third-party resource)
GET  /api/status                   what the kiosk shows now (token)
POST /api/pair                     {"code", "name"} -> a token in an HttpOnly cookie (and in the body if asked)
POST /api/start-over               end the visit now, back to the attract screen (token)
POST /api/reload                   validate and load the content again (token)
POST /api/pause                    {"minutes"}: the attract screen stays, touches start nothing (token)
POST /api/resume                   lift the pause (token)
POST /api/rename                   {"name"}: this device's name, as the staff menu and the log show it (token)
POST /api/forget                   this device unpairs itself (token)
Every action is logged with the device's name; nothing is done by GET.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.remote.devices import Device, DeviceStore
from kiosk.remote.limiter import RateLimiter
from kiosk.remote.messages import (
    Reply,
    Request,
    cross_site_problem,
    error_reply,
    host_allowed,
    json_body,
    json_reply,
    token_cookie,
    token_of,
)
from kiosk.remote.pairing import Pairing, PairingResult

log = logging.getLogger("kiosk.remote")

MAX_PAUSE_MINUTES = 120
PAGES = {"/": "index.html", "/pair": "index.html", "/app.js": "app.js", "/app.css": "app.css"}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


class Desk(Protocol):
    """What the kiosk lets the desk see and do: the same calls the staff menu makes."""

    def status(self) -> dict[str, Any]: ...
    def start_over(self, device: str) -> None: ...
    def reload(self, device: str) -> list[str]: ...  # the problems; empty when the new content is shown
    def pause(self, minutes: int, device: str) -> None: ...
    def resume(self, device: str) -> None: ...
    def devices_changed(self) -> None: ...


@dataclass(frozen=True)
class Site:
    """Where the kiosk's page is: the Host and Origin values a genuine request carries."""

    hosts: frozenset[str]  # "192.168.1.20:8765"
    secure: bool = False

    @property
    def origins(self) -> frozenset[str]:
        scheme = "https" if self.secure else "http"
        return frozenset(f"{scheme}://{host}" for host in self.hosts)


class RemoteService:
    def __init__(
        self,
        devices: DeviceStore,
        pairing: Pairing,
        limiter: RateLimiter,
        desk: Desk,
        site: Site,
        files: Mapping[str, bytes],
    ) -> None:
        self.devices, self.pairing, self.limiter, self.desk, self.site = devices, pairing, limiter, desk, site
        self._files = files  # name -> bytes of the page's files, read once by the caller
        self._actions: dict[str, Callable[[Device, dict[str, Any]], Reply]] = {
            "/api/start-over": self._start_over,
            "/api/reload": self._reload,
            "/api/pause": self._pause,
            "/api/resume": self._resume,
            "/api/rename": self._rename,
            "/api/forget": self._forget,
        }

    def handle(self, request: Request) -> Reply:
        if not host_allowed(request, self.site.hosts):
            return error_reply(421, "wrong_host", "this server answers only to the kiosk's own address")
        path, method = request.path, request.method
        if path in PAGES or path == "/api/status":
            if method not in ("GET", "HEAD"):
                return error_reply(405, "method", "use GET", (("Allow", "GET, HEAD"),))
            return self._status(request) if path == "/api/status" else self._page(PAGES[path])
        if path == "/api/pair" or path in self._actions:
            if method != "POST":  # no action by GET, ever
                return error_reply(405, "method", "use POST", (("Allow", "POST"),))
            problem = cross_site_problem(request, self.site.origins)
            if problem:
                log.warning("remote: refused %s from %s: %s", path, request.peer, problem)
                return error_reply(403, "cross_site", problem)
            body = json_body(request)
            if body is None:
                return error_reply(400, "bad_body", "the body must be a JSON object of at most 4 KiB")
            if path == "/api/pair":
                return self._pair(request, body)
            device = self._authorise(request)
            if isinstance(device, Reply):
                return device
            return self._actions[path](device, body)
        return error_reply(404, "not_found", f"no such page: {path[:80]}")

    # -- pages and status -----------------------------------------------------------------
    def _page(self, name: str) -> Reply:
        suffix = name[name.rfind(".") :]
        return Reply(200, self._files[name], TYPES[suffix])

    def _status(self, request: Request) -> Reply:
        device = self._authorise(request)
        if isinstance(device, Reply):
            return device
        return json_reply(200, {**self.desk.status(), "device": device.name})

    # -- the token ------------------------------------------------------------------------
    def _authorise(self, request: Request) -> Device | Reply:
        """The paired device making the request, or the refusal to send (401, or 429 when blocked)."""
        blocked = self.limiter.blocked_for(request.peer)
        if blocked > 0:
            return self._too_many(blocked)
        token = token_of(request, self.site.secure)
        if token is None:
            return error_reply(401, "not_paired", "pair this device from the kiosk's staff menu first")
        device = self.devices.find(token)
        if device is None:
            block = self.limiter.failure(request.peer)
            log.warning("remote: wrong or revoked token from %s%s", request.peer, self._blocked_note(block))
            forget = (token_cookie("", self.site.secure),)  # the browser drops a token that no longer works
            return error_reply(401, "wrong_token", "this device is not paired (any more)", forget)
        return device

    def _too_many(self, seconds: float) -> Reply:
        retry = str(max(1, round(seconds)))
        return error_reply(429, "too_many", f"too many wrong tries; wait {retry} s", (("Retry-After", retry),))

    @staticmethod
    def _blocked_note(block: float) -> str:
        return f"; address blocked for {block:g} s" if block else ""

    # -- pairing --------------------------------------------------------------------------
    def _pair(self, request: Request, body: dict[str, Any]) -> Reply:
        blocked = self.limiter.blocked_for(request.peer)
        if blocked > 0:
            return self._too_many(blocked)
        code, name = body.get("code"), body.get("name", "")
        if not isinstance(code, str) or not isinstance(name, str):
            return error_reply(400, "bad_body", "code and name must be text")
        result = self.pairing.try_code(code, request.peer)
        if result is PairingResult.CLOSED:  # probing while no code is shown counts against the address too
            self.limiter.failure(request.peer)
            return error_reply(409, "pairing_closed", "open 'pair a device' in the kiosk's staff menu first")
        if result is PairingResult.BLOCKED:
            return error_reply(429, "too_many_tries", "this device tried too many codes; ask for a new one")
        if result is PairingResult.WRONG:
            block = self.limiter.failure(request.peer)
            log.warning("remote: wrong pairing code from %s%s", request.peer, self._blocked_note(block))
            return error_reply(401, "wrong_code", "the code does not match the one on the kiosk")
        device, token = self.devices.pair(name)
        self.limiter.success(request.peer)
        log.info("remote: device %r paired from %s", device.name, request.peer)
        self.desk.devices_changed()
        data = {"device": device.name, **({"token": token} if body.get("bearer") is True else {})}
        return json_reply(200, data, (token_cookie(token, self.site.secure),))

    # -- actions --------------------------------------------------------------------------
    def _start_over(self, device: Device, body: dict[str, Any]) -> Reply:
        log.info("remote: start over, from %r", device.name)
        self.desk.start_over(device.name)
        return json_reply(200, {"done": "start_over"})

    def _reload(self, device: Device, body: dict[str, Any]) -> Reply:
        log.info("remote: reload content, from %r", device.name)
        problems = self.desk.reload(device.name)
        return json_reply(200, {"done": "reload", "reloaded": not problems, "problems": problems})

    def _pause(self, device: Device, body: dict[str, Any]) -> Reply:
        minutes = body.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_PAUSE_MINUTES:
            return error_reply(400, "bad_minutes", f"minutes must be a whole number from 1 to {MAX_PAUSE_MINUTES}")
        log.info("remote: attract screen held for %d min, from %r", minutes, device.name)
        self.desk.pause(minutes, device.name)
        return json_reply(200, {"done": "pause", "minutes": minutes})

    def _resume(self, device: Device, body: dict[str, Any]) -> Reply:
        log.info("remote: pause lifted, from %r", device.name)
        self.desk.resume(device.name)
        return json_reply(200, {"done": "resume"})

    def _rename(self, device: Device, body: dict[str, Any]) -> Reply:
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            return error_reply(400, "bad_name", "name must be some text")
        self.devices.rename(device.id, name)
        renamed = next(d.name for d in self.devices.devices if d.id == device.id)
        log.info("remote: device %r is now %r", device.name, renamed)
        self.desk.devices_changed()
        return json_reply(200, {"done": "rename", "device": renamed})

    def _forget(self, device: Device, body: dict[str, Any]) -> Reply:
        log.info("remote: device %r unpaired itself", device.name)
        self.devices.revoke(device.id)
        self.desk.devices_changed()
        return json_reply(200, {"done": "forget"}, (token_cookie("", self.site.secure),))
