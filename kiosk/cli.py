"""The `kiosk` command: run, validate, new-lesson, render, set-pin, config, stats."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.config.options import Options
from kiosk.core import paths
from kiosk.fleet import commands as fleet_commands

log = logging.getLogger("kiosk.cli")
COMMANDS = ("run", "validate", "new-lesson", "render", "handout", "set-pin", "config", "stats", "fleet")


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})[xX](\d{3,5})", text)
    if not match:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, not {text!r}")
    return int(match.group(1)), int(match.group(2))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Patient-education kiosk for a clinic waiting room.")
    commands = parser.add_subparsers(dest="command")

    run = commands.add_parser("run", help="start the kiosk (fullscreen unless --windowed)")
    run.add_argument("--windowed", action="store_true", help="an ordinary window for development and review")
    run.add_argument("--size", type=_size, default=(1920, 1080), help="window size with --windowed (default 1920x1080)")
    run.add_argument("--content", type=Path, help="content folder (default: the settings file's, or the shipped one)")
    run.add_argument("--lang", help="default language, a content folder name (default: the settings file's)")
    run.add_argument("--lockdown", action="store_true", help="lock the window down even with --windowed")
    run.add_argument("--debug", action="store_true", help="log every state change")

    commands.add_parser("set-pin", help="set the staff PIN (asked twice, never shown or stored in plain text)")

    config = commands.add_parser("config", help="the settings file")
    config_commands = config.add_subparsers(dest="config_command", required=True)
    check = config_commands.add_parser("check", help="print path:line: message for every bad option")
    check.add_argument("file", nargs="?", type=Path, help="settings file (default: the platform's)")
    config_commands.add_parser("example", help="print a settings file with every option and its default")
    config_commands.add_parser("path", help="print where the settings file, logs and data live")

    stats = commands.add_parser("stats", help="the anonymous visit statistics")
    stats_commands = stats.add_subparsers(dest="stats_command", required=True)
    export = stats_commands.add_parser("export", help="write every visit to a CSV file (UTF-8 with BOM, for Excel)")
    export.add_argument("--csv", type=Path, required=True, help="the CSV file to write")
    fleet_commands.add_parsers(commands, stats_commands)

    validate = commands.add_parser(
        "validate", help="check a content, lesson or language folder; print path:line: message per problem"
    )
    validate.add_argument("content", nargs="?", type=Path, default=paths.SHIPPED_CONTENT)
    validate.add_argument("--strict", action="store_true", help="plain-language advice fails the check too")
    validate.add_argument("--report", action="store_true", help="print the automatic part of a PEMAT-P score")

    new = commands.add_parser("new-lesson", help="make a lesson folder from a small template that validates")
    new.add_argument("name", help="the lesson's folder name and id: lower-case letters, digits and -")
    new.add_argument("--content", type=Path, help="content folder (default: the settings file's, or the shipped one)")

    render = commands.add_parser("render", help="draw every screen to numbered PNG files")
    render.add_argument("--out", type=Path, help="folder for the PNG files (needed unless --check)")
    render.add_argument(
        "--check", action="store_true", help="lay out every screen and list its typesetting and layout problems"
    )
    render.add_argument("--size", type=_size, default=(1920, 1080))
    render.add_argument("--lang", default="ja")
    render.add_argument("--content", type=Path, default=paths.SHIPPED_CONTENT)
    render.add_argument("--large-text", action="store_true", help="with the large-text aid on")
    render.add_argument("--high-contrast", action="store_true", help="with the high-contrast aid on")

    handout = commands.add_parser("handout", help="write a lesson as an A4 PDF handout to print")
    handout.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    handout.add_argument("--lesson", default="", help="the lesson's id (default: the first lesson)")
    handout.add_argument("--lang", default="ja")
    handout.add_argument("--content", type=Path, default=paths.SHIPPED_CONTENT)
    return parser


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def cmd_validate(content: Path, strict: bool = False, report: bool = False) -> int:
    """Check every lesson under `content`; print each problem, or its advice and what was checked, lesson by lesson.

    Advice never fails the check unless `strict`; `report` adds the automatic part of a PEMAT-P score. A lesson
    whose review is not recorded or over a year old gets a reminder, which never fails the check (only a person's
    review answers it, never an edit).
    """
    from datetime import date

    from kiosk.content.advice import advise_languages, format_report
    from kiosk.content.folders import LESSON_FILE, find_lessons
    from kiosk.content.loader import load_library
    from kiosk.content.parity import reference_language
    from kiosk.content.review import review_reminders

    library, problems = load_library(content)
    for problem in problems:
        print(problem)
    if library is None:
        print(f"{len(problems)} problem(s) found in {content}", file=sys.stderr)
        return 1
    folders = {folder.id: folder for folder in find_lessons(content)[0]}
    advice_count = reminders = 0
    reports: list[str] = []
    for lesson in library.lessons.values():
        first = reference_language(lesson.languages)
        review = lesson.translation(first).review
        found_at = folders[lesson.id]
        deck = found_at.languages[0] / "deck.md" if found_at.languages else None
        for reminder in review_reminders(found_at.path / LESSON_FILE, review, date.today(), deck):
            print(reminder)
            reminders += 1
        ordered = sorted(lesson.translations.items(), key=lambda item: (item[0] != first, item[0]))
        found = advise_languages(folders[lesson.id].languages, lesson)
        for code, text in ordered:
            for advice in found.get(code, []):
                print(advice)
            name = code if len(library.lessons) == 1 else f"{lesson.id}/{code}"
            reports += format_report(name, found.get(code, []), len(text.deck.slides))
            advice_count += len(found.get(code, []))
        languages = ", ".join(
            f"{code} {_count(len(text.deck.slides), 'slide')} {_count(len(text.questions), 'question')}"
            for code, text in ordered
        )
        print(f"lesson {lesson.id}: {languages}")
    summary = f"{content}: OK ({_count(len(library.lessons), 'lesson')})"
    if advice_count:
        summary += f"; {advice_count} advice"
    print(summary + (f"; {_count(reminders, 'review reminder')}" if reminders else ""))
    if report:
        print("\n".join(reports))
    if strict and advice_count:
        print(f"{advice_count} advice in {content} (--strict)", file=sys.stderr)
        return 1
    return 0


def cmd_new_lesson(name: str, content: Path | None) -> int:
    """Make content/NAME from the template and check it, so the practitioner starts from content that works."""
    from kiosk.config.settings import load_settings
    from kiosk.content.new_lesson import NewLessonError, new_lesson

    if content is None:
        logging.getLogger("kiosk.config").setLevel(logging.CRITICAL)  # a bad settings file is `config check`'s
        settings, _ = load_settings(paths.config_dir() / "settings.toml")
        content = Path(settings.content_folder) if settings.content_folder else paths.SHIPPED_CONTENT
    try:
        folder = new_lesson(content, name)
    except NewLessonError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    print(f"made {folder}: edit its ja/ and en/ files and put its pictures in {folder / 'pictures'}")
    return cmd_validate(folder)


def cmd_handout(args: argparse.Namespace) -> int:
    import os

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PDF needs fonts, not a screen
    from kiosk.app.handout import clinic_of, handout_for
    from kiosk.app.kiosk import ensure_application
    from kiosk.config.settings import load_settings

    ensure_application()
    settings, _ = load_settings(paths.config_dir() / "settings.toml")  # the clinic's name, address, phone, hours
    pages, problem = handout_for(args.content, args.lesson, args.lang, args.out, clinic_of(settings))
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"wrote {pages} pages to {args.out}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from kiosk.app.render import Aids, render_all

    options = Options(content=args.content, language=args.lang, size=args.size)
    if args.check:
        from kiosk.app.render_check import check_all, report

        problems = check_all(options, Aids(args.large_text, args.high_contrast))
        print(report(problems))
        return 1 if problems else 0
    if args.out is None:
        print("kiosk render: --out DIR is needed (or --check)", file=sys.stderr)
        return 2
    written = render_all(options, args.out, aids=Aids(args.large_text, args.high_contrast))
    print(f"wrote {len(written)} screens to {args.out}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app.kiosk import run  # logging, the fault hooks and Qt are set up there, the one wiring module

    options = Options(
        content=args.content,
        language=args.lang,
        windowed=args.windowed,
        size=args.size,
        lockdown=True if args.lockdown else None,
        cache_dir=paths.cache_dir(),
        watch_content=True,
    )
    return run(options, debug=args.debug)


def cmd_set_pin(ask: Callable[[str], str] | None = None) -> int:
    """Ask for the PIN twice (hidden typing) and store its hash; `ask` replaces the prompt in tests."""
    from getpass import getpass

    from kiosk.staff.pin import PinError, save_pin, validate_pin_format

    ask = ask or getpass
    path = paths.config_dir() / "pin.json"
    try:
        pin = ask("New staff PIN (digits, 6 suggested): ")
        validate_pin_format(pin)
        if ask("The same PIN again: ") != pin:
            print("kiosk: the two PINs differ; nothing was changed", file=sys.stderr)
            return 1
        save_pin(path, pin)
    except PinError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    except EOFError:
        print("kiosk: no PIN given; nothing was changed", file=sys.stderr)
        return 1
    print(f"staff PIN saved (as a salted scrypt hash) in {path}")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from kiosk.config.settings import example_file, load_settings

    if args.config_command == "example":
        print(example_file(), end="")
        return 0
    if args.config_command == "path":
        print(f"settings: {paths.config_dir() / 'settings.toml'}")
        print(f"staff PIN: {paths.config_dir() / 'pin.json'}")
        print(f"logs: {paths.log_dir()}")
        print(f"statistics and lockout: {paths.data_dir()}")
        return 0
    path = args.file or paths.config_dir() / "settings.toml"
    logging.getLogger("kiosk.config").setLevel(logging.CRITICAL)  # the problems are printed below instead
    _, problems = load_settings(path)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{path}: OK" if path.exists() else f"{path}: not found; every option has its default")
    return 0


def cmd_stats_export(target: Path, database: Path | None = None) -> int:
    import sqlite3

    from kiosk.stats.store import StatsStore

    database = database or paths.data_dir() / "visits.sqlite3"
    if not database.exists():
        print(f"kiosk: no statistics yet ({database} does not exist)", file=sys.stderr)
        return 1
    try:
        with StatsStore(database, repair=False) as store:
            rows = store.export_csv(target)
    except (OSError, sqlite3.Error) as error:
        print(f"kiosk: cannot export to {target}: {error}", file=sys.stderr)
        return 1
    print(f"wrote {rows} visits to {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return cmd_validate(args.content, strict=args.strict, report=args.report)
        if args.command == "new-lesson":
            return cmd_new_lesson(args.name, args.content)
        if args.command == "render":
            return cmd_render(args)
        if args.command == "handout":
            return cmd_handout(args)
        if args.command == "set-pin":
            return cmd_set_pin()
        if args.command == "config":
            return cmd_config(args)
        if args.command == "stats":
            return fleet_commands.cmd_merge(args) if args.stats_command == "merge" else cmd_stats_export(args.csv)
        if args.command == "fleet":
            return fleet_commands.cmd_fleet(args)
        if args.command in (None, "run"):
            if args.command is None:
                args = _parser().parse_args(["run"])
            return cmd_run(args)
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    return 2
