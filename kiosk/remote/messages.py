"""Plain HTTP messages and the checks every request passes before it reaches a route.

- Host must be the kiosk's own address: a page on another site cannot reach the API through DNS rebinding.
- A token from the HttpOnly cookie or an `Authorization: Bearer` header; wrong ones are counted per address.
- A state-changing request is a POST with a JSON body and the custom header `X-Kiosk-Remote: 1` (a page on
  another site cannot send a custom header without a CORS preflight, which the kiosk never grants), and its
  Origin and Sec-Fetch-Site, when the browser sends them, must say it came from the kiosk's own page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

COOKIE = "kiosk_remote"
# Over TLS the cookie's name carries the __Host- prefix: the browser keeps it only with Secure, Path=/ and no
# Domain, so a page on the kiosk's host over plain HTTP (another port) can neither set nor toss it.
# Without TLS no prefix can be had: every one a browser knows (__Secure-, __Host-, __Http-, __Host-Http-) needs
# Secure, which plain HTTP cannot set, so a prefixed cookie would be dropped and pairing would silently fail.
# The plain name gets the rest: HttpOnly, SameSite=Strict, Path=/ and no Domain (this host only).
SECURE_COOKIE = "__Host-" + COOKIE
ACTION_HEADER = "x-kiosk-remote"
MAX_BODY = 4096
COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie; revoking is the way to end it

SECURITY_HEADERS = (
    ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


@dataclass(frozen=True)
class Request:
    method: str  # upper case
    path: str
    headers: Mapping[str, str]  # names in lower case
    body: bytes = b""
    peer: str = ""  # the client's address


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = field(default=())

    def all_headers(self) -> list[tuple[str, str]]:
        return [("Content-Type", self.content_type), *SECURITY_HEADERS, *self.headers]


def json_reply(status: int, data: Mapping[str, Any], headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    return Reply(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), headers=headers)


def error_reply(status: int, error: str, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    """An error as JSON: a stable `error` word for the page's strings and a message in English for logs."""
    return json_reply(status, {"error": error, "message": message}, headers)


def token_of(request: Request, secure: bool = False) -> str | None:
    """The bearer token or the cookie's value (the __Host- one over TLS); None when the request carries neither."""
    wanted = SECURE_COOKIE if secure else COOKIE
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    for part in request.headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == wanted and value:
            return value
    return None


def host_allowed(request: Request, hosts: frozenset[str]) -> bool:
    return request.headers.get("host", "").lower() in hosts


def cross_site_problem(request: Request, origins: frozenset[str]) -> str | None:
    """Why a state-changing request may not come from the kiosk's own page, or None when it may."""
    if request.headers.get(ACTION_HEADER) != "1":
        return f"missing header {ACTION_HEADER}: 1"
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return "the body must be application/json"
    origin = request.headers.get("origin")
    if origin is not None and origin.lower() not in origins:
        return f"origin {origin!r} is not the kiosk's page"
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site is {site!r}"
    return None


def json_body(request: Request) -> dict[str, Any] | None:
    """The request's JSON object, or None when the body is not one (or is too big)."""
    if len(request.body) > MAX_BODY:
        return None
    if not request.body:
        return {}
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def token_cookie(token: str, secure: bool) -> tuple[str, str]:
    """The cookie that carries the token: never readable by scripts, never sent from another site."""
    age = COOKIE_MAX_AGE if token else 0  # an empty token clears the cookie
    flags = f"Path=/; Max-Age={age}; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
    return ("Set-Cookie", f"{SECURE_COOKIE if secure else COOKIE}={token}; {flags}")
