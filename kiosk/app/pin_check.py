"""The PIN check off the UI thread: scrypt takes most of a second (and a file's cost is bounded, not free).

One check at a time in a worker thread; its outcome comes back through `done`, queued to the UI thread, so the
pad keeps drawing (and shows that it is checking) while the hash is computed.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

from kiosk.staff.gate import Outcome, StaffGate, Verdict

log = logging.getLogger("kiosk.staff")


class PinCheck(QObject):
    """Runs StaffGate.try_pin in a worker thread; `done(outcome)` arrives on the UI thread."""

    done = Signal(object)  # an Outcome

    def __init__(self, gate: StaffGate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self._worker: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def start(self, attempt: str) -> bool:
        """Check `attempt` in the background; False (nothing started) while another check runs."""
        if self.busy:
            return False
        self._worker = threading.Thread(target=self._run, args=(attempt,), name="pin-check", daemon=True)
        self._worker.start()
        return True

    def _run(self, attempt: str) -> None:
        try:
            outcome = self.gate.try_pin(attempt)
        except Exception:  # never leave the pad waiting: an unexpected error keeps the menu shut
            log.exception("staff PIN check failed")
            outcome = Outcome(Verdict.NO_PIN)
        self.done.emit(outcome)  # queued: the receiver lives on the UI thread

    def wait(self) -> None:
        """Finish the check under way and deliver its outcome now (the render command's walk)."""
        if self._worker is not None:
            self._worker.join()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
