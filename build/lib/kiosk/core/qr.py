"""The result screen's QR code as a plain matrix of modules (drawn as vectors by the widget)."""

from __future__ import annotations

QrMatrix = tuple[tuple[bool, ...], ...]


def qr_matrix(address: str) -> QrMatrix:
    """Dark (True) and light modules of the QR code for `address`, without the quiet zone."""
    import segno  # only the result screen needs it: kept off the start-up path

    code = segno.make(address, error="m", micro=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix)
