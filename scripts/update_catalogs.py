"""Bring kiosk/locale/ja.po and en.po up to date with the messages in the code (what xgettext does).

Every `_("...")` / `N_("...")` call in kiosk/ is a message, and so is a setting's description (`Option("...")`,
printed by `kiosk config example`); a new one is added with an empty Japanese translation (the catalog test then
fails until a translator fills it in) and its English text as the English translation.
Translations already there are kept; messages no longer in the code are dropped.

    .venv/bin/python scripts/update_catalogs.py
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.core.i18n import LOCALE_DIR, parse_po  # noqa: E402

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {code}\\n"\n'


def messages() -> dict[str, list[str]]:
    """Every message id in kiosk/, in the order first met, with where it is used."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_", "Option")  # Option: a setting's description (config example)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def write(code: str, found: dict[str, list[str]]) -> None:
    path = LOCALE_DIR / f"{code}.po"
    old = parse_po(path.read_text(encoding="utf-8")) if path.exists() else {}
    out = [HEADER.format(code=code)]
    for message, places in found.items():
        translation = old.get(message) or (message if code == "en" else "")
        out.append(f"#: {' '.join(places[:3])}\nmsgid {quoted(message)}\nmsgstr {quoted(translation)}\n")
    LOCALE_DIR.mkdir(exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    found = messages()
    for code in ("ja", "en"):
        write(code, found)
    print(f"{len(found)} messages")
