"""After an unexpected error the screen ends clean: the attract screen, or a calm page when even that fails.

Whatever the error, the next patient must never see the last patient's page, nor a traceback or a file
path. So the exception hook starts over, then checks that the attract screen really is up; if starting
over failed, or the error came from the attract screen itself (drawing it, say, which would leave the old
page's pixels on screen), it shows the calm page instead and tries the attract screen again later.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.app")

# Shown when the lesson cannot be shown: the same words in both shipped languages, no detail (that goes to
# the log and the staff menu). Fixed here because the content that would hold them may be what failed.
CALM_HEADING = "受付にお声がけください\nPlease ask at the front desk"
CALM_BODY = "ただいま、この画面はご利用いただけません。\nThis screen is not available at the moment."
EXIT_UNRECOVERABLE = 70  # EX_SOFTWARE: the unit restarts the kiosk, which is a clean page too


class Recovery(QObject):
    """The exception hook's logic; `restart` ends the visit and shows the attract screen (or raises)."""

    def __init__(
        self,
        window: KioskWindow,
        restart: Callable[[], None],
        at_attract: Callable[[], bool],
        retry_ms: int,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._restart = restart
        self._at_attract = at_attract
        self._retry = QTimer(self, singleShot=True, interval=retry_ms)
        self._retry.timeout.connect(self._try_attract)

    def excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        """Log an exception raised in any handler and end on a clean page instead of dying."""
        log.critical("unexpected error, starting over:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if self.window.current_page is self.window.error and self._retry.isActive():
            return  # already on the calm page, waiting to try again
        self._try_attract(came_from_attract=self._at_attract())

    def show_calm(self, retry: bool = True) -> None:
        """The calm page (every layer closed); with `retry`, the attract screen is tried again later."""
        try:
            for layer in self.window.layers:
                layer.hide()
            self.window.error.show_message(CALM_HEADING, CALM_BODY)
            self.window.show_page(self.window.error)
        except Exception:  # not even a page of two labels: a restart by the unit is the clean page left
            log.critical("the calm page could not be shown; exiting for a restart:\n%s", traceback.format_exc())
            QApplication.exit(EXIT_UNRECOVERABLE)
            return
        if retry:
            self._retry.start()

    def _try_attract(self, came_from_attract: bool = False) -> None:
        try:
            self._restart()
        except Exception:  # the recovery itself failed: the log has both
            log.critical("starting over failed:\n%s", traceback.format_exc())
            self.show_calm()
            return
        if came_from_attract or self.window.current_page is not self.window.attract:
            self.show_calm()
