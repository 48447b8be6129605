"""The `kiosk` command: run, validate, render."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path

from kiosk import paths
from kiosk.app import Options

log = logging.getLogger("kiosk.cli")
COMMANDS = ("run", "validate", "render")


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
    run.add_argument("--content", type=Path, default=paths.SHIPPED_CONTENT, help="content folder")
    run.add_argument("--lang", default="ja", help="default language (a content folder name)")
    run.add_argument("--debug", action="store_true", help="log every state change")

    validate = commands.add_parser("validate", help="check a content folder; print path:line: message per problem")
    validate.add_argument("content", nargs="?", type=Path, default=paths.SHIPPED_CONTENT)

    render = commands.add_parser("render", help="draw every screen to numbered PNG files")
    render.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    render.add_argument("--size", type=_size, default=(1920, 1080))
    render.add_argument("--lang", default="ja")
    render.add_argument("--content", type=Path, default=paths.SHIPPED_CONTENT)
    return parser


def cmd_validate(content: Path) -> int:
    from kiosk.content.loader import load_library

    library, problems = load_library(content, paths.ILLUSTRATIONS)
    for problem in problems:
        print(problem)
    if library is None:
        print(f"{len(problems)} problem(s) found in {content}", file=sys.stderr)
        return 1
    languages = ", ".join(
        f"{code}: {len(lesson.deck.slides)} slides, {len(lesson.questions)} questions"
        for code, lesson in library.lessons.items()
    )
    print(f"{content}: OK ({languages})")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from kiosk.render import render_all

    options = Options(content=args.content, language=args.lang, size=args.size)
    written = render_all(options, args.out)
    print(f"wrote {len(written)} screens to {args.out}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import build, ensure_application
    from kiosk.logs import setup_logging

    log_file = setup_logging(paths.log_dir(), logging.DEBUG if args.debug else logging.INFO)
    log.info("starting; log file %s", log_file)
    app = ensure_application()
    kiosk = build(Options(content=args.content, language=args.lang, windowed=args.windowed, size=args.size))
    sys.excepthook = kiosk.excepthook
    kiosk.show()
    return app.exec()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return cmd_validate(args.content)
        if args.command == "render":
            return cmd_render(args)
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
