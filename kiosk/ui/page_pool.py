"""Pages laid out ahead: a few instances of one page, each keeping the screen it was last given.

While a patient reads, the wiring gives spare instances the screens a tap can lead to (the next and the
previous slide, a question with each answer chosen) and lays them out off screen; the tap then only switches
which instance is shown. An instance is shown for a screen only when it was given exactly that screen's data
(`key`: everything its setter takes), for the window's present size and aids (`context`), and nothing has
moved on it since (`state`: for example which part of a slide's text is shown): a prepared page is never stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

P = TypeVar("P", bound=QWidget)


class _Entry(Generic[P]):
    """One instance and what it holds: the data it was given, the window's context then, its own state then."""

    def __init__(self, page: P) -> None:
        self.page = page
        self.key: object = None
        self.context: object = None
        self.state: object = None
        self.used = 0  # when it was last shown or prepared (a counter): the oldest spare is given a new screen
        self.pixels: QPixmap | None = None  # drawn when it was laid out ahead: the transition paints these


class PagePool(Generic[P]):
    """Up to `size` instances of one page; `current` is the one shown (or last shown)."""

    def __init__(
        self,
        first: P,
        make: Callable[[], P],
        context: Callable[[], object],
        size: int = 3,
        state: Callable[[P], object] = lambda _: None,
        draw: Callable[[P], QPixmap] | None = None,
    ) -> None:
        self._entries: list[_Entry[P]] = [_Entry(first)]
        self._make = make
        self._context = context
        self._state = state
        self._draw = draw  # the page's pixels as a transition shows them; without it they are drawn and dropped
        self.size = size
        self._current = self._entries[0]
        self._clock = 0
        self.hits = 0  # screens shown from a page laid out ahead (tests and benchmarks read them)
        self.misses = 0

    @property
    def current(self) -> P:
        return self._current.page

    @property
    def pages(self) -> list[P]:
        return [entry.page for entry in self._entries]

    def holds(self, key: object) -> P | None:
        """The instance that shows exactly this screen in the present context, if one does."""
        entry = self._find(key)
        return entry.page if entry is not None else None

    def show(self, key: object, setup: Callable[[P], None]) -> P:
        """The instance to show for this screen: one laid out ahead for it, else the current one given it now."""
        entry = self._find(key)
        if entry is None:
            self.misses += 1
            entry = self._current
            self._give(entry, key, setup)
        else:
            self.hits += 1
            self._tick(entry)
        self._current = entry
        return entry.page

    def prepare(self, key: object, setup: Callable[[P], None], geometry: QRect) -> bool:
        """Give a spare instance this screen and lay it out off screen, drawn once (so its text and picture are
        ready, and its pixels kept for the transition); keeps the one in use. False when one already held it."""
        if self._find(key) is not None or self.size < 2:
            return False
        entry = self._spare()
        page = entry.page
        if page.geometry() != geometry:
            page.setGeometry(geometry)
        self._give(entry, key, setup)
        # Its layouts first, top down, as a shown page's run before it paints. Render only sends a hidden widget's
        # pending resizes, and a layout its new content invalidated (a nested one: the text column's, the slide's
        # heading, text and picture) does not follow a resize until it is run: it was drawn where the screen this
        # instance last held put things (the heading 3-30 px off at 1080x1920), then jumped when shown.
        for widget in [page, *page.findChildren(QWidget)]:  # parents before their children
            layout = widget.layout() if isinstance(widget, QWidget) else None
            if layout is not None:
                layout.activate()
        # Rendering the hidden widget then draws it as shown: its documents are laid out and its picture rendered
        # at the size shown, so showing it later only paints.
        if self._draw is not None:
            entry.pixels = self._draw(page)
        else:
            page.render(QPixmap(page.size()))
        entry.state = self._state(page)  # after the layout: a slide's parts are known only then
        return True

    def pixels(self) -> QPixmap | None:
        """The current instance's pixels drawn ahead, while it still shows what it was given."""
        return self._current.pixels if self.token() is not None else None

    def forget(self) -> None:
        """Nothing held is shown again (new content, a reload): every instance is given its screen anew."""
        for entry in self._entries:
            entry.key, entry.pixels = None, None

    def token(self) -> object | None:
        """What the current instance shows, while it still shows what it was given (None once it moved on)."""
        entry = self._current
        if entry.key is None or entry.context != self._context() or entry.state != self._state(entry.page):
            return None
        return (id(entry.page), entry.key, entry.context, entry.state)

    # -- internals --------------------------------------------------------------------------
    def _find(self, key: object) -> _Entry[P] | None:
        context = self._context()
        for entry in self._entries:
            if entry.key is not None and entry.key == key and entry.context == context:
                if entry.state == self._state(entry.page):
                    return entry
                entry.key = None  # it moved on since (another part of the slide): never shown for that key again
        return None

    def _give(self, entry: _Entry[P], key: object, setup: Callable[[P], None]) -> None:
        entry.key, entry.pixels = None, None  # while its setter runs, and for good if the setter fails
        setup(entry.page)
        entry.key, entry.context, entry.state = key, self._context(), self._state(entry.page)
        self._tick(entry)

    def _tick(self, entry: _Entry[P]) -> None:
        self._clock += 1
        entry.used = self._clock

    def _spare(self) -> _Entry[P]:
        spares = [entry for entry in self._entries if entry is not self._current]
        if len(self._entries) < self.size:
            entry = _Entry(self._make())
            self._entries.append(entry)
            return entry
        return min(spares, key=lambda entry: entry.used)


def relay_signals(source: QWidget, target: QWidget) -> None:
    """Connect each signal the page's own class declares on `source` to the same signal of `target`: the wiring
    connected the first instance only, and a spare instance, once shown, reports through it."""
    for name, value in vars(type(target)).items():
        if isinstance(value, Signal):
            getattr(source, name).connect(getattr(target, name))
