"""A picture that changes by cross-fading, and a line of text that fades with it: the attract loop's only motion.

Built only when the loop first moves (never on the start-up path): `CrossFade.replacing` takes over the
plain Illustration that drew the first screen, with the pictures it already parsed and drew. At rest it
paints one cached pixmap and runs nothing. A fade lasts `fade_ms` (the wiring's; 0: the picture changes at
once) and repaints at most STEPS times; it ignores the mouse, so a touch during a fade reaches the page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QVariantAnimation, Signal
from PySide6.QtGui import QHideEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QWidget

from kiosk.ui.widgets.illustration import Illustration

FADE_MS = 600
STEPS = 12  # repaints per fade (20 a second over 0.6 s): smooth enough for a dissolve, cheap at rest


class CrossFade(Illustration):
    """An Illustration whose `fade_to` dissolves from the picture shown to another."""

    progressed = Signal(float)  # 0 to 1 while a fade runs (after each repaint step), 1.0 when it ends

    def __init__(self, fade_ms: int = FADE_MS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fade_ms = fade_ms
        self._previous = ""
        self._step = STEPS
        self._animation = QVariantAnimation(self, startValue=0.0, endValue=1.0)
        self._animation.valueChanged.connect(self._on_value)
        self._animation.finished.connect(self._end)

    @classmethod
    def replacing(cls, picture: Illustration, fade_ms: int) -> CrossFade:
        """A CrossFade in the place of `picture` in its parent's layout, showing what it showed; `picture` goes."""
        if isinstance(picture, CrossFade):
            return picture
        fade = cls(fade_ms, picture.parentWidget())
        fade._svgs, fade._aspects = picture._svgs, picture._aspects
        fade._renderers = {name: renderer for name, renderer in picture._renderers.items()}
        for renderer in fade._renderers.values():
            renderer.setParent(fade)
        fade._pixmaps = picture._pixmaps
        fade._name = picture.name
        fade.setSizePolicy(picture.sizePolicy())
        fade.setMinimumSize(picture.minimumSize())
        fade.setGeometry(picture.geometry())
        parent = picture.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            layout.replaceWidget(picture, fade)
        fade.setVisible(not picture.isHidden())
        picture.hide()
        picture.deleteLater()
        return fade

    @property
    def fading(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    @property
    def progress(self) -> float:
        """How far the fade is, 0 to 1 (1 at rest)."""
        return self._step / STEPS

    def fade_to(self, name: str, data: bytes) -> None:
        """Dissolve to this picture ("" for none); at once when hidden, when fades are off or nothing is shown."""
        self.stop()
        if name == self._name:
            return
        previous = self._name
        self.set_svg(name, data)
        if not self.isVisible() or self.fade_ms <= 0 or not previous:
            self.progressed.emit(1.0)
            return
        self._previous, self._step = previous, 0
        self._animation.setDuration(self.fade_ms)
        self._animation.start()
        self.progressed.emit(0.0)

    def stop(self) -> None:
        """End a fade now, on its new picture (hidden mid-fade, or another change comes)."""
        if self.fading:
            self._animation.stop()
            self._end()

    def _on_value(self, value: float) -> None:
        step = min(STEPS, int(value * STEPS))
        if step != self._step:  # the animation ticks at the screen's rate; repaint only at each step
            self._step = step
            self.update()
            self.progressed.emit(self.progress)

    def _end(self) -> None:
        self._previous, self._step = "", STEPS
        self.update()
        self.progressed.emit(1.0)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.stop()  # nothing runs behind another screen
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self._previous:
            super().paintEvent(event)
            return
        # Mixed in a buffer with Plus, so that halfway both pictures are at half strength and the page
        # does not show through where both are opaque (drawn straight on the page, it would, ~25 %).
        ratio = self.devicePixelRatioF()
        mixed = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        mixed.setDevicePixelRatio(ratio)
        mixed.fill(Qt.GlobalColor.transparent)
        into = QPainter(mixed)
        for name, opacity in ((self._previous, 1.0 - self.progress), (self._name, self.progress)):
            rect = self.image_rect(name)
            if not rect.isEmpty() and opacity > 0:
                into.setOpacity(opacity)
                into.drawPixmap(rect.topLeft(), self._pixmap_for(rect, name))
            into.setCompositionMode(QPainter.CompositionMode.CompositionMode_Plus)
        into.end()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, mixed)
        painter.end()


class LineFade:
    """Fades a label's text out and the next one in, following a CrossFade's progress (no clock of its own)."""

    def __init__(self, label: QLabel, fade: CrossFade) -> None:
        self.label = label
        self._fade = fade
        self._next: str | None = None
        fade.progressed.connect(self._follow)

    def change(self, text: str) -> None:
        """Show `text`: with the picture's fade when one runs (call after `fade_to`), else at once."""
        if not self._fade.fading:
            self._settle(text)
            return
        self._next = text
        self._follow(self._fade.progress)

    def stop(self) -> None:
        """End the picture's fade and this line's at once (the screen is drawn anew)."""
        self._fade.stop()
        self._settle(self.label.text() if self._next is None else self._next)

    def _follow(self, progress: float) -> None:
        if self._next is None:
            return
        if progress >= 1.0:
            self._settle(self._next)
            return
        effect = self.label.graphicsEffect()
        if not isinstance(effect, QGraphicsOpacityEffect):
            effect = QGraphicsOpacityEffect(self.label)
            self.label.setGraphicsEffect(effect)
        if progress >= 0.5 and self.label.text() != self._next:
            self.label.setText(self._next)  # the old line is out: the new one comes in
        effect.setOpacity(abs(1.0 - 2 * progress))

    def _settle(self, text: str) -> None:
        """The new line at full strength, and no effect left to paint through at rest."""
        self._next = None
        if self.label.graphicsEffect() is not None:
            self.label.setGraphicsEffect(None)  # type: ignore[arg-type]  # None removes (and deletes) it
        self.label.setText(text)
