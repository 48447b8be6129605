"""The `kiosk` command: run, validate, new-lesson, render, set-pin, config, stats."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.app import cli_checks
from kiosk.config.options import Options
from kiosk.core import paths
from kiosk.core.i18n import N_, _
from kiosk.fleet import commands as fleet_commands

log = logging.getLogger("kiosk.cli")
COMMANDS = (
    "run", "validate", "new-lesson", "publish", "render", "handout", "narrate", "preview", "set-pin", "config",
    "stats", "fleet", "install", "update", "uninstall",
)  # fmt: skip


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})[xX](\d{3,5})", text)
    if not match:
        raise argparse.ArgumentTypeError(_("size must look like 1920x1080, not {text!r}").format(text=text))
    return int(match.group(1)), int(match.group(2))


class _Version(argparse.Action):
    """`kiosk --version`: the installed package's version, looked up only when asked (not at every start)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=_("print the kiosk's version and exit"))

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("clinic-kiosk")
        except PackageNotFoundError:  # run from a checkout that was never installed
            number = _("unknown (not installed)")
        print(f"kiosk {number}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = cli_checks.Parser(prog="kiosk", description=_("Patient-education kiosk for a clinic waiting room."))
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command")

    run = commands.add_parser("run", help=_("start the kiosk (fullscreen unless --windowed)"))
    run.add_argument("--windowed", action="store_true", help=_("an ordinary window for development and review"))
    run.add_argument(
        "--size", type=_size, default=(1920, 1080), help=_("window size with --windowed (default 1920x1080)")
    )
    run.add_argument(
        "--content", type=Path, help=_("content folder (default: the settings file's, or the shipped one)")
    )
    run.add_argument("--lang", help=_("default language, a content folder name (default: the settings file's)"))
    run.add_argument("--lockdown", action="store_true", help=_("lock the window down even with --windowed"))
    run.add_argument("--debug", action="store_true", help=_("log every state change"))

    set_pin = commands.add_parser(
        "set-pin", help=_("set the staff PIN (asked twice, never shown or stored in plain text)")
    )

    config = commands.add_parser("config", help=_("the settings file"))
    config_commands = config.add_subparsers(dest="config_command", required=True)
    check = config_commands.add_parser("check", help=_("print path:line: message for every bad option"))
    check.add_argument("file", nargs="?", type=Path, help=_("settings file (default: the platform's)"))
    example = config_commands.add_parser("example", help=_("print a settings file with every option and its default"))
    where = config_commands.add_parser("path", help=_("print where the settings file, logs and data live"))

    stats = commands.add_parser("stats", help=_("the anonymous visit statistics"))
    stats_commands = stats.add_subparsers(dest="stats_command", required=True)
    export = stats_commands.add_parser("export", help=_("write every visit to a CSV file (UTF-8 with BOM, for Excel)"))
    export.add_argument("--csv", type=Path, required=True, help=_("the CSV file to write"))
    fleet_commands.add_parsers(commands, stats_commands)
    from kiosk.deploy.arguments import add_parsers as add_deploy_parsers  # argparse only: cheap

    add_deploy_parsers(commands)

    validate = commands.add_parser(
        "validate", help=_("check a content, lesson or language folder; print path:line: message per problem")
    )
    validate.add_argument(
        "content", nargs="?", type=Path, default=paths.SHIPPED_CONTENT, help=_("content, lesson or language folder")
    )
    validate.add_argument("--strict", action="store_true", help=_("plain-language advice fails the check too"))
    validate.add_argument("--report", action="store_true", help=_("print the automatic part of a PEMAT-P score"))

    new = commands.add_parser("new-lesson", help=_("make a lesson folder from a small template that validates"))
    new.add_argument("name", help=_("the lesson's folder name and id: lower-case letters, digits and -"))
    new.add_argument(
        "--content",
        type=Path,
        required=True,
        help=_("the folder to make it in; a new lesson is never put where the kiosk shows it unless you say so"),
    )

    publish = commands.add_parser(
        "publish", help=_("check a lesson, then write its manifest: from then on kiosks show it (drafts they never do)")
    )
    publish.add_argument("lesson", type=Path, help=_("the lesson's folder (content/stretching), or its name"))
    publish.add_argument("--content", type=Path, help=_("the content folder holding the lesson named"))

    render = commands.add_parser("render", help=_("draw every screen to numbered PNG files"))
    render.add_argument("--out", type=Path, help=_("folder for the PNG files (needed unless --check or --lines)"))
    render.add_argument(
        "--check", action="store_true", help=_("lay out every screen and list its typesetting and layout problems")
    )
    render.add_argument(
        "--lines",
        action="store_true",
        help=_("print every laid-out line of every screen as JSON (screen, widget, line, size, text size, language)"),
    )
    render.add_argument("--size", type=_size, default=(1920, 1080), help=_("screen size (default 1920x1080)"))
    render.add_argument("--lang", default="ja", help=_("the lesson's language, a language folder's name (default ja)"))
    render.add_argument("--content", type=Path, default=paths.SHIPPED_CONTENT, help=_("content folder"))
    render.add_argument("--large-text", action="store_true", help=_("with the large-text aid on"))
    render.add_argument("--high-contrast", action="store_true", help=_("with the high-contrast aid on"))

    handout = commands.add_parser("handout", help=_("write a lesson as an A4 PDF handout to print"))
    handout.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
    handout.add_argument("--lesson", default="", help=_("the lesson's id (default: the first lesson)"))
    handout.add_argument("--lang", default="ja", help=_("the lesson's language, a language folder's name (default ja)"))
    handout.add_argument("--content", type=Path, default=paths.SHIPPED_CONTENT, help=_("content folder"))
    preview = commands.add_parser("preview", help=_("a window showing the lesson as it is being edited"))
    preview.add_argument(
        "lesson", nargs="?", type=Path, help=_("lesson or content folder (default: the settings file's)")
    )
    preview.add_argument("--size", type=_size, default=(1920, 1080), help=_("screen size (default 1920x1080)"))
    preview.add_argument("--lang", help=_("the lesson's language, a language folder's name (default: the first)"))
    narrate = commands.add_parser(
        "narrate", help=_("synthesise the narration of a lesson's slides, questions and explanations (offline voices)")
    )
    narrate.add_argument("lesson", type=Path, help=_("the lesson folder (content/stretching)"))
    narrate.add_argument("--lang", action="append", help=_("only this language (again for more; default: every one)"))
    for leaf in (set_pin, check, example, where, export, validate, new):
        _message_language(leaf)
    return parser


def _message_language(parser: argparse.ArgumentParser) -> None:
    """`--lang ja|en` on a command whose own words are all it prints (picked up before parsing, cli_checks)."""
    parser.add_argument("--lang", choices=("ja", "en"), help=_("language of the messages (default: the locale's)"))


_NOUNS = {
    "slide": (N_("{n} slide"), N_("{n} slides")),
    "question": (N_("{n} question"), N_("{n} questions")),
    "lesson": (N_("{n} lesson"), N_("{n} lessons")),
    "review reminder": (N_("{n} review reminder"), N_("{n} review reminders")),
}


def _count(number: int, noun: str) -> str:
    one, many = _NOUNS[noun]
    return _(one if number == 1 else many).format(n=number)


def cmd_validate(content: Path, strict: bool = False, report: bool = False, template_ok: bool = False) -> int:
    """Check every lesson under `content`; print each problem, or its advice and what was checked, lesson by lesson.

    Advice never fails the check unless `strict`; `report` adds the automatic part of a PEMAT-P score.
    `template_ok` (a lesson just made): lines still holding the template's words are listed as what is left to
    write, and do not fail the command.
    A lesson whose review is not recorded or over a year old gets a reminder, which never fails the check (only a
    person's review answers it, never an edit).
    """
    from datetime import date

    from kiosk.content.advice import advise_languages, format_report
    from kiosk.content.folders import LESSON_FILE, FolderShapeError, find_lessons, folder_tree
    from kiosk.content.loader import load_library
    from kiosk.content.parity import reference_language
    from kiosk.content.placeholders import PlaceholderError
    from kiosk.content.review import review_reminders

    library, problems = load_library(content)
    for problem in problems:
        print(problem)
    if any(isinstance(problem, FolderShapeError) for problem in problems):
        print(folder_tree())
    if library is None:
        if template_ok and problems and all(isinstance(p, PlaceholderError) for p in problems):
            print(
                _(
                    "{count} lines above still hold the template's words: write your own, then `kiosk validate {path}`;"
                    " until then the kiosk keeps the content it had"
                ).format(count=len(problems), path=content)
            )
            return 0
        print(_("{count} problem(s) found in {path}").format(count=len(problems), path=content), file=sys.stderr)
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
        print(_("lesson {id}: {languages}").format(id=lesson.id, languages=languages))
    summary = _("{path}: OK ({lessons})").format(path=content, lessons=_count(len(library.lessons), "lesson"))
    summary += _("; {count} advice").format(count=advice_count) if advice_count else ""
    print(summary + ("; " + _count(reminders, "review reminder") if reminders else ""))
    if report:
        print("\n".join(reports))
    if strict and advice_count:
        print(_("{count} advice in {path} (--strict)").format(count=advice_count, path=content), file=sys.stderr)
        return 1
    return 0


def cmd_new_lesson(name: str, content: Path) -> int:
    """Make CONTENT/NAME from the template and check it, so the practitioner starts from content that works.

    The folder is always the one named: a template's placeholder text must never reach patients by default.
    """
    from kiosk.content.new_lesson import NewLessonError, new_lesson

    if content.resolve().is_relative_to(paths.SHIPPED_ROOT.resolve()) and paths.SHIPPED_ROOT.name == "_shipped":
        refused = _("{folder} is inside the installed kiosk; make the lesson in a folder of your own")
        print("kiosk: " + refused.format(folder=content), file=sys.stderr)
        return 1
    try:
        folder = new_lesson(content, name)
    except NewLessonError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    message = _("made {folder}: edit its ja/ and en/ files and put its pictures in {pictures}")
    print(message.format(folder=folder, pictures=folder / "pictures"))
    return cmd_validate(folder, template_ok=True)


def cmd_publish(lesson: Path, content: Path | None) -> int:
    """Validate one lesson folder and write its manifest; print every problem instead when it is not ready."""
    from kiosk.content.publish import MANIFEST, publish

    folder = content / lesson if content is not None and not lesson.is_absolute() else lesson
    if not folder.is_dir():
        message = _("kiosk: no lesson folder {folder} (give its path, or its name with --content DIR)")
        print(message.format(folder=folder), file=sys.stderr)
        return 1
    manifest, problems = publish(folder)
    for problem in problems:
        print(problem)
    if manifest is None:
        message = _("{count} problem(s): {folder} not published (kiosks keep what they show)")
        print(message.format(count=len(problems), folder=folder), file=sys.stderr)
        return 1
    written = _("{count} files in {path}").format(count=len(manifest.files), path=folder / MANIFEST)
    message = _("published lesson {lesson} version {version}: {written}")
    print(message.format(lesson=manifest.lesson, version=manifest.version, written=written))
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    import os

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PDF needs fonts, not a screen
    from kiosk.app.handout import clinic_of
    from kiosk.app.handout_job import handout_for
    from kiosk.app.kiosk import ensure_application
    from kiosk.config.settings import load_settings

    ensure_application()
    # The clinic's name, address, phone and hours for the first page.
    settings, _problems = load_settings(paths.config_dir() / "settings.toml")
    notes: list[str] = []  # pictures too slow to draw, printed as a plain frame
    pages, problem = handout_for(args.content, args.lesson, args.lang, args.out, clinic_of(settings), notes)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    for note in notes:
        print(note, file=sys.stderr)
    print(_("wrote {count} pages to {path}").format(count=pages, path=args.out))
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from kiosk.app.render import Aids, render_all

    options = Options(content=args.content, language=args.lang, size=args.size)
    if args.lines:
        import json

        from kiosk.app.render_check import lines_all

        records = lines_all(options, Aids(args.large_text, args.high_contrast))
        print("[\n" + ",\n".join(json.dumps(record, ensure_ascii=False) for record in records) + "\n]")
        return 0
    if args.check:
        from kiosk.app.render_check import check_all, report

        problems = check_all(options, Aids(args.large_text, args.high_contrast))
        print(report(problems))
        return 1 if problems else 0
    if args.out is None:
        print(_("kiosk render: --out DIR is needed (or --check, or --lines)"), file=sys.stderr)
        return 2
    written = render_all(options, args.out, aids=Aids(args.large_text, args.high_contrast))
    print(_("wrote {count} screens to {path}").format(count=len(written), path=args.out))
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
        pin = ask(_("New staff PIN (digits, 6 suggested): "))
        validate_pin_format(pin)
        if ask(_("The same PIN again: ")) != pin:
            print(_("kiosk: the two PINs differ; nothing was changed"), file=sys.stderr)
            return 1
        save_pin(path, pin)
    except PinError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    except EOFError:
        print(_("kiosk: no PIN given; nothing was changed"), file=sys.stderr)
        return 1
    print(_("staff PIN saved (as a salted scrypt hash) in {path}").format(path=path))
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from kiosk.config.settings import example_file, folder_problems, load_settings
    from kiosk.core.errors import ContentError
    from kiosk.core.textfile import read_text

    if args.config_command == "example":
        print(example_file(), end="")
        return 0
    if args.config_command == "path":
        print(_("settings: {path}").format(path=paths.config_dir() / "settings.toml"))
        print(_("staff PIN: {path}").format(path=paths.config_dir() / "pin.json"))
        print(_("logs: {path}").format(path=paths.log_dir()))
        print(_("statistics and lockout: {path}").format(path=paths.data_dir()))
        return 0
    path = args.file or paths.config_dir() / "settings.toml"
    quiet = logging.getLogger("kiosk.config")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # the problems are printed below instead
    try:
        settings, problems = load_settings(path)
    finally:
        quiet.setLevel(level)
    try:
        text = read_text(path)
    except ContentError:
        text = ""
    problems += folder_problems(settings, path, text)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(
        _("{path}: OK").format(path=path)
        if os.path.lexists(path)
        else _("{path}: not found; every option has its default").format(path=path)
    )
    return 0


def cmd_narrate(lesson: Path, languages: list[str] | None) -> int:
    """Make the narration a lesson lacks; print each file made, then what was made, kept and left to recordings."""
    import time

    from kiosk.content.narrate import narrate
    from kiosk.content.voices import NarrationError

    started = time.perf_counter()
    try:
        done = narrate(lesson, languages, report=print)
    except NarrationError as error:
        print(f"kiosk narrate: {error}", file=sys.stderr)
        return 1
    for problem in done.problems:
        print(problem)
    if done.problems:
        message = _("{count} problem(s) in {lesson}: fix them first")
        print(message.format(count=len(done.problems), lesson=lesson), file=sys.stderr)
        return 1
    for name in done.removed:
        print(_("removed {name} (its words changed)").format(name=name))
    states = [made.state for made in done.made]
    words = {"made": N_("{count} made"), "kept": N_("{count} kept"), "recorded": N_("{count} recorded")}
    counts = _(", ").join(_(words[state]).format(count=states.count(state)) for state in words)
    message = _("{lesson}: narration {counts}; {removed} removed ({seconds:.1f} s)")
    print(
        message.format(lesson=lesson, counts=counts, removed=len(done.removed), seconds=time.perf_counter() - started)
    )
    return 0


def cmd_stats_export(target: Path, database: Path | None = None) -> int:
    import sqlite3

    from kiosk.stats.store import StatsStore

    database = database or paths.data_dir() / "visits.sqlite3"
    if not database.exists():
        print(_("kiosk: no statistics yet ({path} does not exist)").format(path=database), file=sys.stderr)
        return 1
    try:
        with StatsStore(database, repair=False) as store:
            rows = store.export_csv(target)
    except (OSError, sqlite3.Error) as error:
        print(_("kiosk: cannot export to {path}: {error}").format(path=target, error=error), file=sys.stderr)
        return 1
    print(_("wrote {count} visits to {path}").format(count=rows, path=target))
    return 0


def _refused(args: argparse.Namespace) -> str | None:
    """Why the command cannot run as typed (a folder or file that is not there, a language no lesson has)."""
    content = getattr(args, "content", None) or getattr(args, "lesson", None)
    if args.command in ("render", "handout", "run", "preview") and content is not None:
        problem = cli_checks.check_folder(content, _("a content folder (it holds one folder per lesson)"))
        if problem:
            return problem
    if args.command in ("render", "handout", "run", "preview") and args.lang:
        return cli_checks.check_language(content or _settings_content(), args.lang)
    if args.command == "config" and args.config_command == "check" and args.file and not args.file.exists():
        return _("{path}: no such settings file (`kiosk config path` shows where the kiosk reads it)").format(
            path=args.file
        )
    if args.command in ("stats", "fleet") and getattr(args, "folders", None):
        for folder in args.folders:
            problem = cli_checks.check_folder(folder, _("an outbox folder, or a folder holding one per kiosk"))
            if problem:
                return problem
    return None


def _settings_content() -> Path:
    """The content folder the settings file names, or the shipped one (a bad settings file is `config check`'s)."""
    from kiosk.config.settings import load_settings

    quiet = logging.getLogger("kiosk.config")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        settings, _problems = load_settings(paths.config_dir() / "settings.toml")
    finally:
        quiet.setLevel(level)
    return Path(settings.content_folder) if settings.content_folder else paths.SHIPPED_CONTENT


def _cmd_stats(args: argparse.Namespace) -> int:
    return fleet_commands.cmd_merge(args) if args.stats_command == "merge" else cmd_stats_export(args.csv)


def _cmd_deploy(args: argparse.Namespace) -> int:
    from kiosk.deploy.command import run as run_deploy

    return run_deploy(args)


def _cmd_preview(args: argparse.Namespace) -> int:
    from kiosk.app.preview import run_preview

    return run_preview(args.lesson or _settings_content(), args.size, args.lang)


# Each sub-command's function, given the parsed arguments (what each needs is imported when it runs).
COMMAND_RUNS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": lambda args: cmd_validate(args.content, strict=args.strict, report=args.report),
    "new-lesson": lambda args: cmd_new_lesson(args.name, args.content),
    "publish": lambda args: cmd_publish(args.lesson, args.content),
    "render": cmd_render,
    "handout": cmd_handout,
    "narrate": lambda args: cmd_narrate(args.lesson, args.lang),
    "set-pin": lambda _args: cmd_set_pin(),
    "config": cmd_config,
    "stats": _cmd_stats,
    "fleet": fleet_commands.cmd_fleet,
    "install": _cmd_deploy,
    "update": _cmd_deploy,
    "uninstall": _cmd_deploy,
    "run": cmd_run,
    "preview": _cmd_preview,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cli_checks.use_message_language(argv)
    parser = _parser()
    if not argv:  # a bare `kiosk` explains itself; `kiosk run` (and ./run-kiosk, main.py) start the kiosk
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
    refused = _refused(args)
    if refused:
        return cli_checks.fail(refused)
    command = COMMAND_RUNS.get(args.command)
    try:
        if command is not None:
            return command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kiosk fleet status | head`: the reader has all it wanted; no message, no traceback
        from kiosk.core.files import discard_output

        discard_output(sys.stdout)  # Python's flush at exit must not fail too
        return 141  # as a shell reports a command ended by SIGPIPE
    except OSError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    return 2
