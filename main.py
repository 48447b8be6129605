"""Start the kiosk: `python main.py [--windowed] [--size WxH]` (or any `kiosk` sub-command)."""

from __future__ import annotations

import gc

# Start-up only makes objects that live as long as the kiosk: collecting them is wasted time. The kiosk
# turns the collector back on (and freezes what start-up made) once its first screen is up.
gc.disable()

import sys  # noqa: E402 (after the line above, so that no import pays for collections)

from kiosk.cli import COMMANDS, main  # noqa: E402

if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments or arguments[0] not in COMMANDS:
        arguments = ["run", *arguments]
    if arguments[0] != "run":
        gc.enable()  # the other commands are short and have no first screen to wait for
    sys.exit(main(arguments))
