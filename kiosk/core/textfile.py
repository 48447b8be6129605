"""Read a content file the way a practitioner saved it: UTF-8 with or without BOM, CRLF or LF."""

from __future__ import annotations

import codecs
from pathlib import Path

from kiosk.core.errors import ContentError
from kiosk.core.files import FileRefusedError, FileTooLargeError, read_file
from kiosk.core.i18n import _

# A real deck is a few kB (500 generated slides: about 75 kB). The cap keeps validating any file under a second.
MAX_FILE_BYTES = 150_000


def _encoding_hint(data: bytes) -> str:
    """Name the encoding a non-UTF-8 file was most likely saved in."""
    for name, label in (("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP")):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return _("this looks like {label}").format(label=label)
    return _("this is not UTF-8")


def decode_text(data: bytes, path: Path) -> str:
    """Decode bytes to text with LF line ends, or raise ContentError naming the fix."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Older Windows Notepad saved "Unicode" as UTF-16 with a BOM: read it correctly.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeError:
            message = _("the file starts like UTF-16 but is not valid UTF-16; save it as UTF-8")
            raise ContentError(path, 1, message) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            path,
            line,
            _("{what}; save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8)").format(
                what=_encoding_hint(data)
            ),
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise ContentError(
            path, text.count("\n", 0, nul) + 1, _("the file holds a NUL byte; is it really a text file?")
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, within: Path | None = None) -> str:
    """Read one content file as text, or raise ContentError with path and line.

    Only a regular file under the size cap inside `within` (default: its own folder) is read (read_file).
    """
    try:
        data = read_file(path, MAX_FILE_BYTES, within=within)
    except FileTooLargeError as error:
        limit = _("content files must stay under {most:,} bytes").format(most=MAX_FILE_BYTES)
        raise ContentError(
            path, 1, _("the file is {size:,} bytes; {limit}").format(size=error.size, limit=limit)
        ) from None
    except FileNotFoundError:
        raise ContentError(path, 1, _("file not found")) from None
    except IsADirectoryError:
        raise ContentError(path, 1, _("expected a file, found a folder")) from None
    except FileRefusedError as error:
        raise ContentError(path, 1, _("not read: {strerror}").format(strerror=error.strerror)) from None
    except OSError as error:
        raise ContentError(path, 1, _("cannot read the file ({strerror})").format(strerror=error.strerror)) from None
    return decode_text(data, path)


def key_line(text: str, key: str) -> int:
    """The line of a TOML text that assigns `key` (bare, quoted or escaped), never one whose key merely starts the
    same (`back` is not `back_to_question`); 1 when no line does. For `path:line: message` about a key."""
    import json  # only when a problem is reported: never on the start-up path
    import re

    forms = (key, f'"{key}"', f"'{key}'", json.dumps(key, ensure_ascii=False))
    assigns = re.compile(rf"^\s*(?:{'|'.join(re.escape(form) for form in forms)})\s*=")
    return next((n for n, line in enumerate(text.split("\n"), start=1) if assigns.match(line)), 1)
