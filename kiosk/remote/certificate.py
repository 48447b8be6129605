"""The desk page's TLS certificate: an EC P-256 key and a self-signed certificate for the listening address,
made the first time TLS is used and kept owner-only; a desk device pins it by its SHA-256 fingerprint.

Made again when the address changes (the certificate names it) or the files are unreadable.
"""

from __future__ import annotations

import datetime
import ipaddress
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.files import read_file, replace_file

if TYPE_CHECKING:  # loaded only when TLS is on: start-up never pays for it
    from cryptography import x509

log = logging.getLogger("kiosk.remote")

VALID_DAYS = 3650
MAX_PEM_BYTES = 64 * 1024  # a certificate or key is about 1 kB


@dataclass(frozen=True)
class Certificate:
    cert_pem: bytes
    key_pem: bytes
    fingerprint: str  # SHA-256 of the DER certificate, as AA:BB:... (what browsers show)


def _fingerprint(cert: x509.Certificate) -> str:
    from cryptography.hazmat.primitives import hashes

    return ":".join(f"{byte:02X}" for byte in cert.fingerprint(hashes.SHA256()))


def _names(address: str) -> x509.GeneralName:
    from cryptography import x509

    try:
        return x509.IPAddress(ipaddress.ip_address(address))
    except ValueError:
        return x509.DNSName(address)


def load_or_make(folder: Path, address: str) -> Certificate:
    """The certificate for `address` in `folder` (cert.pem, key.pem), made and saved when missing or stale."""
    from cryptography import x509

    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    try:
        cert_pem, key_pem = read_file(cert_path, MAX_PEM_BYTES), read_file(key_path, MAX_PEM_BYTES)
        cert = x509.load_pem_x509_certificate(cert_pem)
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        if _names(address) in list(names):
            return Certificate(cert_pem, key_pem, _fingerprint(cert))
        log.info("remote: the TLS certificate names another address; making one for %s", address)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, x509.ExtensionNotFound) as error:
        log.warning("remote: TLS certificate in %s unusable (%s); making a new one", folder, error)
    return _make(folder, address)


def _make(folder: Path, address: str) -> Certificate:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"clinic kiosk {address}")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName([_names(address)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    replace_file(folder / "key.pem", key_pem, private=True)
    replace_file(folder / "cert.pem", cert_pem, private=True)
    log.info("remote: TLS certificate made for %s (SHA-256 %s)", address, _fingerprint(cert))
    return Certificate(cert_pem, key_pem, _fingerprint(cert))
