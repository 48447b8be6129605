"""The desk page over TLS: the kiosk's own self-signed certificate, pinned by the client; nothing else works."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.remote.certificate import load_or_make
from tests.app.remote_client import ACTION, bearer, in_thread, request

pytestmark = pytest.mark.allow_warnings  # a refused handshake may be logged by Qt's socket layer


def pinned(pem: bytes) -> ssl.SSLContext:
    """A client context that trusts exactly this certificate, for 127.0.0.1, as a paired device pins it."""
    context = ssl.create_default_context(cadata=pem.decode("ascii"))
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def test_pair_and_read_status_over_pinned_tls(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Over HTTPS with the pinned certificate: pairing sets a Secure cookie, status works, the URL says https."""
    assert kiosk.desk.remote.start("127.0.0.1", 0, tls=True), kiosk.desk.remote.problem
    assert kiosk.desk.remote.url.startswith("https://127.0.0.1:")
    assert kiosk.desk.remote.certificate is not None
    assert kiosk.desk.remote.view().fingerprint == kiosk.desk.remote.certificate.fingerprint
    port, context = kiosk.desk.remote.server.port, pinned(kiosk.desk.remote.certificate.cert_pem)  # type: ignore[union-attr]
    code = kiosk.desk.remote.open_pairing()
    answer = in_thread(qtbot, lambda: request(port, "POST", "/api/pair", {"code": code, "bearer": True}, ACTION,
                                              tls=context))  # fmt: skip
    assert answer.status == 200
    assert "; Secure" in answer.cookies[0]
    token = answer.json["token"]
    status = in_thread(qtbot, lambda: request(port, "GET", "/api/status", headers=bearer(token), tls=context))
    assert status.status == 200 and status.json["screen"] == "attract"


def test_another_certificate_and_plain_http_fail(qtbot: QtBot, kiosk: Kiosk, tmp_path: Path) -> None:
    """A client pinning another certificate fails the handshake, and so does plain HTTP on the TLS port."""
    assert kiosk.desk.remote.start("127.0.0.1", 0, tls=True), kiosk.desk.remote.problem
    port = kiosk.desk.remote.server.port  # type: ignore[union-attr]
    stranger = pinned(load_or_make(tmp_path / "other", "127.0.0.1").cert_pem)

    def refused(tls: ssl.SSLContext | None) -> str:
        try:
            request(port, "GET", "/", tls=tls)
        except (ssl.SSLError, OSError) as error:
            return type(error).__name__
        return "answered"

    assert in_thread(qtbot, lambda: refused(stranger)) == "SSLCertVerificationError"
    assert in_thread(qtbot, lambda: refused(None)) != "answered"
