"""Start the kiosk: `python main.py [--windowed] [--size WxH]` (or any `kiosk` sub-command)."""

from __future__ import annotations

import sys

from kiosk.cli import COMMANDS, main

if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments or arguments[0] not in COMMANDS:
        arguments = ["run", *arguments]
    sys.exit(main(arguments))
