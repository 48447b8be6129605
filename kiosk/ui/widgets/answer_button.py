"""A large answer button whose text wraps, with room for a tick or cross once answered."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.theme.styles import Metrics
from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.labels import text_label

ROLES = {"": "answer", "right": "answer_right", "wrong": "answer_wrong"}


class AnswerButton(QPushButton):
    """Text in a wrapping label inside the button, so long answers and large text never get cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="answer")  # type: ignore[call-overload]  # PySide6's stubs omit QObject's property keywords
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.icon_view = Illustration()
        self.label = text_label("answer_text")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self.icon_view)
        self._layout.addWidget(self.label, 1)
        self._min_height = 112
        # Grow with the text: the layouts ask heightForWidth once the policy says so.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_answer(self, text: str) -> None:
        self.label.setText(text)
        self.set_mark("", None)

    def set_mark(self, mark: str, icon: bytes | None) -> None:
        """mark: "" (not answered or neither), "right", or "wrong"; shown with an icon, never colour alone."""
        role = ROLES[mark]
        if self.objectName() != role:
            self.setObjectName(role)
            self.style().unpolish(self)
            self.style().polish(self)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)
        if icon is not None:
            self.icon_view.set_svg(mark, icon)
        self.icon_view.setVisible(icon is not None)

    def apply_metrics(self, m: Metrics) -> None:
        self._min_height = m.button_height
        side = m.px(64)
        self.icon_view.setFixedSize(side, side)
        self._layout.setContentsMargins(m.px(32), m.px(12), m.px(32), m.px(12))
        self._layout.setSpacing(m.px(20))
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        # Not every layout path asks heightForWidth (stacked pages in portrait): claim the height too.
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return max(self._min_height, self._layout.totalHeightForWidth(width))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = self._layout.totalSizeHint()
        return QSize(hint.width(), max(self._min_height, hint.height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._min_height * 2, self._min_height)
