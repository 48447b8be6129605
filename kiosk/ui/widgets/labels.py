"""Text labels as the kiosk needs them: wrapping, never selectable, never opening links."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def text_label(role: str, parent: QWidget | None = None) -> QLabel:
    """A wrapping plain-text label styled by `role` (its objectName) that never selects text or opens links."""
    label: QLabel = QLabel(parent, objectName=role)  # type: ignore[call-overload]  # PySide6's stubs omit QObject's property keywords
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # never guess rich text; only the slide body asks for it
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setOpenExternalLinks(False)
    return label
