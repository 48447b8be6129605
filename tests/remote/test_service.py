"""The desk API as a pure function: pages, token checks, cross-site refusals, methods, headers, actions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.remote.devices import DeviceStore
from kiosk.remote.limiter import RateLimiter
from kiosk.remote.messages import Reply, Request
from kiosk.remote.pairing import Pairing
from kiosk.remote.service import RemoteService, Site

HOST = "192.168.1.20:8765"
ORIGIN = f"http://{HOST}"
ACTIONS = ["/api/start-over", "/api/reload", "/api/pause", "/api/resume", "/api/rename", "/api/forget"]


class FakeDesk:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def status(self) -> dict[str, Any]:
        return {"screen": "slide", "position": 4, "total": 15}

    def start_over(self, device: str) -> None:
        self.calls.append(("start_over", device))

    def reload(self, device: str) -> list[str]:
        self.calls.append(("reload", device))
        return []

    def pause(self, minutes: int, device: str) -> None:
        self.calls.append(("pause", str(minutes), device))

    def resume(self, device: str) -> None:
        self.calls.append(("resume", device))

    def devices_changed(self) -> None:
        self.calls.append(("devices_changed",))


@pytest.fixture
def setup(tmp_path: Path) -> tuple[RemoteService, FakeDesk, str]:
    desk = FakeDesk()
    devices = DeviceStore(tmp_path / "devices.json")
    _, token = devices.pair("受付PC")
    files = {"index.html": b"<html>", "app.js": b"//", "app.css": b"/**/"}
    service = RemoteService(devices, Pairing(300), RateLimiter(), desk, Site(frozenset({HOST})), files)
    return service, desk, token


def req(method: str, path: str, body: Any = None, token: str | None = None, **headers: str) -> Request:
    sent = {"host": HOST, **{k.replace("_", "-"): v for k, v in headers.items()}}
    if token:
        sent["authorization"] = f"Bearer {token}"
    data = b""
    if body is not None:
        data = json.dumps(body).encode()
        sent.setdefault("content-type", "application/json")
        sent.setdefault("x-kiosk-remote", "1")
    return Request(method, path, sent, data, "192.168.1.30")


def body(reply: Reply) -> Any:
    return json.loads(reply.body)


def test_every_reply_has_the_strict_headers(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """Pages, API replies and errors all carry CSP, frame, referrer, sniffing and caching headers."""
    service, _, token = setup
    for reply in (service.handle(req("GET", "/")), service.handle(req("GET", "/api/status", token=token)),
                  service.handle(req("GET", "/nope")), service.handle(req("POST", "/api/reload", {}))):  # fmt: skip
        headers = dict(reply.all_headers())
        assert headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "no-store"


def test_status_needs_a_token(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """Status answers a paired token with the desk's status and the device's name, and 401 without one."""
    service, _, token = setup
    assert service.handle(req("GET", "/api/status")).status == 401
    reply = service.handle(req("GET", "/api/status", token=token))
    assert reply.status == 200
    assert body(reply) == {"screen": "slide", "position": 4, "total": 15, "device": "受付PC"}


def test_the_cookie_carries_the_token_too(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """The HttpOnly cookie works like the bearer header."""
    service, _, token = setup
    assert service.handle(req("GET", "/api/status", cookie=f"lang=ja; kiosk_remote={token}")).status == 200


@pytest.mark.parametrize("path", ACTIONS)
def test_no_action_by_get(setup: tuple[RemoteService, FakeDesk, str], path: str) -> None:
    """A GET of an action is 405 and does nothing, even with a good token."""
    service, desk, token = setup
    reply = service.handle(req("GET", path, token=token))
    assert reply.status == 405 and ("Allow", "POST") in reply.headers
    assert desk.calls == []


@pytest.mark.allow_warnings
@pytest.mark.parametrize(
    "headers",
    [{"x_kiosk_remote": "0"}, {"content_type": "text/plain"}, {"origin": "http://evil.example"},
     {"sec_fetch_site": "cross-site"}, {"sec_fetch_site": "same-site"}, {"origin": "null"}],
)  # fmt: skip
def test_cross_site_requests_are_refused(setup: tuple[RemoteService, FakeDesk, str], headers: dict[str, str]) -> None:
    """Without the custom header and JSON, or from another origin or site, an action is 403 and not done."""
    service, desk, token = setup
    reply = service.handle(req("POST", "/api/start-over", {}, token, **headers))
    assert reply.status == 403
    assert desk.calls == []


def test_the_own_page_may_act(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """The kiosk's own page (same origin, same-origin fetch) starts over, logged with the device's name."""
    service, desk, token = setup
    reply = service.handle(req("POST", "/api/start-over", {}, token, origin=ORIGIN, sec_fetch_site="same-origin"))
    assert reply.status == 200
    assert desk.calls == [("start_over", "受付PC")]


def test_another_host_name_is_refused(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """A request for another host name (DNS rebinding) is refused before any route."""
    service, _desk, _token = setup
    reply = service.handle(Request("POST", "/api/start-over", {"host": "evil.example:8765"}, b"{}", "1.2.3.4"))
    assert reply.status == 421
    assert service.handle(req("GET", "/", host="evil.example:8765")).status == 421


@pytest.mark.allow_warnings
def test_every_action_needs_a_good_token(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """Each action fails with no token or a wrong one, and works with the paired one."""
    service, desk, token = setup
    for path in ACTIONS[:4]:
        payload = {"minutes": 5} if path == "/api/pause" else {}
        assert service.handle(req("POST", path, payload)).status == 401
        assert service.handle(req("POST", path, payload, "wrong-token")).status == 401
        service.limiter.success("192.168.1.30")
        assert service.handle(req("POST", path, payload, token)).status == 200
    assert [c[0] for c in desk.calls] == ["start_over", "reload", "pause", "resume"]


@pytest.mark.allow_warnings
def test_wrong_tokens_are_rate_limited_and_logged(
    setup: tuple[RemoteService, FakeDesk, str], caplog: pytest.LogCaptureFixture
) -> None:
    """Five wrong tokens block the address (429, Retry-After), even for a good token; each is logged."""
    service, _, token = setup
    for _ in range(5):
        assert service.handle(req("GET", "/api/status", token="guess")).status == 401
    blocked = service.handle(req("GET", "/api/status", token=token))
    assert blocked.status == 429
    assert dict(blocked.headers)["Retry-After"] == "60"
    assert caplog.text.count("wrong or revoked token from 192.168.1.30") == 5
    assert "blocked for 60 s" in caplog.text


@pytest.mark.allow_warnings
def test_pairing_sets_an_httponly_strict_cookie(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """The right code pairs: the token comes in an HttpOnly SameSite=Strict cookie and works at once."""
    service, desk, _ = setup
    assert service.handle(req("POST", "/api/pair", {"code": "123456"})).status == 409  # no code shown yet
    code = service.pairing.open()
    wrong = "000000" if code != "000000" else "111111"
    assert service.handle(req("POST", "/api/pair", {"code": wrong})).status == 401
    reply = service.handle(req("POST", "/api/pair", {"code": code, "name": "スマホ"}))
    assert reply.status == 200 and "token" not in body(reply)
    cookie = dict(reply.headers)["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert body(service.handle(req("GET", "/api/status", cookie=f"kiosk_remote={token}")))["device"] == "スマホ"
    assert ("devices_changed",) in desk.calls


@pytest.mark.parametrize("minutes", [0, -1, 121, 1.5, "5", True, None])
def test_pause_minutes_are_checked(setup: tuple[RemoteService, FakeDesk, str], minutes: object) -> None:
    """A pause of anything but 1 to 120 whole minutes is 400 and holds nothing."""
    service, desk, token = setup
    assert service.handle(req("POST", "/api/pause", {"minutes": minutes}, token)).status == 400
    assert desk.calls == []


def test_bad_bodies_are_refused(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """A body that is not a JSON object, or is over 4 KiB, is 400."""
    service, desk, token = setup
    for data in (b"[1]", b"{", b"\xff", b'{"a": "' + b"x" * 5000 + b'"}'):
        headers = {"host": HOST, "authorization": f"Bearer {token}", "content-type": "application/json",
                   "x-kiosk-remote": "1"}  # fmt: skip
        assert service.handle(Request("POST", "/api/reload", headers, data, "p")).status == 400
    assert desk.calls == []


@pytest.mark.allow_warnings
def test_forget_revokes_this_device(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """A device that unpairs itself can no longer read the status."""
    service, _, token = setup
    assert service.handle(req("POST", "/api/forget", {}, token)).status == 200
    assert service.handle(req("GET", "/api/status", token=token)).status == 401


@pytest.mark.allow_warnings
def test_a_device_renames_itself(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """A paired device may change its own name (cleaned like any name); without a token it may not."""
    service, desk, token = setup
    assert service.handle(req("POST", "/api/rename", {"name": "院長のスマホ"})).status == 401
    assert service.handle(req("POST", "/api/rename", {"name": "  "}, token)).status == 400
    reply = service.handle(req("POST", "/api/rename", {"name": "院長の\nスマホ"}, token))
    assert reply.status == 200 and body(reply)["device"] == "院長のスマホ"
    assert body(service.handle(req("GET", "/api/status", token=token)))["device"] == "院長のスマホ"
    assert ("devices_changed",) in desk.calls


def test_probing_while_no_code_is_shown_counts_against_the_address(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """Tries while no code is shown are failures of that address too (they cost nothing before)."""
    from kiosk.remote.limiter import MAX_FAILURES

    service, _, _ = setup
    for _ in range(MAX_FAILURES):
        assert service.handle(req("POST", "/api/pair", {"code": "123456", "name": "x"})).status == 409
    assert service.limiter.blocked_for("192.168.1.30") > 0
    assert service.handle(req("POST", "/api/pair", {"code": "123456", "name": "x"})).status == 429


@pytest.mark.allow_warnings  # each wrong code is logged at WARNING, as it should be
def test_a_neighbours_wrong_codes_leave_the_code_to_the_desk(setup: tuple[RemoteService, FakeDesk, str]) -> None:
    """Five wrong codes from one address void nothing: the desk at another address still pairs with the code."""
    service, _, _ = setup
    code = service.pairing.open()
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(5):
        service.handle(req("POST", "/api/pair", {"code": wrong, "name": "x"}))
    other = req("POST", "/api/pair", {"code": code, "name": "desk"})
    desk = Request(other.method, other.path, other.headers, other.body, "192.168.1.31")
    assert service.handle(desk).status == 200


@pytest.mark.allow_warnings  # the refused cookie is logged as a wrong token
def test_over_tls_the_cookie_has_the_host_prefix_and_only_it_counts(tmp_path: Path) -> None:
    """With TLS the token cookie is `__Host-kiosk_remote` (Secure, Path=/, no Domain): a page on the kiosk's host
    over plain HTTP can neither set nor toss it, and a plain `kiosk_remote` cookie is not taken for it."""
    devices = DeviceStore(tmp_path / "devices.json")
    _, token = devices.pair("受付PC")
    files = {"index.html": b"<html>", "app.js": b"//", "app.css": b"/**/"}
    pairing = Pairing(300)
    service = RemoteService(devices, pairing, RateLimiter(), FakeDesk(), Site(frozenset({HOST}), secure=True), files)
    code = pairing.open()
    paired = service.handle(req("POST", "/api/pair", {"code": code, "name": "desk"}, origin=f"https://{HOST}"))
    cookie = dict(paired.all_headers())["Set-Cookie"]
    assert cookie.startswith("__Host-kiosk_remote=") and "; Secure" in cookie and "Domain" not in cookie
    assert "Path=/;" in cookie
    assert service.handle(req("GET", "/api/status", cookie=f"__Host-kiosk_remote={token}")).status == 200
    assert service.handle(req("GET", "/api/status", cookie=f"kiosk_remote={token}")).status == 401


def _cookie_parts(header: str) -> tuple[str, str, set[str]]:
    """A Set-Cookie value as (name, value, attributes), the attributes as written ("Path=/", "HttpOnly", ...)."""
    first, *attributes = (part.strip() for part in header.split(";"))
    name, _, value = first.partition("=")
    return name, value, set(attributes)


@pytest.mark.allow_warnings  # the stale cookie's refusal is logged as a wrong token
@pytest.mark.parametrize("secure", [False, True], ids=["plain-http", "tls"])
def test_the_cookie_headers_in_both_modes(tmp_path: Path, secure: bool) -> None:
    """Every browser refuses a cookie whose name has a prefix (`__Host-`, `__Secure-`, `__Http-`, `__Host-Http-`)
    unless it is Secure and set over TLS, so without TLS the plain name is the best there is: HttpOnly,
    SameSite=Strict, Path=/, no Domain (the host only) and no Secure (dropped over plain HTTP). With TLS:
    `__Host-` with Secure. The same name and attributes when pairing, when a stale token is dropped and when
    a device forgets itself."""
    devices = DeviceStore(tmp_path / "devices.json")
    pairing = Pairing(300)
    files = {"index.html": b"<html>", "app.js": b"//", "app.css": b"/**/"}
    site = Site(frozenset({HOST}), secure=secure)
    service = RemoteService(devices, pairing, RateLimiter(), FakeDesk(), site, files)
    origin = f"{'https' if secure else 'http'}://{HOST}"
    code = pairing.open()
    paired = service.handle(req("POST", "/api/pair", {"code": code, "name": "desk"}, origin=origin))
    stale = service.handle(req("GET", "/api/status", cookie="kiosk_remote=nope; __Host-kiosk_remote=nope"))
    name, token, attributes = _cookie_parts(dict(paired.all_headers())["Set-Cookie"])
    forgot = service.handle(req("POST", "/api/forget", {}, origin=origin, cookie=f"{name}={token}"))
    common = {"Path=/", "HttpOnly", "SameSite=Strict"}
    expected_name = "__Host-kiosk_remote" if secure else "kiosk_remote"
    assert name == expected_name and token
    assert attributes == common | {"Max-Age=34560000"} | ({"Secure"} if secure else set())
    assert not any(a.lower().startswith("domain") for a in attributes)
    if not secure:
        assert not name.startswith("__")  # a prefixed name without Secure is dropped by the browser
    for reply in (stale, forgot):
        dropped = _cookie_parts(dict(reply.all_headers())["Set-Cookie"])
        assert dropped == (expected_name, "", common | {"Max-Age=0"} | ({"Secure"} if secure else set()))
