"""The desk page's TLS certificate: made once per address, owner-only key, names the address it serves."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cryptography import x509

from kiosk.remote.certificate import load_or_make


def test_the_certificate_is_kept_owner_only_and_remade_for_a_new_address(tmp_path: Path) -> None:
    """The key file is owner-only; the same address reuses the certificate, another address gets a new one."""
    first = load_or_make(tmp_path, "127.0.0.1")
    assert stat.S_IMODE(os.stat(tmp_path / "key.pem").st_mode) == 0o600
    assert load_or_make(tmp_path, "127.0.0.1") == first
    assert load_or_make(tmp_path, "192.168.1.20").fingerprint != first.fingerprint


def test_it_names_the_address_and_serves_servers_only(tmp_path: Path) -> None:
    """The certificate's subjectAltName is the listening IP; it is no CA, and it is for server authentication."""
    cert = x509.load_pem_x509_certificate(load_or_make(tmp_path, "192.168.1.20").cert_pem)
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(ip) for ip in names.get_values_for_type(x509.IPAddress)] == ["192.168.1.20"]
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False


@pytest.mark.allow_warnings
def test_a_damaged_certificate_is_made_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A certificate file that is not PEM is replaced by a new certificate, and the log says so."""
    first = load_or_make(tmp_path, "127.0.0.1")
    (tmp_path / "cert.pem").write_bytes(b"not a certificate")
    assert load_or_make(tmp_path, "127.0.0.1").fingerprint != first.fingerprint
    assert "unusable" in caplog.text
