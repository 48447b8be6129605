"""Deck settings between two `---` lines at the top of a file: one `key: value` per line."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.errors import ContentError
from kiosk.core.i18n import _


def split_front_matter(
    text: str, path: Path, known: set[str]
) -> tuple[dict[str, str], dict[str, int], int, list[ContentError]]:
    """Return (settings, line of each key, number of lines used, problems)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, {}, 0, []
    settings: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    problems: list[ContentError] = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return settings, key_lines, number, problems
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or not key:
            problems.append(
                ContentError(
                    path,
                    number,
                    _("expected 'key: value' in the settings, found {line!r}").format(line=line.strip()[:40]),
                )
            )
        elif key not in known:
            problems.append(
                ContentError(
                    path,
                    number,
                    _("unknown setting {key!r} (known: {known})").format(key=key, known=", ".join(sorted(known))),
                )
            )
        elif key in settings:
            problems.append(ContentError(path, number, _("setting {key!r} is given twice").format(key=key)))
        else:
            settings[key] = _unquoted(value.strip())
            key_lines[key] = number
    problems.append(
        ContentError(path, 1, _("the settings block opened with '---' is never closed by a second '---' line"))
    )
    return settings, key_lines, len(lines), problems


def _unquoted(value: str) -> str:
    """Drop one pair of matching quotes around a value; a lone quote (Patients') is part of the text."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_yes_no(value: str) -> bool | None:
    """yes/no, true/false, on/off -> bool; anything else -> None."""
    lowered = value.strip().lower()
    if lowered in {"yes", "true", "on", "1"}:
        return True
    if lowered in {"no", "false", "off", "0"}:
        return False
    return None
