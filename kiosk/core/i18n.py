"""The language of the messages a person reads at a terminal: Japanese or English, from gettext catalogs.

The catalogs are ordinary gettext `.po` files in `kiosk/locale/` (msgid: the English text; a translator edits
them with Poedit or any text editor, no code). At first use the chosen catalog is compiled in memory to the
`.mo` form and handed to the standard library's `gettext.GNUTranslations`: no build step, no Babel.

The language comes from the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; on Windows the user's UI language)
unless a command line's `--lang` says otherwise (`set_language`). This module imports nothing of the kiosk.
"""

from __future__ import annotations

import io
import os
import re
import struct
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import gettext  # imported when a catalog is first needed: English never loads it

LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES: Final = ("ja", "en")
DEFAULT: Final = "en"

_MAX_CATALOG_BYTES: Final = 4 * 1024 * 1024
_chosen: str | None = None
_catalogs: dict[str, gettext.NullTranslations] = {}


def _from_code(code: str) -> str | None:
    """`ja_JP.UTF-8`, `ja-JP`, `Japanese_Japan.932` -> ja; an unsupported language -> None."""
    code = code.strip().lower()
    if not code or code in {"c", "posix"} or code.startswith("c."):
        return None
    for language in LANGUAGES:
        if code == language or code.startswith((f"{language}_", f"{language}-", f"{language}.")):
            return language
    if code.startswith("japanese"):
        return "ja"
    if code.startswith("english"):
        return "en"
    return None


def windows_ui_language_id() -> int:  # pragma: no cover - runs on Windows only (tests pass a fake)
    """The user's Windows UI language as a LANGID (0x0411 Japanese, 0x0409 English US), from kernel32."""
    import ctypes

    return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined,unused-ignore]


def windows_language(ui_language_id: Callable[[], int] = windows_ui_language_id) -> str | None:
    """ja or en from the Windows UI language (ja_JP, en_US, ... through the standard library's table), else None."""
    import locale

    try:
        lcid = ui_language_id()
    except (AttributeError, OSError, ValueError, TypeError):
        return None
    return _from_code(locale.windows_locale.get(int(lcid), ""))


def language_from_environment(
    environ: dict[str, str] | None = None,
    platform: str = sys.platform,
    ui_language_id: Callable[[], int] = windows_ui_language_id,
) -> str:
    """The message language the locale asks for, as gettext reads it (the first variable set decides); on Windows,
    where these variables are seldom set, the user's UI language (`ui_language_id` stands in for kernel32)."""
    environ = dict(os.environ) if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE may list several: ja:en
            found = _from_code(part)
            if found:
                return found
        if name != "LANGUAGE":
            return DEFAULT  # LC_ALL=C: the locale says "no translation"
    if platform == "win32":
        return windows_language(ui_language_id) or DEFAULT
    return DEFAULT


def language() -> str:
    """The message language now in force."""
    global _chosen
    if _chosen is None:
        _chosen = language_from_environment()
    return _chosen


def set_language(code: str | None) -> None:
    """Use `code` (ja, en, or a locale name such as ja_JP) when it is one we have; None goes back to the locale."""
    global _chosen
    _chosen = _from_code(code) if code else None


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")


def _unquote(quoted: str) -> str:
    """The text of one quoted .po string (`"a \\"b\\"\\n"`), with the escapes gettext uses."""
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match.group(1), match.group(1)), quoted[1:-1])


def parse_po(text: str) -> dict[str, str]:
    """The msgid -> msgstr pairs of a .po file (the header entry, msgid "", included); plural forms are not used."""
    entries: dict[str, str] = {}
    key: str | None = None
    parts: dict[str, list[str]] = {}
    field = ""

    def finish() -> None:
        if "msgid" in parts:
            entries["".join(parts["msgid"])] = "".join(parts.get("msgstr", []))
        parts.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and parts.get("msgstr") is not None:
                finish()
            continue
        if line.startswith('"'):
            parts.setdefault(field, []).append(_unquote(line))
            continue
        key, _, rest = line.partition(" ")
        if key == "msgid" and "msgstr" in parts:
            finish()
        field = key
        parts[field] = [_unquote(rest.strip())]
    finish()
    return entries


def compile_mo(entries: dict[str, str]) -> bytes:
    """The GNU .mo bytes of a catalog (what msgfmt writes): a header, two tables, then the strings."""
    keys = sorted(entries)
    ids = [key.encode("utf-8") for key in keys]
    strs = [entries[key].encode("utf-8") for key in keys]
    start = 7 * 4 + 16 * len(keys)
    id_table, str_table, blob = [], [], b""
    for encoded in ids:
        id_table += [len(encoded), start + len(blob)]
        blob += encoded + b"\0"
    for encoded in strs:
        str_table += [len(encoded), start + len(blob)]
        blob += encoded + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return header + struct.pack(f"<{len(id_table)}I", *id_table) + struct.pack(f"<{len(str_table)}I", *str_table) + blob


def catalog(code: str) -> gettext.NullTranslations:
    """The compiled catalog of one language (kept once made); an empty msgstr falls back to the English msgid."""
    import gettext

    if code == DEFAULT:  # the message ids are the English text: nothing to read
        return _catalogs.setdefault(code, gettext.NullTranslations())
    if code not in _catalogs:
        path = LOCALE_DIR / f"{code}.po"
        try:
            # Not core.files.read_file: files.py says its refusals through this module. The catalog is the
            # package's own file, read once and bounded.
            with path.open("rb") as handle:
                text = handle.read(_MAX_CATALOG_BYTES).decode("utf-8")
            entries = {k: v for k, v in parse_po(text).items() if v}
            entries[""] = "Content-Type: text/plain; charset=UTF-8\n"  # how GNUTranslations learns the encoding
        except OSError:
            _catalogs[code] = gettext.NullTranslations()
        else:
            _catalogs[code] = gettext.GNUTranslations(io.BytesIO(compile_mo(entries)))
    return _catalogs[code]


def _(message: str) -> str:
    """`message` (English, the msgid) in the language now in force."""
    code = language()
    return message if code == DEFAULT else catalog(code).gettext(message)


def gettext_for(code: str, message: str) -> str:
    """`message` in one given language, whatever is in force (for tests and side-by-side output)."""
    return message if code == DEFAULT else catalog(code).gettext(message)


def N_(message: str) -> str:  # noqa: N802  # gettext's name for "a message, translated later where it is shown"
    """Mark `message` for the catalogs without translating it now (a table made at import time)."""
    return message
