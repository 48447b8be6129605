"""Layout rules measured from the widgets (not from pixel colours): sizes, fit, overlap."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui.widgets.illustration import Illustration
from kiosk.ui.widgets.qr_view import QrView

MIN_BODY_PX, MIN_HEADING_PX, MIN_TARGET_PX, MIN_GAP_PX = 32, 48, 96, 24
HEADING_ROLES = {"heading", "title"}


def _visible(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())


def layout_problems(page: QWidget, root: QWidget, scale: float) -> list[str]:
    """Every rule the page breaks at this window scale (short side / 1080)."""
    labels = [w for w in page.findChildren(QLabel) if _visible(w, root) and w.text()]
    buttons = [w for w in page.findChildren(QAbstractButton) if _visible(w, root)]
    pictures = [w for w in page.findChildren(QWidget) if isinstance(w, Illustration | QrView) and _visible(w, root)]
    problems = [problem for label in labels for problem in _label_problems(label, scale)]
    problems += [problem for button in buttons for problem in _button_problems(button, scale)]
    bounds = root.rect()
    for widget in labels + buttons + pictures:
        if not bounds.contains(_rect(widget, root)):
            problems.append(f"{widget.objectName()} {_rect(widget, root)} is outside the window {bounds}")
    leaves = [w for w in labels + buttons + pictures if not any(b is not w and b.isAncestorOf(w) for b in buttons)]
    return problems + _overlaps(leaves, root) + _gaps(buttons, root, scale)


def _label_problems(label: QLabel, scale: float) -> list[str]:
    """A label's font below its floor, or its text cut (too little height, or width when it does not wrap)."""
    problems = []
    name = f"{label.objectName()} {label.text()[:20]!r}"
    size = label.font().pixelSize()
    floor = MIN_HEADING_PX if label.objectName() in HEADING_ROLES else MIN_BODY_PX
    if size < floor * scale - 0.5:
        problems.append(f"{name}: font {size}px < {floor * scale:.1f}px")
    needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    if needed > label.height() + 1:
        problems.append(f"{name}: text needs {needed}px height, has {label.height()}px (cut off)")
    if not label.wordWrap() and label.sizeHint().width() > label.width() + 1:
        problems.append(f"{name}: text needs {label.sizeHint().width()}px width, has {label.width()}px")
    return problems


def _button_problems(button: QAbstractButton, scale: float) -> list[str]:
    """A button below the target height, or its text cut."""
    problems = []
    name = button.text() or button.objectName()
    if button.height() < MIN_TARGET_PX * scale - 0.5:
        problems.append(f"button {name!r}: {button.height()}px tall < {MIN_TARGET_PX * scale:.1f}")
    if button.text() and button.sizeHint().width() > button.width() + 1:
        problems.append(f"button {name!r}: text needs {button.sizeHint().width()}px width, has {button.width()}px")
    return problems


def _overlaps(leaves: list[QWidget], root: QWidget) -> list[str]:
    """Each pair of labels, buttons and pictures (none inside a button) that overlap."""
    problems = []
    for index, first in enumerate(leaves):
        for second in leaves[index + 1 :]:
            if _rect(first, root).intersects(_rect(second, root)):
                problems.append(f"{_describe(first)} overlaps {_describe(second)}")
    return problems


def _gaps(buttons: list[QAbstractButton], root: QWidget, scale: float) -> list[str]:
    """Each pair of buttons (neither inside the other) closer than the gap between targets."""
    problems = []
    for index, first in enumerate(buttons):
        for second in buttons[index + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            gap = _gap(_rect(first, root), _rect(second, root))
            if gap < MIN_GAP_PX * scale - 0.5:
                problems.append(
                    f"{_describe(first)} and {_describe(second)} are {gap}px apart < {MIN_GAP_PX * scale:.1f}"
                )
    return problems


def _gap(a: QRect, b: QRect) -> int:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return max(dx, dy)


def _describe(widget: QWidget) -> str:
    text = widget.text()[:16] if isinstance(widget, QLabel | QAbstractButton) else ""
    return f"{type(widget).__name__}({widget.objectName()} {text!r})"
