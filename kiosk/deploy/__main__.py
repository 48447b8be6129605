"""`python3 -m kiosk.deploy install|update|uninstall`: the same as `kiosk install|update|uninstall`."""

from __future__ import annotations

import sys

from kiosk.deploy.command import main

sys.exit(main())
