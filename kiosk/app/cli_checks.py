"""What `kiosk` checks before a command runs: the message language, options a person mistyped, a language or
folder that does not exist. Kept apart from cli.py so that file stays the list of commands.

Pure: no Qt, and the content engine only by name (lesson_candidates looks at folder names, reads nothing).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kiosk.core import i18n
from kiosk.core.i18n import _

# argparse's own words (usage:, options, its errors) come through gettext's "argparse" domain; the kiosk's
# catalogs hold them, so `kiosk --help` reads in one language. Listed so the catalog test sees them.
ARGPARSE_MESSAGES = (
    _("usage: "),
    _("positional arguments"),
    _("options"),
    _("show this help message and exit"),
    _("%(prog)s: error: %(message)s\n"),
    _("unrecognized arguments: %s"),
    _("invalid choice: %(value)r (choose from %(choices)s)"),
    _("the following arguments are required: %s"),
    _("argument %(argument_name)s: %(message)s"),
    _("expected one argument"),
    _("invalid %(type)s value: %(value)r"),
)


def use_message_language(argv: Sequence[str]) -> None:
    """Take the message language from `--lang X` anywhere on the line when X is one we have, else the locale.

    Done before the parser is built, so `--help` is in that language too; argparse's words follow.
    """
    code: str | None = None
    for index, word in enumerate(argv if argv[:1] != ["narrate"] else ()):  # narrate's --lang: what to narrate
        if word == "--lang" and index + 1 < len(argv):
            code = argv[index + 1]
        elif word.startswith("--lang="):
            code = word.partition("=")[2]
    i18n.set_language(code if code and i18n._from_code(code) else None)
    argparse._ = i18n._  # type: ignore[attr-defined]  # argparse looks its words up through this name


def _chosen_parsers(parser: argparse.ArgumentParser, namespace: argparse.Namespace) -> list[argparse.ArgumentParser]:
    """The parser and the sub-command parsers the words chose (`kiosk config check` -> kiosk, config, check)."""
    chain = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = getattr(namespace, action.dest or "", None)
            if chosen in action.choices:
                chain += _chosen_parsers(action.choices[chosen], namespace)
    return chain


def _option_names(parsers: list[argparse.ArgumentParser]) -> list[str]:
    return [name for parser in parsers for name in parser._option_string_actions if name.startswith("--")]


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """` (did you mean --size?)` when one known name is close to `word`, else nothing."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.5)
    return _(" (did you mean {name}?)").format(name=close[0]) if close else ""


class Parser(argparse.ArgumentParser):
    """argparse, with a suggestion for a mistyped option or command instead of the list of every name."""

    def parse_args(  # type: ignore[override]  # the same call; one signature is enough here
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            known = _option_names(_chosen_parsers(self, parsed))
            hints = "".join(did_you_mean(word.split("=")[0], known) for word in extras if word.startswith("-"))
            self.error(_("unrecognized arguments: %s") % " ".join(extras) + hints)
        return parsed

    def error(self, message: str) -> NoReturn:
        for action in self._actions:  # a mistyped sub-command: the quoted word that is not one of them
            if isinstance(action, argparse._SubParsersAction):
                typed = [word for word in re.findall(r"'([^']+)'", message) if word not in action.choices]
                if typed:
                    message += did_you_mean(typed[0], list(action.choices))
        self.print_usage(sys.stderr)
        self.exit(2, _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})


def content_languages(content: Path) -> list[str]:
    """The language folders of the lessons under `content`, by name only (nothing is read)."""
    from kiosk.content.folders import lesson_candidates

    candidates, _problems = lesson_candidates(content)
    return sorted({language.name for candidate in candidates for language in candidate.languages})


def check_folder(path: Path, what: str) -> str | None:
    """A message when `path` is not a folder (`what`: a content folder, an outbox folder)."""
    if path.is_dir():
        return None
    if path.exists():
        return _("{path}: not a folder; give {what}").format(path=path, what=what)
    return _("{path}: no such folder; give {what}").format(path=path, what=what)


def check_language(content: Path, language: str) -> str | None:
    """A message when no lesson under `content` has a `language` folder, naming the ones there are."""
    found = content_languages(content)
    if not found or language in found:
        return None
    return _("{content}: no lesson has the language {language!r}; the languages here: {found}{hint}").format(
        content=content, language=language, found=", ".join(found), hint=did_you_mean(language, found)
    )


def fail(message: str) -> int:
    """Print `kiosk: message` to standard error; the exit code 2 of a command that cannot start."""
    print(f"kiosk: {message}", file=sys.stderr)
    return 2
