"""One application-wide event filter: notices activity, keeps patients in, opens the staff layer.

- Every touch, click or key counts as activity (the idle timers listen).
- In lockdown, keys do nothing except the staff chord (and typing while the PIN pad is open);
  context menus never open, right clicks do nothing.
- Holding the top-right corner for the configured time asks for the staff layer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

STAFF_CHORD = QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_K)
CORNER_FRACTION = 0.05  # the hot corner: 5 % of the short side (54 px at 1080 p), inside the page margin
CORNER_MIN_PX = 36
HOLD_SLOP_PX = 40  # a finger may wander this far while holding
WATCHED = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.ContextMenu,
        QEvent.Type.KeyPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.KeyRelease,
    }
)


def corner_side(short_side: float) -> int:
    """The hot corner's side for a window whose short side is this long (the aids bar keeps clear of it)."""
    return max(CORNER_MIN_PX, round(short_side * CORNER_FRACTION))


class InputGuard(QObject):
    activity = Signal()
    staff_requested = Signal()

    def __init__(self, window: QWidget, hold_ms: int, lockdown: bool) -> None:
        super().__init__(window)
        self.window = window
        self.lockdown = lockdown
        self.typing_allowed = False  # the PIN pad is open
        self._hold = QTimer(self, singleShot=True, interval=hold_ms)
        self._hold.timeout.connect(self.staff_requested)
        self._hold_origin: QPoint | None = None

    def set_typing_allowed(self, allowed: bool) -> None:
        """Let keys through in lockdown while the PIN pad is open (the staff layer says when)."""
        self.typing_allowed = allowed

    @property
    def holding(self) -> bool:
        """A press in the staff corner is being held (the staff hold's clock runs)."""
        return self._hold.isActive()

    def in_corner(self, global_pos: QPoint) -> bool:
        local = self.window.mapFromGlobal(global_pos)
        side = corner_side(min(self.window.width(), self.window.height()))
        return local.x() >= self.window.width() - side and 0 <= local.y() < side

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind not in WATCHED:  # paints, layouts, timers: the vast majority, let through at once
            return False
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self.activity.emit()
            if event.button() != Qt.MouseButton.LeftButton:
                return self.lockdown
            if self._hold_origin is None and self.in_corner(event.globalPosition().toPoint()):
                self._hold_origin = event.globalPosition().toPoint()
                self._hold.start()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and self._hold_origin is not None:
            if (event.globalPosition().toPoint() - self._hold_origin).manhattanLength() > HOLD_SLOP_PX:
                self._cancel_hold()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._cancel_hold()
        elif kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate):
            self.activity.emit()
        elif kind == QEvent.Type.ContextMenu:
            return True  # never a context menu, locked down or not
        elif kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            return self._key(event)
        elif kind == QEvent.Type.KeyRelease:
            return self.lockdown and not self.typing_allowed
        return False

    def _key(self, event: QKeyEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.activity.emit()
        if event.keyCombination() == STAFF_CHORD:
            if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self.staff_requested.emit()
            return True
        # In lockdown, Escape, Alt+F4, F-keys, Ctrl+W/Q/N/P and everything else do nothing.
        return self.lockdown and not (self.typing_allowed and self._is_typing(event))

    @staticmethod
    def _is_typing(event: QKeyEvent) -> bool:
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.NoModifier):
            return False
        return event.text().isdigit() or event.key() in (
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Escape,
        )

    def _cancel_hold(self) -> None:
        self._hold.stop()
        self._hold_origin = None
