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


class _Reader:
    """result.md read line by line: each kind of line goes to its own small method; problems as they are found."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[ContentError] = []
        self.heading = ""
        self.heading_line = 1
        self.takeaways: list[str] = []
        self.safety: list[str] = []  # `> ` lines under the points: one safety point, shown under them
        self.audio: tuple[str, int] | None = None  # the result screen's narration and its line
        self.image: tuple[str, int] | None = None  # the result screen's picture and its line
        # Each message: [line, headline, minimum or None, text lines]
        self.messages: list[tuple[int, str, list[int | None], list[str]]] = []

    def problem(self, number: int, message: str) -> None:
        self.problems.append(ContentError(self.path, number, message))

    def checked(self, source: str, number: int) -> str:
        """Inline Markdown to plain text; HTML or an over-long line is a problem at that line."""
        plain, why = inline_text(source)
        if why:
            self.problem(number, why)
        return plain

    def line(self, number: int, line: str) -> None:
        """One line of the file, by its kind: heading, message heading, a message's line, the heading's settings,
        a take-home point, the safety point; anything else is a problem."""
        stripped = line.strip()
        if line.startswith("# "):
            self.heading, self.heading_line = self.checked(line[2:], number), number
        elif line.startswith("## "):
            self.messages.append((number, self.checked(line[3:], number), [None], []))
        elif self.messages:
            self.message_line(number, line)
        elif self.heading and not self.takeaways and (own := _screen_settings(line)) is not None:
            self.screen_settings(number, own)
        elif self.heading and not self.safety and (item := _ITEM.match(line)):
            self.takeaways.append(self.checked(item.group(1), number))
        elif self.heading and self.takeaways and (quote := _QUOTE.match(line)):
            self.safety.append(self.checked(quote.group(1).strip(), number))
        else:
            self.problem(
                number,
                _(
                    "unexpected line {stripped!r}: expected '# heading', '- point', '> safety point' or '## message'"
                ).format(stripped=stripped[:30]),
            )

    def message_line(self, number: int, line: str) -> None:
        """Under a `## ` message: its `<!-- min: N -->`, another comment (skipped), or a line of its words."""
        comment = _COMMENT_LINE.match(line)
        settings = parse_settings(comment.group(1)) if comment else None
        if settings is not None and "min" in settings:
            value = settings["min"].rstrip("%")
            if not (value.isascii() and value.isdigit()) or not 0 <= int(value) <= 100:
                self.problem(
                    number, _("min must be a whole number from 0 to 100, not {min!r}").format(min=settings["min"])
                )
            else:
                self.messages[-1][2][0] = int(value)
        elif not comment:
            self.messages[-1][3].append(self.checked(line.strip(), number))

    def screen_settings(self, number: int, own: dict[str, str]) -> None:
        """The comment under the heading: the result screen's picture and recording."""
        for key in sorted(set(own) - set(HEADING_KEYS)):
            known = ", ".join(HEADING_KEYS)
            self.problem(number, _("unknown setting {key!r} here (it may name {known})").format(key=key, known=known))
        if own.get("audio"):
            self.audio = (own["audio"], number)
        if own.get("image"):
            self.image = (own["image"], number)

    def score_messages(self) -> list[ScoreMessage]:
        """The messages that have their minimum and words; a problem for each that has not."""
        parsed: list[ScoreMessage] = []
        for at, headline, (minimum,), words in self.messages:
            if minimum is None:
                self.problem(
                    at, _("the message needs <!-- min: N --> (the lowest percentage of right answers it is for)")
                )
            elif not words:
                self.problem(at, _("the message has no sentence under its heading"))
            else:
                parsed.append(ScoreMessage(minimum, headline, soft_joined(words)))
        return parsed

    def check_points(self) -> None:
        if not self.heading:
            self.problem(1, _("no '# ' heading for the take-home points"))
        if len(self.takeaways) != TAKEAWAY_COUNT:
            self.problem(
                self.heading_line,
                _("give exactly {takeaway_count} take-home points as '- ' lines, found {takeaways}").format(
                    takeaway_count=TAKEAWAY_COUNT, takeaways=len(self.takeaways)
                ),
            )


def parse_result(text: str, path: Path) -> tuple[ResultText | None, list[ContentError]]:
    """Parse the result file; return the texts, or None with every problem found."""
    reader = _Reader(path)
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            reader.line(number, line)
    reader.check_points()
    parsed = reader.score_messages()
    if not any(message.minimum == 0 for message in parsed) and not reader.problems:
        at = reader.messages[-1][0] if reader.messages else 1
        reader.problem(at, _("one message must have min: 0 so every score has words"))
    if reader.problems:
        return None, reader.problems
    ordered = tuple(sorted(parsed, key=lambda message: message.minimum, reverse=True))
    audio, image = reader.audio or (None, 1), reader.image or (None, 1)
    result = ResultText(reader.heading, tuple(reader.takeaways), ordered, *audio, *image)
    return result._replace(safety=" ".join(part for part in reader.safety if part)), []
