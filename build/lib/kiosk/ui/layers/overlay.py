"""Base for full-window layers drawn over the screens (idle prompt, PIN pad, staff menu)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


class Overlay(QWidget):
    """Covers the whole window with the page background; the screen below keeps its state."""

    # Staff screens keep the normal text size when a patient has turned large text on: they are laid
    # out for staff, and the visit's aids are the patient's. High contrast applies to every layer.
    for_staff = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")  # type: ignore[call-arg]  # PySide6's stubs omit QObject's property keywords
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
