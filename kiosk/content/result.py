"""Parse result.md: the take-home points and the friendly words for each range of scores."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.content.markup import inline_text, soft_joined
from kiosk.content.model import ResultText, ScoreMessage
from kiosk.content.settings_comment import parse_settings
from kiosk.core.errors import ContentError
from kiosk.core.i18n import _

TAKEAWAY_COUNT = 3
_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")
_COMMENT_LINE = re.compile(r"^\s*<!--(.*?)-->\s*$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")


HEADING_KEYS = ("image", "audio")  # what the comment under the heading may name


def _screen_settings(line: str) -> dict[str, str] | None:
    """`<!-- image: result-friendly.svg; audio: result.ogg -->` under the heading: the result screen's own
    picture and recording; None when the line is no settings comment."""
    comment = _COMMENT_LINE.match(line)
    return parse_settings(comment.group(1)) if comment else None


def parse_result(text: str, path: Path) -> tuple[ResultText | None, list[ContentError]]:  # noqa: C901 (a line-by-line reader: one branch per kind of line)
    """Parse the result file; return the texts, or None with every problem found."""
    problems: list[ContentError] = []
    heading = ""
    heading_line = 1
    takeaways: list[str] = []
    safety: list[str] = []  # `> ` lines under the points: one safety point, shown under them
    audio: tuple[str, int] | None = None  # the result screen's narration and its line
    image: tuple[str, int] | None = None  # the result screen's picture and its line
    # Each message: [line, headline, minimum or None, text lines]
    messages: list[tuple[int, str, list[int | None], list[str]]] = []

    def checked(source: str, number: int) -> str:
        """Inline Markdown to plain text; HTML or an over-long line is a problem at that line."""
        plain, why = inline_text(source)
        if why:
            problems.append(ContentError(path, number, why))
        return plain

    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if line.startswith("# "):
            heading, heading_line = checked(line[2:], number), number
        elif line.startswith("## "):
            messages.append((number, checked(line[3:], number), [None], []))
        elif messages:
            comment = _COMMENT_LINE.match(line)
            settings = parse_settings(comment.group(1)) if comment else None
            if settings is not None and "min" in settings:
                value = settings["min"].rstrip("%")
                if not (value.isascii() and value.isdigit()) or not 0 <= int(value) <= 100:
                    problems.append(
                        ContentError(
                            path,
                            number,
                            _("min must be a whole number from 0 to 100, not {min!r}").format(min=settings["min"]),
                        )
                    )
                else:
                    messages[-1][2][0] = int(value)
            elif not comment:
                messages[-1][3].append(checked(stripped, number))
        elif heading and not takeaways and (own := _screen_settings(line)) is not None:
            for key in sorted(set(own) - set(HEADING_KEYS)):
                known = ", ".join(HEADING_KEYS)
                problems.append(
                    ContentError(
                        path,
                        number,
                        _("unknown setting {key!r} here (it may name {known})").format(key=key, known=known),
                    )
                )
            if own.get("audio"):
                audio = (own["audio"], number)
            if own.get("image"):
                image = (own["image"], number)
        elif heading and not safety and (item := _ITEM.match(line)):
            takeaways.append(checked(item.group(1), number))
        elif heading and takeaways and (quote := _QUOTE.match(line)):
            safety.append(checked(quote.group(1).strip(), number))
        else:
            problems.append(
                ContentError(
                    path,
                    number,
                    _(
                        "unexpected line {stripped!r}: expected '# heading', '- point', '> safety point'"
                        " or '## message'"
                    ).format(stripped=stripped[:30]),
                )
            )
    if not heading:
        problems.append(ContentError(path, 1, _("no '# ' heading for the take-home points")))
    if len(takeaways) != TAKEAWAY_COUNT:
        problems.append(
            ContentError(
                path,
                heading_line,
                _("give exactly {takeaway_count} take-home points as '- ' lines, found {takeaways}").format(
                    takeaway_count=TAKEAWAY_COUNT, takeaways=len(takeaways)
                ),
            )
        )
    parsed: list[ScoreMessage] = []
    for at, headline, (minimum,), words in messages:
        if minimum is None:
            problems.append(
                ContentError(
                    path, at, _("the message needs <!-- min: N --> (the lowest percentage of right answers it is for)")
                )
            )
        elif not words:
            problems.append(ContentError(path, at, _("the message has no sentence under its heading")))
        else:
            parsed.append(ScoreMessage(minimum, headline, soft_joined(words)))
    if not any(message.minimum == 0 for message in parsed) and not problems:
        problems.append(
            ContentError(
                path, messages[-1][0] if messages else 1, _("one message must have min: 0 so every score has words")
            )
        )
    if problems:
        return None, problems
    ordered = tuple(sorted(parsed, key=lambda message: message.minimum, reverse=True))
    result = ResultText(heading, tuple(takeaways), ordered, *(audio or (None, 1)), *(image or (None, 1)))
    return result._replace(safety=" ".join(part for part in safety if part)), []
