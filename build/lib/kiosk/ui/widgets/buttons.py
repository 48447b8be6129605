"""Big touch buttons: the roles the style sheet knows, no keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget


def touch_button(text: str = "", role: str = "", parent: QWidget | None = None) -> QPushButton:
    """A QPushButton styled by `role` ("primary", "answer", or "" for a secondary button)."""
    # QPushButton(parent) then setText: the (text, parent) overload makes PySide build QIcon's enums
    # (~1.5 ms) just to rule out the icon constructors.
    button = QPushButton(parent)
    button.setText(text)
    if role:
        button.setObjectName(role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    return button
