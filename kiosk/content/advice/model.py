"""An advice: a `path:line:` report that never fails validation unless asked to (`kiosk validate --strict`)."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.advice.items import label
from kiosk.core.errors import LocatedError
from kiosk.core.i18n import _


# A LocatedError so advice reads like every other report (`path:line: ...`); it is printed, never raised.
class ContentAdvice(LocatedError):  # noqa: N818
    """Plain-language advice at one line of a content file, naming the PEMAT-P item it serves."""

    def __init__(self, path: Path | str, line: int, rule: str, item: int | None, advice: str) -> None:
        self.rule = rule
        self.item = item  # None: an aid PEMAT-P (printable material) has no item for, such as narration
        self.advice = advice
        super().__init__(
            path, line, _("advice: {advice} [{item}]").format(advice=advice, item=label(item) if item else rule)
        )
