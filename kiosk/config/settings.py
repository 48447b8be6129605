"""The settings, declared once: name, type, default, bounds and description in one place.

The file is TOML in the platform's config folder. Only the options a clinic changes need to be in it.
A bad option never stops the kiosk: it is reported as `path:line: option: message` and its default is used.
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

import logging
import math
import os
import re
import stat
from pathlib import Path
from typing import Annotated, Any, NamedTuple, get_type_hints

from kiosk.core.errors import ConfigError, ContentError
from kiosk.core.files import replace_file
from kiosk.core.i18n import _
from kiosk.core.textfile import key_line, read_text

log = logging.getLogger("kiosk.config")


class Option(NamedTuple):
    """What one setting is for, and its bounds for numbers: `name: Annotated[type, Option(...)] = default`."""

    description: str
    minimum: float | None = None
    maximum: float | None = None
    off: float | None = None  # a value outside the bounds that turns the feature off (0 for a poll interval)


class Settings(NamedTuple):
    """Every setting the kiosk reads. Defaults are what a clinic gets with no settings file.

    A NamedTuple, not a dataclass: it is made at every start-up, where the dataclasses module and the
    generated methods cost ~3 ms. Each option's description and bounds are in its annotation.
    """

    idle_seconds: Annotated[
        float, Option("seconds without a touch on the lesson or quiz before 'Are you still there?'", 15, 3600)
    ] = 90
    idle_countdown_seconds: Annotated[
        float, Option("seconds the 'Are you still there?' countdown runs (20 or more: WCAG 2.2.1)", 20, 300)
    ] = 30
    result_timeout_seconds: Annotated[
        float, Option("seconds the result screen stays before the kiosk starts over", 10, 600)
    ] = 45
    default_language: Annotated[str, Option("language of a visit that does not choose one (a content folder name)")] = (
        "ja"
    )
    content_folder: Annotated[str, Option("content folder to show; empty for the content shipped with the kiosk")] = ""
    lessons: Annotated[
        str,
        Option("lesson ids to offer, in this order, separated by commas; empty: every lesson of the content folder"),
    ] = ""
    # The floor is the harm's: 1e-9 s polled without pause and used a whole core (101 % measured).
    content_poll_seconds: Annotated[
        float, Option("seconds between looks at the content folder for new content", 0.5, 3600, off=0)
    ] = 1
    content_quiet_seconds: Annotated[
        float, Option("seconds the content folder must stay unchanged before new content is checked and shown", 0, 3600)
    ] = 2
    attract_seconds: Annotated[
        float, Option("seconds each picture of the attract screen's loop stays before it fades to the next", 3, 600)
    ] = 8
    opening_hours: Annotated[
        str,
        Option(
            "when the clinic is open, e.g. 'mon-fri 09:00-12:30, 15:00-19:00; sat 09:00-13:00': outside them the"
            " attract screen is held still (nothing moves all night); empty: always open"
        ),
    ] = ""
    hide_cursor: Annotated[bool, Option("hide the mouse pointer in kiosk mode (touchscreens have none)")] = True
    transitions: Annotated[bool, Option("short fades between screens; off for very slow machines")] = True
    staff_hold_seconds: Annotated[
        float, Option("seconds to hold the top-right corner to open the staff PIN pad", 2, 10)
    ] = 3
    pin_max_attempts: Annotated[int, Option("wrong PINs in a row before the PIN pad locks", 3, 10)] = 5
    pin_lockout_seconds: Annotated[
        float, Option("first lockout after too many wrong PINs; doubles with each further failure", 5, 3600)
    ] = 30
    narration_volume: Annotated[
        float, Option("volume of recorded narration, in percent of the system's volume", 0, 100)
    ] = 80
    speech_engine: Annotated[str, Option("text-to-speech engine for read-aloud; empty for the system's default")] = ""
    stats_export_folder: Annotated[
        str, Option("folder (a USB stick, say) for exported statistics (CSV) and handouts (PDF)")
    ] = ""
    clinic_name: Annotated[
        str, Option("the clinic's name, printed on the first page of the handout; empty: left out")
    ] = ""
    clinic_address: Annotated[str, Option("the clinic's address, printed on the handout; empty: left out")] = ""
    clinic_phone: Annotated[str, Option("the clinic's phone number, printed on the handout; empty: left out")] = ""
    clinic_hours: Annotated[
        str, Option("the clinic's opening hours on one line, printed on the handout; empty: left out")
    ] = ""
    outbox_folder: Annotated[
        str,
        Option("folder for the anonymous daily summaries and heartbeat a clinic chain syncs to its hub; empty: off"),
    ] = ""
    kiosk_name: Annotated[str, Option("this kiosk's name in the chain's reports; empty: a random name made once")] = ""
    heartbeat_minutes: Annotated[float, Option("minutes between heartbeats written to the outbox", 1, 1440)] = 5
    summary_min_visits: Annotated[
        int,
        Option("fewest visits of a lesson and language in a summary for the hub (fewer: week, then month)", 3, 100),
    ] = 5
    remote_enabled: Annotated[
        bool, Option("serve the front desk's remote page (staff turn it on from the staff menu)")
    ] = False
    remote_address: Annotated[
        str,
        Option("address the desk page listens on; empty for this machine's LAN address (0.0.0.0 means every network)"),
    ] = ""
    remote_tls: Annotated[
        bool, Option("serve the desk page over HTTPS with a self-signed certificate the desk devices pin (see docs)")
    ] = False
    remote_port: Annotated[int, Option("TCP port of the desk page", 1024, 65535)] = 8765
    remote_pairing_minutes: Annotated[
        float, Option("minutes a pairing code shown on the staff menu stays valid", 1, 30)
    ] = 5
    remote_requests_per_second: Annotated[
        int, Option("requests per second one desk device may send before it is told to slow down", 5, 1000)
    ] = 20

    @classmethod
    def off_values(cls) -> dict[str, float]:
        """The options that have an off value outside their bounds, and that value."""
        hints = get_type_hints(cls, include_extras=True)
        options = {name: hints[name].__metadata__[0] for name in cls._fields}
        return {name: option.off for name, option in options.items() if option.off is not None}

    @classmethod
    def declared(cls) -> list[tuple[str, type, Any, str, float | None, float | None]]:
        """(name, type, default, description, min, max) of every option, in declaration order.

        Read from the annotations only when a settings file is checked or an example written, never at start-up."""
        hints = get_type_hints(cls, include_extras=True)
        found = []
        for name in cls._fields:
            kind, option = hints[name].__origin__, hints[name].__metadata__[0]
            found.append((name, kind, cls._field_defaults[name], option.description, option.minimum, option.maximum))
        return found


# Text options are folder names, a language code and an engine name: short, on one line, no control characters
# (a NUL in a folder name makes os.stat raise ValueError long after the file was read).
MAX_TEXT = 1000
_LANGUAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}")


def check_value(
    kind: type, value: Any, minimum: float | None, maximum: float | None, name: str = "", off: float | None = None
) -> str | None:
    """Why `value` is not acceptable for an option of this kind and bounds (or its off value), or None."""
    if kind is bool:
        return None if isinstance(value, bool) else _("must be true or false")
    if kind in (int, float):
        return _number_problem(kind, value, minimum, maximum, off)
    return _text_problem(value, name)


def _number_problem(
    kind: type, value: Any, minimum: float | None, maximum: float | None, off: float | None
) -> str | None:
    """Why `value` is no number of this kind within the bounds (or its off value), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
        return _("must be a whole number") if kind is int else _("must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        return _("must be a finite number, not {value}").format(value=value)  # nan compares false with every bound
    if off is not None and value == off:
        return None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if off is not None:
            return _("must be {off:g} (off) or between {low:g} and {high:g}, not {value}").format(
                off=off, low=minimum, high=maximum, value=_number(value)
            )
        return _("must be between {low:g} and {high:g}, not {value}").format(
            low=minimum, high=maximum, value=_number(value)
        )
    return None


def _text_problem(value: Any, name: str) -> str | None:
    """Why `value` is no acceptable text for the option `name` (a language code, opening hours), or None."""
    if not isinstance(value, str):
        return _("must be text in quotes")
    if len(value) > MAX_TEXT:
        return _("must be at most {most} characters, not {count:,}").format(most=MAX_TEXT, count=len(value))
    if not value.isprintable():
        return _("must be text without control characters (no line breaks, tabs or NUL)")
    if name == "default_language" and not _LANGUAGE.fullmatch(value):
        return _("must be a language folder name such as ja or en, not {value!r}").format(value=value[:40])
    if name == "opening_hours":
        from kiosk.core.hours import HoursError, parse_hours  # only when a settings file names opening hours

        try:
            parse_hours(value)
        except HoursError as error:
            return _("must be opening hours such as 'mon-fri 09:00-18:00; sat 09:00-13:00': {error}").format(
                error=error
            )
    return None


def _number(value: float) -> str:
    """A number for a message; an integer too large for a float still prints (f"{10**400:g}" raises)."""
    try:
        return f"{value:g}"
    except OverflowError:  # the parser already refused integers of over 4,300 digits, so str() works
        digits = str(abs(value))
        return f"{'-' if value < 0 else ''}{digits[0]}e+{len(digits) - 1}"


def _first_line(text: str) -> int:
    """The first line with content: where a file that cannot be parsed at all is said to go wrong."""
    return next(
        (n for n, line in enumerate(text.split("\n"), start=1) if line.strip() and not line.lstrip().startswith("#")), 1
    )


def parse_settings(text: str, path: Path) -> tuple[Settings, list[ConfigError]]:
    """Parse settings TOML; bad options keep their defaults and are reported; never raises."""
    import tomllib  # here, not at the top: without a settings file, start-up never loads the TOML parser

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        return Settings(), [
            ConfigError(
                path, int(match.group(1)) if match else 1, "file", _("not valid TOML: {error}").format(error=error)
            )
        ]
    except (RecursionError, ValueError, MemoryError) as error:
        # 40,000 nested brackets recurse too deep; a 5,000-digit integer exceeds Python's int conversion limit.
        reason = _("nested too deeply") if isinstance(error, RecursionError) else str(error).split(";")[0]
        message = _("cannot be read as settings ({reason}); every option has its default").format(reason=reason)
        return Settings(), [ConfigError(path, _line_of_failure(text, error), "file", message)]

    def line_of(name: str) -> int:
        return key_line(text, name)

    declared = {name: (kind, low, high) for name, kind, _, _, low, high in Settings.declared()}
    offs = Settings.off_values()
    problems: list[ConfigError] = []
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in declared:
            shown = name if name.isprintable() and len(name) <= 40 else repr(name[:40])
            problems.append(ConfigError(path, line_of(name), shown, _unknown(name, list(declared))))
            continue
        kind, low, high = declared[name]
        why = check_value(kind, value, low, high, name, offs.get(name))
        if why:
            problems.append(ConfigError(path, line_of(name), name, _("{why}; using the default").format(why=why)))
        else:
            values[name] = value
    return Settings(**values), problems


def _unknown(name: str, declared: list[str]) -> str:
    """`unknown option (did you mean idle_seconds?)`, or where every option is listed: never the whole list."""
    import difflib

    close = difflib.get_close_matches(name, declared, n=1, cutoff=0.6)
    if close:
        return _("unknown option (did you mean {name}?)").format(name=close[0])
    return _("unknown option (`kiosk config example` lists every option)")


def _line_of_failure(text: str, error: BaseException) -> int:
    """The line a parser failure points at: the long number's line for a ValueError, else the deepest bracket's."""
    lines = text.split("\n")
    if isinstance(error, ValueError):
        found = next((n for n, line in enumerate(lines, start=1) if re.search(r"\d{4000}", line)), 0)
        if found:
            return found
    deepest = max(range(len(lines)), key=lambda n: lines[n].count("[") + lines[n].count("{"), default=0)
    return deepest + 1 if lines and (lines[deepest].count("[") + lines[deepest].count("{")) > 100 else _first_line(text)


def load_settings(path: Path) -> tuple[Settings, list[ConfigError]]:
    """Settings from `path`; a missing file means all defaults; problems are logged, never raised.

    A folder that cannot be searched (mode 000) is a problem like an unreadable file: defaults, never an exit."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return Settings(), []
    except OSError as error:  # PermissionError: the kiosk may not look into its config folder
        why = _("cannot be read ({why}); every option has its default").format(why=error.strerror)
        problems = [ConfigError(path, 1, "file", why)]
    else:
        try:
            text = read_text(path)
        except ContentError as error:
            problems = [ConfigError(path, error.line, "file", error.message)]
        else:
            settings, problems = parse_settings(text, path)
            for problem in problems:
                log.warning("settings: %s", problem)
            return settings, problems
    for problem in problems:
        log.warning("settings: %s", problem)
    return Settings(), problems


def folder_problems(settings: Settings, path: Path, text: str) -> list[ConfigError]:
    """What is wrong with the folders the settings name (for `kiosk config check` and the staff screen).

    content_folder must be a folder the kiosk can list: a missing one or a device (/dev/zero) would show patients
    the error page. `text` is the settings file's text, for the line."""
    if not settings.content_folder:
        return []
    folder = Path(settings.content_folder)
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        why = _("not found")
    except OSError as error:
        why = _("cannot be looked at ({why})").format(why=error.strerror)
    else:
        if not stat.S_ISDIR(info.st_mode):
            device = stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            why = _("not a folder (a device)") if device else _("not a folder")
        elif not os.access(folder, os.R_OK | os.X_OK):
            why = _("cannot be read by the kiosk")
        else:
            return []
    message = _("{folder}: {why}; patients would see the error page instead of the lessons").format(
        folder=folder, why=why
    )
    return [ConfigError(path, key_line(text, "content_folder"), "content_folder", message)]


def example_file() -> str:
    """A settings file with every option commented out at its default, for README and `kiosk config example`."""
    out = [_("# Clinic kiosk settings. Remove the '#' before an option to change it.")]
    offs = Settings.off_values()
    for name, kind, default, description, low, high in Settings.declared():  # descriptions: update_catalogs.py
        bounds = _(" ({low:g} to {high:g})").format(low=low, high=high) if low is not None and high is not None else ""
        if name in offs:
            bounds = _(" ({off:g} turns it off, or {low:g} to {high:g})").format(off=offs[name], low=low, high=high)
        value = str(default).lower() if kind is bool else (f'"{default}"' if kind is str else f"{default:g}")
        out += ["", f"# {_(description)}{bounds}", f"# {name} = {value}"]
    return "\n".join(out) + "\n"


def save_override(path: Path, name: str, value: str | bool | float) -> bool:
    """Write one option into the settings file, keeping everything else, comments too; False (logged) when it cannot.

    tomlkit writes the value, so a string is escaped as TOML needs (a Windows path, quotes, a line break).
    """
    import tomlkit  # only when staff change an option: ~14 ms that start-up never pays
    from tomlkit.exceptions import TOMLKitError

    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 120, not 120.0: an option declared whole stays valid
    try:
        text = read_text(path) if path.exists() or path.is_symlink() else ""  # checked: never a FIFO or a link out
        document = tomlkit.parse(text)
        document[name] = value
        replace_file(path, tomlkit.dumps(document).encode("utf-8"))
    except (OSError, ContentError) as error:
        log.warning("cannot save %s to %s (%s)", name, path, error)
        return False
    except (TOMLKitError, UnicodeDecodeError) as error:  # a file staff broke by hand: left as it is for them to fix
        log.warning("cannot save %s: %s is not a valid settings file (%s); see 'kiosk config check'", name, path, error)
        return False
    return True
